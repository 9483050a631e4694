using System.Buffers;
using System.Diagnostics;
using AotAuth.Core;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;
using AotAuth.Core.Contracts;

namespace AotAuth.Authorizer;

/// <summary>
/// The TOKEN authorizer: event bytes -> token check -> decision cache -> (on a miss) SHA-256
/// -> token store -> policy bytes. It fails closed: anything it cannot decide for sure
/// becomes an error (API Gateway: 401 for <c>Unauthorized</c>, 500 otherwise), never Allow.
/// Each invocation ends with one decision log line and one metrics line.
/// </summary>
internal sealed class AuthorizerHandler : IInvocationHandler, IDisposable
{
    /// <summary>The exact message API Gateway turns into 401.</summary>
    internal const string Unauthorized = ErrorTypes.Unauthorized;

    private readonly ITokenStore _store;
    private readonly DecisionCache _cache;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _storeTimeout;
    private readonly RuntimeLog _log;
    private readonly DecisionRecorder _recorder;
    private readonly TokenEvent _event = new();
    private readonly PolicyWriter _policy = new();
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);

    public AuthorizerHandler(ITokenStore store, DecisionCache cache, TimeProvider clock, TimeSpan storeTimeout, RuntimeLog log, EmbeddedMetrics metrics)
    {
        _store = store;
        _cache = cache;
        _clock = clock;
        _storeTimeout = storeTimeout;
        _log = log;
        _recorder = new DecisionRecorder(log, metrics);
    }

    public ValueTask<InvocationResult> InvokeAsync(InvocationContext context, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _recorder.Start();
        ValueTask<InvocationResult> pending;
        try
        {
            pending = DecideAsync(context, output, cancellationToken);
        }
        catch
        {
            _event.Clear();
            throw;
        }

        if (pending.IsCompletedSuccessfully)
        {
            // The warm path (cache hit, bad token): finished synchronously, no state machine.
            // The token and method ARN leave the event buffers with the answer, on every path.
            _event.Clear();
            InvocationResult result = pending.Result;
            _recorder.Finish(result);
            return ValueTask.FromResult(result);
        }

        return FinishAsync(pending);
    }

    public void Dispose() => _policy.Dispose();

    private async ValueTask<InvocationResult> FinishAsync(ValueTask<InvocationResult> pending)
    {
        InvocationResult result;
        try
        {
            result = await pending;
        }
        finally
        {
            // After the lookup: it reads the method ARN again once the store answered.
            _event.Clear();
        }

        _recorder.Finish(result);
        return result;
    }

    private ValueTask<InvocationResult> DecideAsync(InvocationContext context, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        switch (_event.Read(context.Event.Span))
        {
            case TokenEventStatus.Malformed:
                return ValueTask.FromResult(InvocationResult.Failure(ErrorTypes.InvalidEvent, ErrorTypes.InvalidEvent + ": not a TOKEN authorizer event"));
            case TokenEventStatus.BadToken:
                return ValueTask.FromResult(Deny401());
        }

        // Syntax first: a token API Gateway's own regex would refuse never reaches DynamoDB.
        if (!TokenFormat.IsValid(_event.Token))
        {
            return ValueTask.FromResult(Deny401());
        }

        if (!MethodArn.TryParse(_event.MethodArn, out MethodArn arn))
        {
            return ValueTask.FromResult(InvocationResult.Failure(ErrorTypes.InvalidEvent, ErrorTypes.InvalidEvent + ": methodArn is not an execute-api method ARN"));
        }

        CacheKey key = _cache.KeyOf(_event.Token);
        if (_cache.TryGet(key, out TokenDecision decision, out TokenHash hash))
        {
            _recorder.Token(hash, cacheHit: true);
            return ValueTask.FromResult(Answer(decision, arn, output));
        }

        // A miss: the SHA-256 is what the store is keyed by.
        hash = TokenHash.Compute(_event.Token);
        _recorder.Token(hash, cacheHit: false);
        return LookUpAsync(key, hash, context, output, cancellationToken);
    }

    private async ValueTask<InvocationResult> LookUpAsync(CacheKey key, TokenHash hash, InvocationContext context, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        TimeSpan budget = context.Budget(_clock, _storeTimeout);
        if (budget <= TimeSpan.Zero)
        {
            _log.Error($"no time left for a token lookup (token {hash.ToLogPrefix()})");
            return InvocationResult.Failure(ErrorTypes.TokenStoreTimeout, ErrorTypes.TokenStoreTimeout + ": no time left to look up the token");
        }

        TokenRecord? record;
        long started = Stopwatch.GetTimestamp();
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(budget);
            try
            {
                record = await _store.GetAsync(hash.ToHex(), timeout.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Fail closed on every store failure (network, throttling, timeout, a
                // corrupt item): 500 from API Gateway, nothing cached, so the next
                // request tries again once the store is back.
                _recorder.StoreCall(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                bool timedOut = (ex is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    || ex is DynamoDbException { ErrorCode: DynamoDbException.TimeoutCode };
                _log.Error($"token lookup failed for token {hash.ToLogPrefix()}: {ex.GetType().Name}: {ex.Message}");
                return timedOut
                    ? InvocationResult.Failure(ErrorTypes.TokenStoreTimeout, ErrorTypes.TokenStoreTimeout + ": the token store did not answer in time")
                    : InvocationResult.Failure(ErrorTypes.TokenStoreUnavailable, ErrorTypes.TokenStoreUnavailable + ": the token store could not be read");
            }
        }

        _recorder.StoreCall(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        TokenDecision decision = record is null ? TokenDecision.Unknown : TokenDecision.From(record);
        if (decision.DroppedScopes > 0)
        {
            _log.Warn($"token {hash.ToLogPrefix()} has {decision.DroppedScopes} malformed scope(s); they grant nothing");
        }

        _cache.Add(key, hash, decision);

        // Parsed again because a ref struct cannot live across the await above; the
        // bytes are unchanged and were valid before it.
        return MethodArn.TryParse(_event.MethodArn, out MethodArn arn)
            ? Answer(decision, arn, output)
            : InvocationResult.Failure(ErrorTypes.InvalidEvent, ErrorTypes.InvalidEvent + ": methodArn is not an execute-api method ARN");
    }

    private InvocationResult Answer(TokenDecision decision, scoped in MethodArn arn, IBufferWriter<byte> output)
    {
        if (!decision.IsKnown || decision.IsExpired(_clock.GetUtcNow().ToUnixTimeSeconds()))
        {
            return Deny401();
        }

        RenderedPolicy? policy = decision.Policy;
        if (policy is null || !policy.IsFor(arn))
        {
            // First request of this decision for this API and stage: write the JSON once.
            _scratch.ResetWrittenCount();
            bool allows = _policy.WriteAllow(_scratch, arn, decision.PrincipalId, decision.Scopes, decision.ScopesContext);
            decision.Policy = policy = new RenderedPolicy(arn.StagePrefix, _scratch.WrittenSpan, allows);
        }

        policy.CopyTo(output);
        _recorder.Decided(policy.Allows ? DecisionOutcome.Allow : DecisionOutcome.Deny, decision.PrincipalId);
        return InvocationResult.Success;
    }

    private static InvocationResult Deny401() => InvocationResult.Failure(Unauthorized, Unauthorized);
}
