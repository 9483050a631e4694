using System.Buffers;
using AotAuth.Authorizer;
using AotAuth.Core;
using AotAuth.Gateway;
using AotAuth.LambdaRuntime;

namespace AotAuth.Hardening.Tests.Support;

/// <summary>
/// The real <see cref="AuthorizerHandler"/> over the known-token store, plus the check every
/// bad-input test applies to its answer: no exception, only the documented errors, and Allow
/// (or the known-caller Deny) only for an event whose token hash is in the store.
/// </summary>
internal sealed class AuthorizerRig : IDisposable
{
    private static readonly string[] AllowedErrors = ["Unauthorized", "InvalidEvent"];

    // A 100,000-event fuzz run would flood the test output with decision lines: FATAL only.
    private static readonly RuntimeLog QuietLog = new(Stream.Null, new LogSettings(Json: false, MinimumLevel: LogLevel.Fatal));
    private readonly AuthorizerHandler _handler;
    private readonly ArrayBufferWriter<byte> _output = new();

    public AuthorizerRig()
    {
        Store = KnownTokens.CreateStore(TimeProvider.System.GetUtcNow());
        _handler = new AuthorizerHandler(Store, new DecisionCache(TimeProvider.System, TimeSpan.FromSeconds(60), 64), TimeProvider.System, TimeSpan.FromSeconds(1), QuietLog, new EmbeddedMetrics("Hardening", QuietLog, "fuzz", Stream.Null));
    }

    public InMemoryTokenStore Store { get; }

    public void Dispose() => _handler.Dispose();

    /// <summary>Runs one event; null when every invariant holds, else what went wrong.</summary>
    public async Task<(string? Violation, string Outcome)> CheckAsync(byte[] utf8Event)
    {
        _output.ResetWrittenCount();
        var context = new InvocationContext
        {
            RequestId = "fuzz",
            DeadlineUnixMs = DateTimeOffset.UtcNow.AddSeconds(5).ToUnixTimeMilliseconds(),
            InvokedFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:authorizer",
            Event = utf8Event,
        };
        InvocationResult result;
        try
        {
            result = await _handler.InvokeAsync(context, _output, CancellationToken.None);
        }
#pragma warning disable CA1031 // The point is to catch anything the handler throws.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ($"the handler threw {ex.GetType().Name}: {ex.Message}", "threw");
        }

        if (!result.IsSuccess)
        {
            bool documented = AllowedErrors.Contains(result.ErrorType) && (result.ErrorType != "Unauthorized" || result.ErrorMessage == "Unauthorized");
            return (documented ? null : $"undocumented error {result.ErrorType}: {result.ErrorMessage}", result.ErrorType!);
        }

        return (CheckPolicy(utf8Event, _output.WrittenSpan), "policy");
    }

    private string? CheckPolicy(byte[] utf8Event, ReadOnlySpan<byte> policy)
    {
        (string? token, string? methodArn) = EventOracle.Read(utf8Event);
        if (token is null || Store.Find(TokenHash.Compute(token).ToHex()) is not { } record)
        {
            return "a policy was written for an event whose token is not in the store";
        }

        if (record.ExpiresAt is long expires && expires <= DateTimeOffset.UtcNow.ToUnixTimeSeconds())
        {
            return "a policy was written for an expired token";
        }

        if (!AuthorizerOutput.TryParse(policy, out AuthorizerOutput? output, out string? problem))
        {
            return "the gateway refuses the policy: " + problem;
        }

        string? prefix = EventOracle.StagePrefix(methodArn);
        if (prefix is null || output!.PrincipalId != record.PrincipalId)
        {
            return "the policy does not belong to the event's method ARN or principal";
        }

        foreach (string resource in output.Statements.SelectMany(s => s.Resources))
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || resource.AsSpan(prefix.Length).Contains(':'))
            {
                return $"resource {resource} escapes {prefix}";
            }
        }

        return output.Statements.Length == 1 ? null : "the policy does not have exactly one statement";
    }
}
