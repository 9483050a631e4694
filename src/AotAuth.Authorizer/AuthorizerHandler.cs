using System.Buffers;
using System.Diagnostics;
using AotAuth.Core;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;
using AotAuth.Core.Contracts;

namespace AotAuth.Authorizer;

/// <summary>
/// The authorizer: event bytes (REST TOKEN, REST REQUEST or HTTP API payload 2.0, see
/// <see cref="EventShape"/>) -> token check -> decision cache -> (on a miss) SHA-256 -> token
/// store -> policy or simple-response bytes. It fails closed: anything it cannot decide for
/// sure becomes an error (API Gateway: 401 for <c>Unauthorized</c> on REST, 500 otherwise) or
/// a refusal, never Allow. Each invocation ends with one decision log line and one metrics line.
/// </summary>
internal sealed class AuthorizerHandler : IInvocationHandler, IDisposable
{
    /// <summary>The principal of an HTTP API IAM-mode Deny for a request without a known caller (a policy needs one).</summary>
    internal const string AnonymousPrincipal = "anonymous";

    private readonly ITokenStore _store;
    private readonly DecisionCache _cache;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _storeTimeout;
    private readonly RuntimeLog _log;
    private readonly DecisionRecorder _recorder;
    private readonly TokenEvent _event = new();
    private readonly PolicyWriter _policy = new();
    private readonly SimpleResponseWriter _simple = new();
    private readonly HttpResponseMode _httpResponse;
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);

    public AuthorizerHandler(ITokenStore store, DecisionCache cache, TimeProvider clock, TimeSpan storeTimeout, RuntimeLog log, EmbeddedMetrics metrics, HttpResponseMode httpResponse = HttpResponseMode.Simple)
    {
        _httpResponse = httpResponse;
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

    public void Dispose()
    {
        _policy.Dispose();
        _simple.Dispose();
    }

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
        TokenEventStatus status = _event.Read(context.Event.Span);
        if (status == TokenEventStatus.Malformed)
        {
            return ValueTask.FromResult(InvocationResult.Failure(ErrorTypes.InvalidEvent, ErrorTypes.InvalidEvent + ": not a TOKEN, REQUEST or payload 2.0 authorizer event"));
        }

        _recorder.Shape(_event.Shape);

        // Syntax first: a token API Gateway's own regex would refuse never reaches DynamoDB.
        // A REST event is refused before its ARN is read, as before; a 2.0 answer needs the ARN.
        bool badToken = status == TokenEventStatus.BadToken || !TokenFormat.IsValid(_event.Token);
        if (badToken && _event.Shape != EventShape.HttpV2)
        {
            return ValueTask.FromResult(Deny401());
        }

        if (!MethodArn.TryParse(_event.MethodArn, out MethodArn arn))
        {
            return ValueTask.FromResult(InvalidArn());
        }

        if (badToken)
        {
            return ValueTask.FromResult(NoCaller(arn, output));
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
        try
        {
            // The budget goes to the store, which bounds its own I/O by it: no timer per call.
            record = await _store.GetAsync(hash.ToHex(), budget, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Fail closed on every store failure (network, throttling, timeout, a
            // corrupt item): 500 from API Gateway, nothing cached, so the next
            // request tries again once the store is back.
            _recorder.StoreCall(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            bool timedOut = ex is TimeoutException or DynamoDbException { ErrorCode: DynamoDbException.TimeoutCode };
            _log.Error($"token lookup failed for token {hash.ToLogPrefix()}: {ex.GetType().Name}: {ex.Message}");
            return timedOut
                ? InvocationResult.Failure(ErrorTypes.TokenStoreTimeout, ErrorTypes.TokenStoreTimeout + ": the token store did not answer in time")
                : InvocationResult.Failure(ErrorTypes.TokenStoreUnavailable, ErrorTypes.TokenStoreUnavailable + ": the token store could not be read");
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
        return MethodArn.TryParse(_event.MethodArn, out MethodArn arn) ? Answer(decision, arn, output) : InvalidArn();
    }

    private InvocationResult Answer(TokenDecision decision, scoped in MethodArn arn, IBufferWriter<byte> output)
    {
        if (!decision.IsKnown || decision.IsExpired(_clock.GetUtcNow().ToUnixTimeSeconds()))
        {
            return NoCaller(arn, output);
        }

        if (_event.Shape == EventShape.HttpV2 && _httpResponse == HttpResponseMode.Simple)
        {
            // A simple answer is cached by API Gateway for every request with the same identity
            // source values (the token and $context.routeKey), so it is decided on the route,
            // not on this request's path: a scope must cover the whole route (see RouteKey).
            bool covered = false;
            Span<byte> template = stackalloc byte[RouteKey.MaxLength];
            if (RouteKey.TryWriteTemplate(_event.RouteKey, template, out int length))
            {
                foreach (RouteScope scope in decision.Scopes)
                {
                    if (scope.CoversRoute(arn, template[..length]))
                    {
                        covered = true;
                        break;
                    }
                }
            }

            // First answer of this kind for this decision: write the JSON once, then copy it.
            byte[] answer = covered
                ? decision.SimpleAuthorized ??= RenderSimple(decision, isAuthorized: true)
                : decision.SimpleNotAuthorized ??= RenderSimple(decision, isAuthorized: false);
            output.Write(answer);
            _recorder.Decided(covered ? DecisionOutcome.Allow : DecisionOutcome.Deny, decision.PrincipalId);
            return InvocationResult.Success;
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

    /// <summary>
    /// No caller: a missing, malformed, unknown or expired token. REST: the error API Gateway
    /// turns into 401. HTTP API (2.0): AWS documents no error that becomes 401 there (an
    /// authorizer error is a 500), so the answer is a documented refusal, which API Gateway
    /// turns into 403: <c>{"isAuthorized":false}</c>, or with IAM responses an explicit Deny for
    /// the whole stage under the principal <see cref="AnonymousPrincipal"/>.
    /// </summary>
    private InvocationResult NoCaller(scoped in MethodArn arn, IBufferWriter<byte> output)
    {
        if (_event.Shape != EventShape.HttpV2)
        {
            return Deny401();
        }

        if (_httpResponse == HttpResponseMode.Simple)
        {
            SimpleResponseWriter.WriteNotAuthorized(output);
        }
        else
        {
            _policy.WriteDeny(output, arn, AnonymousPrincipal, string.Empty);
        }

        _recorder.Decided(DecisionOutcome.Unauthorized, null);
        return InvocationResult.Success;
    }

    private byte[] RenderSimple(TokenDecision decision, bool isAuthorized)
    {
        _scratch.ResetWrittenCount();
        _simple.Write(_scratch, isAuthorized, decision.PrincipalId, decision.ScopesContext);
        return _scratch.WrittenSpan.ToArray();
    }

    private InvocationResult InvalidArn() => _event.Shape == EventShape.HttpV2
        ? InvocationResult.Failure(ErrorTypes.InvalidEvent, ErrorTypes.InvalidEvent + ": routeArn is not an execute-api route ARN")
        : InvocationResult.Failure(ErrorTypes.InvalidEvent, ErrorTypes.InvalidEvent + ": methodArn is not an execute-api method ARN");

    private static InvocationResult Deny401() => InvocationResult.Failure(ErrorTypes.Unauthorized, ErrorTypes.Unauthorized);
}
