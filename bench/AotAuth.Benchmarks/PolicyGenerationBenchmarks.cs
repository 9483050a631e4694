using System.Buffers;
using System.Text;
using System.Text.Json;
using AotAuth.Core;
using BenchmarkDotNet.Attributes;
using AotAuth.Testing.Reference;

namespace AotAuth.Benchmarks;

/// <summary>
/// One Allow policy for one scope, from the same inputs (principal, method ARN, scope):
/// the seed's <c>generatePolicy</c> + reflection JSON, the response model + source-generated
/// JSON, the <see cref="Core.PolicyWriter"/> writing it from scratch (it also parses the ARN,
/// builds the resource and writes the context the seed does not have), and what production
/// does on a warm decision: check that the <see cref="RenderedPolicy"/> is for this API and
/// stage, and copy its bytes.
/// </summary>
[BenchmarkCategory(Categories.PolicyGeneration)]
public class PolicyGenerationBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly PolicyWriter _writer = new();
    private RouteScope[] _scopes = [];
    private string _resource = string.Empty;
    private RenderedPolicy? _rendered;
    private byte[] _stagePrefix = [];

    [GlobalSetup]
    public void Setup()
    {
        Span<byte> resource = stackalloc byte[PolicyResource.MaxLength];
        if (!RouteScope.TryParse(BenchmarkInputs.Scope, out RouteScope? scope)
            || !MethodArn.TryParse(BenchmarkInputs.MethodArnUtf8, out MethodArn arn)
            || !PolicyResource.TryWrite(arn, scope!.Utf8Verb.Span, scope.Utf8Path.Span, resource, out int written))
        {
            throw new InvalidOperationException("benchmark inputs do not parse");
        }

        _scopes = [scope!];
        _resource = Encoding.UTF8.GetString(resource[..written]);
        _stagePrefix = arn.StagePrefix.ToArray();
        _buffer.ResetWrittenCount();
        bool allows = _writer.WriteAllow(_buffer, arn, BenchmarkInputs.PrincipalId, _scopes, BenchmarkInputs.Scope);
        _rendered = new RenderedPolicy(arn.StagePrefix, _buffer.WrittenSpan, allows);
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark(Baseline = true)]
    public byte[] SeedGeneratePolicyReflection() =>
        SeedPolicy.Serialize(SeedPolicy.Generate(BenchmarkInputs.PrincipalId, "Allow", BenchmarkInputs.MethodArn));

    [Benchmark]
    public byte[] ResponseModelSourceGen() => JsonSerializer.SerializeToUtf8Bytes(
        new AuthorizerResponse
        {
            PrincipalId = BenchmarkInputs.PrincipalId,
            PolicyDocument = new PolicyDocument
            {
                Statement = [new PolicyStatement { Effect = "Allow", Resource = [_resource] }],
            },
            Context = new Dictionary<string, string>
            {
                ["principalId"] = BenchmarkInputs.PrincipalId,
                ["scopes"] = BenchmarkInputs.Scope,
            },
        },
        ReferenceJsonContext.Default.AuthorizerResponse);

    [Benchmark]
    public int PolicyWriterUtf8()
    {
        _buffer.ResetWrittenCount();
        if (!MethodArn.TryParse(BenchmarkInputs.MethodArnUtf8, out MethodArn arn))
        {
            return -1;
        }

        _writer.WriteAllow(_buffer, arn, BenchmarkInputs.PrincipalId, _scopes, BenchmarkInputs.Scope);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    [ProductionPath]
    public int RenderedPolicyWarm()
    {
        // The method ARN was parsed (and its stage prefix found) by the event check before.
        _buffer.ResetWrittenCount();
        if (!_rendered!.IsFor(_stagePrefix))
        {
            return -1;
        }

        _rendered.CopyTo(_buffer);
        return _buffer.WrittenCount;
    }
}
