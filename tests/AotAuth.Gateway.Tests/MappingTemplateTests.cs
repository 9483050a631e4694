using System.Collections.Immutable;
using System.Text.Json;
using AotAuth.Core.Api;

namespace AotAuth.Gateway.Tests;

public class MappingTemplateTests
{
    private static TemplateContext Request(string principal, string body = "", string? id = null) => new()
    {
        PrincipalId = principal,
        Body = body,
        PathParameters = id is null ? ImmutableDictionary<string, string>.Empty : ImmutableDictionary<string, string>.Empty.Add("id", id),
    };

    [Fact]
    public void PutTemplate_RendersTheEventTheUserFunctionExpects()
    {
        string rendered = MappingTemplate.Render(AotAuthApi.PutUserTemplate, Request("alice", """{"id":"u1","name":"Ada"}"""));
        Assert.Equal("""{"action":"put","principalId":"alice","body":{"id":"u1","name":"Ada"}}""", rendered);
    }

    [Fact]
    public void GetTemplate_RendersTheEventTheUserFunctionExpects()
    {
        string rendered = MappingTemplate.Render(AotAuthApi.GetUserTemplate, Request("alice", id: "u1"));
        Assert.Equal("""{"action":"get","principalId":"alice","id":"u1"}""", rendered);
    }

    [Theory]
    [InlineData("o'brien \"the\" \\ admin", "id with 'quote' \"double\" \\back\\slash /slash")]
    [InlineData("Zoë 😀 日本", "ü\u0001\n\t\r\u2028")]
    [InlineData("\\'", "\\\\'")]
    public void IdsAndPrincipalsWithQuotesBackslashesAndUnicode_RenderToJsonThatParsesBack(string principal, string id)
    {
        string get = MappingTemplate.Render(AotAuthApi.GetUserTemplate, Request(principal, id: id));
        using (var parsed = JsonDocument.Parse(get))
        {
            Assert.Equal("get", parsed.RootElement.GetProperty("action").GetString());
            Assert.Equal(principal, parsed.RootElement.GetProperty("principalId").GetString());
            Assert.Equal(id, parsed.RootElement.GetProperty("id").GetString());
        }

        string put = MappingTemplate.Render(AotAuthApi.PutUserTemplate, Request(principal, """{"id":"x","name":"y"}"""));
        using (var parsed = JsonDocument.Parse(put))
        {
            Assert.Equal(principal, parsed.RootElement.GetProperty("principalId").GetString());
        }
    }

    [Fact]
    public void EmptyBody_RendersAsAnEmptyObject()
    {
        string rendered = MappingTemplate.Render(AotAuthApi.PutUserTemplate, Request("alice"));
        Assert.Equal("""{"action":"put","principalId":"alice","body":{}}""", rendered);
    }

    [Fact]
    public void BodyThatIsNotJson_CannotBeRenderedByInputJson()
    {
        Assert.Throws<FormatException>(() => MappingTemplate.Render(AotAuthApi.PutUserTemplate, Request("alice", "{oops")));
    }

    [Fact]
    public void AuthorizerContextValuesRequestIdAndParams_RenderAsStrings()
    {
        var context = new TemplateContext
        {
            PrincipalId = "alice",
            AuthorizerContext = ImmutableDictionary<string, string>.Empty.Add("scopes", "PUT /user").Add("n", "1"),
            RequestId = "req-1",
            PathParameters = ImmutableDictionary<string, string>.Empty.Add("id", "path"),
            QueryParameters = ImmutableDictionary<string, string>.Empty.Add("id", "query").Add("q", "query"),
            Headers = ImmutableDictionary<string, string>.Empty.Add("X-Trace", "header").Add("q", "header"),
        };
        string template = "$context.authorizer.scopes|$context.authorizer.n|$context.authorizer.missing|$context.requestId|"
            + "$input.params('id')|$input.params('q')|$input.params('x-trace')|$input.params('none')";
        Assert.Equal("PUT /user|1||req-1|path|query|header|", MappingTemplate.Render(template, context));
    }

    [Fact]
    public void InputPath_ReadsATopLevelPropertyOfThePayload()
    {
        var context = new TemplateContext { Body = """{"errorMessage":"NotFound: no user","n":3}""" };
        Assert.Equal("NotFound: no user|3|", MappingTemplate.Render("$input.path('$.errorMessage')|$input.path('$.n')|$input.path('$.x')", context));
    }

    [Fact]
    public void EscapeJavaScript_FollowsTheJavaScriptStringRulesAwsDocuments()
    {
        Assert.Equal("it\\'s \\\"x\\\" a\\\\b c\\/d \\n\\t\\r\\b\\f \\u0001 \\u00E9 \\u65E5 \\uD83D\\uDE00",
            JavaScriptEscaper.Escape("it's \"x\" a\\b c/d \n\t\r\b\f \u0001 é 日 😀"));
    }

    [Fact]
    public void EscapeJavaScriptAlone_TurnsASingleQuoteIntoInvalidJson_WhichTheTemplatesUndo()
    {
        var context = Request("o'brien");
        string raw = MappingTemplate.Render("{\"p\":\"$util.escapeJavaScript($context.authorizer.principalId)\"}", context);
        Assert.Equal("{\"p\":\"o\\'brien\"}", raw);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(raw));
        string fixedUp = MappingTemplate.Render("{\"p\":\"" + AotAuthApi.PrincipalIdExpression + "\"}", context);
        Assert.Equal("{\"p\":\"o'brien\"}", fixedUp);
    }

    [Fact]
    public void TextWithoutReferencesAndDollarsNotFollowedByAName_AreCopied()
    {
        Assert.Equal("{\"price\":\"$5\",\"x\":\"$\"}", MappingTemplate.Render("{\"price\":\"$5\",\"x\":\"$\"}", new TemplateContext()));
    }

    [Theory]
    [InlineData("$context.authorizr.principalId")]
    [InlineData("$input.jsn('$')")]
    [InlineData("$input.json('$.id')")]
    [InlineData("$util.escapeJavaScript($input.params('id')).toUpperCase()")]
    [InlineData("$util.urlEncode('x')")]
    [InlineData("$stageVariables.x")]
    [InlineData("${context.requestId}")]
    [InlineData("$!context.requestId")]
    [InlineData("#set($x = 1)")]
    [InlineData("$input.path('$.a.b')")]
    [InlineData("$context.requestId.replaceAll(\"a\",\"$1\")")]
    public void UnknownOrUnsupportedExpression_FailsLoudly(string template)
    {
        Assert.Throws<NotSupportedException>(() => MappingTemplate.Render(template, new TemplateContext()));
    }

    [Theory]
    [InlineData("$input.params('id'")]
    [InlineData("$input.params('id)")]
    [InlineData("$input.params(id)")]
    public void MalformedSyntax_FailsLoudly(string template)
    {
        Assert.Throws<FormatException>(() => MappingTemplate.Render(template, new TemplateContext()));
    }

    [Fact]
    public void ErrorMessageString_IsQuotedOrNull()
    {
        const string template = "{\"message\":$context.error.messageString}";
        Assert.Equal("{\"message\":\"Unauthorized\"}", MappingTemplate.Render(template, new TemplateContext { ErrorMessage = "Unauthorized" }));
        Assert.Equal("{\"message\":null}", MappingTemplate.Render(template, new TemplateContext()));
    }
}
