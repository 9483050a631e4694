using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AotAuth.Core;
using AotAuth.Testing.Reference;

namespace AotAuth.Core.Tests;

public class PolicyWriterTests
{
    private static readonly byte[] Arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/42"u8.ToArray();

    private static RouteScope[] Scopes(params string[] texts) =>
        texts.Select(t => RouteScope.TryParse(t, out RouteScope? s) ? s! : throw new ArgumentException(t)).ToArray();

    private static string Write(Action<PolicyWriter, ArrayBufferWriter<byte>, MethodArn> write)
    {
        using var writer = new PolicyWriter();
        var output = new ArrayBufferWriter<byte>();
        Assert.True(MethodArn.TryParse(Arn, out MethodArn arn));
        write(writer, output, arn);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void AllowPolicy_ParsesToTheSameDocumentAsTheSourceGeneratedSerializer()
    {
        string written = Write((w, o, arn) => w.WriteAllow(o, arn, "alice", Scopes("PUT /user", "GET /user/*"), "PUT /user GET /user/*"));

        var expected = new AuthorizerResponse
        {
            PrincipalId = "alice",
            PolicyDocument = new PolicyDocument
            {
                Statement =
                [
                    new PolicyStatement
                    {
                        Effect = "Allow",
                        Resource =
                        [
                            "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/PUT/user",
                            "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/*",
                        ],
                    },
                ],
            },
            Context = new() { ["principalId"] = "alice", ["scopes"] = "PUT /user GET /user/*" },
        };
        string reference = JsonSerializer.Serialize(expected, ReferenceJsonContext.Default.AuthorizerResponse);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(reference), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void PrincipalWithQuotesAndUnicode_IsEscapedAndRoundTrips()
    {
        const string principal = "al\"ice\\ \u0001 ünï <script>";
        string written = Write((w, o, arn) => w.WriteAllow(o, arn, principal, Scopes("* /*"), "* /*"));

        var parsed = JsonSerializer.Deserialize(written, ReferenceJsonContext.Default.AuthorizerResponse)!;
        Assert.Equal(principal, parsed.PrincipalId);
        Assert.Equal(principal, parsed.Context!["principalId"]);
    }

    [Fact]
    public void NoUsableScope_GivesAnExplicitDenyForTheWholeStage()
    {
        string written = Write((w, o, arn) => w.WriteAllow(o, arn, "bob", [], ""));

        JsonNode statement = JsonNode.Parse(written)!["policyDocument"]!["Statement"]![0]!;
        Assert.Equal("Deny", (string?)statement["Effect"]);
        Assert.Equal("arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*", (string?)statement["Resource"]);
    }

    [Fact]
    public void WritingAPolicy_AllocatesNothingOnceWarm()
    {
        using var writer = new PolicyWriter();
        var output = new ArrayBufferWriter<byte>(4096);
        RouteScope[] scopes = Scopes("PUT /user", "GET /user/*");
        void WriteOnce()
        {
            output.ResetWrittenCount();
            _ = MethodArn.TryParse(Arn, out MethodArn arn);
            writer.WriteAllow(output, arn, "alice", scopes, "PUT /user GET /user/*");
        }

        WriteOnce();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            WriteOnce();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
