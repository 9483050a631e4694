using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AotAuth.Core;
using BenchmarkDotNet.Attributes;

namespace AotAuth.Benchmarks;

/// <summary>
/// The token syntax check: API Gateway's identity validation expression as the local
/// gateway runs it (anchored, culture-invariant, with a match timeout) against
/// <see cref="TokenFormat.IsValid(ReadOnlySpan{byte})"/> on the event's UTF-8 bytes.
/// </summary>
[BenchmarkCategory(Categories.TokenCheck)]
public class TokenCheckBenchmarks
{
    private static readonly Regex GatewayRegex = new(
        @"\A(?:" + TokenFormat.ValidationExpression + @")\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    [Benchmark(Baseline = true)]
    public bool GatewayRegexIsMatch() => GatewayRegex.IsMatch(BenchmarkInputs.Token);

    [Benchmark]
    [ProductionPath]
    public bool TokenFormatIsValid() => TokenFormat.IsValid(BenchmarkInputs.TokenUtf8);
}

/// <summary>
/// The token's table and cache key: the obvious SHA-256-to-hex-string against
/// <see cref="Core.TokenHash.Compute(ReadOnlySpan{byte})"/>, which hashes the UTF-8 bytes
/// on the stack into a struct (the hex string is made only for a DynamoDB lookup).
/// </summary>
[BenchmarkCategory(Categories.TokenHash)]
public class TokenHashBenchmarks
{
    [Benchmark(Baseline = true)]
    public string Sha256HexString() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BenchmarkInputs.Token)));

    // The production key is the same SHA-256 computed in managed code for one block
    // (Sha256SingleBlock), without OpenSSL's per-call setup and without a hex string.
    [Benchmark]
    [ProductionPath]
    public TokenHash TokenHashCompute() => TokenHash.Compute(BenchmarkInputs.TokenUtf8);
}
