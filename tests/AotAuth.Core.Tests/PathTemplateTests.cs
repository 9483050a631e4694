using System.Collections.Immutable;

namespace AotAuth.Core.Tests;

public class PathTemplateTests
{
    [Theory]
    [InlineData("/user", "Literal:user")]
    [InlineData("/user/{id}", "Literal:user,Parameter:id")]
    [InlineData("/files/{proxy+}", "Literal:files,Greedy:proxy")]
    [InlineData("/a/{}/b{x}/{x}y", "Literal:a,Literal:{},Literal:b{x},Literal:{x}y")]
    [InlineData("/", "Literal:")]
    public void Parse_DecidesEachSegment_ByOneRule(string path, string expected)
    {
        Assert.Equal(expected, string.Join(',', PathTemplate.Parse(path).Segments.Select(s => $"{s.Kind}:{s.Text}")));
    }

    [Theory]
    [InlineData("user")]
    [InlineData("")]
    [InlineData("/{proxy+}/x")]
    public void Parse_RefusesWhatIsNotATemplate(string path)
    {
        Assert.Throws<FormatException>(() => PathTemplate.Parse(path));
    }

    [Theory]
    [InlineData("/user/{id}", "/user/a%20b", "id=a b")]
    [InlineData("/user/{id}", "/user/", null)]
    [InlineData("/user/{id}", "/user/1/2", null)]
    [InlineData("/user", "/user/", null)]
    [InlineData("/files/{proxy+}", "/files/a/b%2Fc", "proxy=a/b/c")]
    [InlineData("/files/{proxy+}", "/files/", null)]
    [InlineData("/files/{proxy+}", "/files", null)]
    [InlineData("/a/{x}/b/{y}", "/a/1/b/2", "x=1,y=2")]
    public void TryBind_TakesOneNonEmptySegmentPerParameter_AndTheRestForAGreedyOne(string template, string path, string? expected)
    {
        bool bound = PathTemplate.Parse(template).TryBind(path, out ImmutableDictionary<string, string> parameters);

        Assert.Equal(expected is not null, bound);
        if (expected is not null)
        {
            Assert.Equal(expected, string.Join(',', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        }
    }

    [Theory]
    [InlineData("/user/{id}", "/user/*")]
    [InlineData("/files/{proxy+}", "/files/*")]
    [InlineData("/user", "/user")]
    public void ScopePath_TurnsEachParameterIntoAStar(string template, string expected)
    {
        Assert.Equal(expected, PathTemplate.Parse(template).ScopePath());
    }
}
