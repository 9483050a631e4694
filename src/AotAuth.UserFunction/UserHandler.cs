using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;
using AotAuth.Core.Contracts;

namespace AotAuth.UserFunction;

/// <summary>
/// The protected backend: <c>put</c> stores <c>{id, name, updatedBy, updatedAt}</c>
/// (one atomic PutItem, acknowledged only after DynamoDB confirmed it) and <c>get</c>
/// returns the stored user. Behind a REST API (non-proxy), error messages carry the prefix the
/// API's integration responses map: <c>BadRequest: </c> to 400, <c>NotFound: </c> to 404,
/// anything else to 500. Behind an HTTP API (a proxy event, <see cref="ProxyEvent"/>) the same
/// outcomes become proxy responses with those statuses (<see cref="ProxyResponse"/>).
/// </summary>
internal sealed class UserHandler : IInvocationHandler, IDisposable
{
    private readonly IUserStore _store;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _storeTimeout;
    private readonly Utf8JsonWriter _json = new(new ArrayBufferWriter<byte>(1));
    private readonly ArrayBufferWriter<byte> _payload = new(512);
    private readonly ProxyResponse _proxy = new();
    private readonly RuntimeLog _log;
    private readonly EmbeddedMetrics _metrics;
    private bool _coldStart = true;

    public UserHandler(IUserStore store, TimeProvider clock, TimeSpan storeTimeout, RuntimeLog log, EmbeddedMetrics metrics)
    {
        _store = store;
        _clock = clock;
        _storeTimeout = storeTimeout;
        _log = log;
        _metrics = metrics;
    }

    public async ValueTask<InvocationResult> InvokeAsync(InvocationContext context, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        long started = Stopwatch.GetTimestamp();
        bool proxy = ProxyEvent.IsProxy(context.Event.Span);
        _payload.ResetWrittenCount();
        (InvocationResult result, UserRequest? request) = await HandleAsync(context, proxy ? _payload : output, proxy, cancellationToken);

        // One line per request: what was asked and how it ended (never the body).
        using (LogLine line = _log.Begin(result.IsSuccess || result.ErrorType is ErrorTypes.BadRequest or ErrorTypes.NotFound ? LogLevel.Info : LogLevel.Warn, "user request"))
        {
            line.Add("action"u8, request?.Action == UserAction.Get ? "get"u8 : request is null ? "invalid"u8 : "put"u8);
            line.Add("outcome"u8, result.IsSuccess ? "ok" : result.ErrorType ?? "error");
            if (request is not null)
            {
                line.Add("principalId"u8, request.PrincipalId);
            }

            line.Add("durationMs"u8, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        if (_coldStart)
        {
            _metrics.Count("ColdStarts");
            _coldStart = false;
        }

        _metrics.Flush();
        return proxy ? _proxy.Write(output, result, request, _payload.WrittenSpan) : result;
    }

    private async Task<(InvocationResult, UserRequest?)> HandleAsync(InvocationContext context, IBufferWriter<byte> output, bool proxy, CancellationToken cancellationToken)
    {
        UserRequest request;
        try
        {
            request = UserRequest.Parse(context.Event, proxy);
        }
        catch (BadRequestException ex)
        {
            return (InvocationResult.Failure(ErrorTypes.BadRequest, ErrorTypes.BadRequest + ": " + ex.Message), null);
        }
        catch (InvalidEventException ex)
        {
            _log.Warn($"rejected an event: {ex.Message}");
            return (InvocationResult.Failure(ErrorTypes.InvalidEvent, ErrorTypes.InvalidEvent + ": " + ex.Message), null);
        }

        // The store's own budget, cut to end before the invocation's deadline.
        TimeSpan budget = context.Budget(_clock, _storeTimeout);
        if (budget <= TimeSpan.Zero)
        {
            _log.Error("no time left for the user store call");
            return (InvocationResult.Failure(ErrorTypes.StoreUnavailable, ErrorTypes.StoreUnavailable + ": no time left to reach the user store"), request);
        }

        // The budget goes to the store, which bounds its own I/O by it: no timer per call.
        long storeStarted = Stopwatch.GetTimestamp();
        try
        {
            InvocationResult result = request.Action == UserAction.Put
                ? await PutAsync(request, output, budget, cancellationToken)
                : await GetAsync(request, output, budget, cancellationToken);
            return (result, request);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nothing was acknowledged: the caller gets a 500 and may retry; a PutItem
            // either happened whole or not at all.
            _log.Error($"user store call failed: {ex.GetType().Name}: {ex.Message}");
            return (InvocationResult.Failure(ErrorTypes.StoreUnavailable, ErrorTypes.StoreUnavailable + ": the user store could not be reached"), request);
        }
        finally
        {
            _metrics.Milliseconds("DynamoDbLatency", Stopwatch.GetElapsedTime(storeStarted).TotalMilliseconds);
        }
    }

    public void Dispose()
    {
        _json.Dispose();
        _proxy.Dispose();
    }

    private async Task<InvocationResult> PutAsync(UserRequest request, IBufferWriter<byte> output, TimeSpan budget, CancellationToken cancellationToken)
    {
        string updatedAt = _clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        await _store.PutAsync(new User(request.Id, request.Name!, request.PrincipalId, updatedAt), budget, cancellationToken);

        // The integration response is 204: the body is never shown, but the Runtime API
        // wants a payload, and JSON null is what a handler that returns nothing sends.
        output.Write("null"u8);
        return InvocationResult.Success;
    }

    private async Task<InvocationResult> GetAsync(UserRequest request, IBufferWriter<byte> output, TimeSpan budget, CancellationToken cancellationToken)
    {
        User? user = await _store.GetAsync(request.Id, budget, cancellationToken);
        if (user is null)
        {
            return InvocationResult.Failure(ErrorTypes.NotFound, ErrorTypes.NotFound + ": no user with that id");
        }

        _json.Reset(output);
        _json.WriteStartObject();
        _json.WriteString("id"u8, user.Id);
        _json.WriteString("name"u8, user.Name);
        _json.WriteString("updatedBy"u8, user.UpdatedBy);
        _json.WriteString("updatedAt"u8, user.UpdatedAt);
        _json.WriteEndObject();
        _json.Flush();
        return InvocationResult.Success;
    }
}
