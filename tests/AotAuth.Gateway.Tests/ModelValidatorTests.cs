using System.Text;
using AotAuth.Core.Api;

namespace AotAuth.Gateway.Tests;

public sealed class ModelValidatorTests : IDisposable
{
    private readonly ModelValidator _user = new(AotAuthApi.Definition.Model("User").Schema);

    public void Dispose() => _user.Dispose();

    private bool Valid(string body) => _user.IsValid(Encoding.UTF8.GetBytes(body));

    [Theory]
    [InlineData("""{"id":"u1","name":"Ada"}""")]
    [InlineData("""  {"name":"Ada","id":"u1"}  """)]
    [InlineData("""{"id":"\"q\\\u00e9","name":"Ada 😀"}""")]
    public void UserWithAnIdAndAName_IsValid(string body)
    {
        Assert.True(Valid(body));
    }

    [Theory]
    [InlineData("""{"id":"u1","name":"Ada","admin":true}""")]
    [InlineData("""{"id":"u1"}""")]
    [InlineData("""{"name":"Ada"}""")]
    [InlineData("""{"id":1,"name":"Ada"}""")]
    [InlineData("""{"id":"u1","name":null}""")]
    [InlineData("""{"id":"","name":"Ada"}""")]
    [InlineData("""["u1","Ada"]""")]
    [InlineData("\"u1\"")]
    [InlineData("{}")]
    [InlineData("{\"id\":\"u1\",\"name\":\"Ada\"")]
    [InlineData("""{"id":"u1","name":"Ada"} x""")]
    [InlineData("")]
    [InlineData("   ")]
    public void ExtraMissingWrongTypedOrUnparseableBodies_AreInvalid(string body)
    {
        Assert.False(Valid(body));
    }

    [Fact]
    public void Lengths_AreCountedInCodePoints_UpToTheMaximum()
    {
        Assert.True(Valid($$"""{"id":"{{new string('x', 128)}}","name":"Ada"}"""));
        Assert.False(Valid($$"""{"id":"{{new string('x', 129)}}","name":"Ada"}"""));
        string emoji256 = string.Concat(Enumerable.Repeat("😀", 256));
        Assert.True(Valid($$"""{"id":"u1","name":"{{emoji256}}"}"""));
        Assert.False(Valid($$"""{"id":"u1","name":"{{emoji256}}😀"}"""));
    }

    [Fact]
    public void InvalidUtf8_IsInvalid()
    {
        byte[] body = [.. "{\"id\":\""u8, 0xFF, .. "\",\"name\":\"Ada\"}"u8];
        Assert.False(_user.IsValid(body));
    }

    [Fact]
    public void OtherDraft4KeywordsOfTheSubset_AreEnforced()
    {
        using var validator = new ModelValidator("""
            {"type":"object","properties":{
               "n":{"type":"number"},"i":{"type":"integer"},"b":{"type":"boolean"},"z":{"type":"null"},
               "color":{"enum":["red","green"]},"tags":{"type":"array","items":{"type":"string","maxLength":2}},
               "either":{"type":["string","integer"]}},
             "additionalProperties":{"type":"string"}}
            """);
        bool Check(string json) => validator.IsValid(Encoding.UTF8.GetBytes(json));
        Assert.True(Check("""{"n":1.5,"i":2,"b":false,"z":null,"color":"red","tags":["ab"],"either":3,"extra":"ok"}"""));
        Assert.True(Check("""{"i":2.0,"either":"x"}"""));
        Assert.False(Check("""{"i":2.5}"""));
        Assert.False(Check("""{"n":"1"}"""));
        Assert.False(Check("""{"b":0}"""));
        Assert.False(Check("""{"z":0}"""));
        Assert.False(Check("""{"color":"blue"}"""));
        Assert.False(Check("""{"tags":["abc"]}"""));
        Assert.False(Check("""{"tags":"ab"}"""));
        Assert.False(Check("""{"either":true}"""));
        Assert.False(Check("""{"extra":1}"""));
    }

    [Fact]
    public void AdditionalProperties_AreAllowed_UnlessTheSchemaSaysFalse()
    {
        using var open = new ModelValidator("""{"type":"object","properties":{"a":{"type":"string"}}}""");
        Assert.True(open.IsValid("""{"a":"x","b":1}"""u8));
    }

    [Theory]
    [InlineData("""{"type":"string","pattern":"^a"}""")]
    [InlineData("""{"type":"object","minProperties":1}""")]
    [InlineData("""{"type":"date"}""")]
    [InlineData("""{"$ref":"#/definitions/x"}""")]
    public void SchemaKeywordOutsideTheSubset_FailsWhenCompiled(string schema)
    {
        Assert.Throws<NotSupportedException>(() => new ModelValidator(schema));
    }
}
