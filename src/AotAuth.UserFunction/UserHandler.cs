using System.Buffers;
using System.Globalization;
using System.Text.Json;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;

namespace AotAuth.UserFunction;

/// <summary>
/// The protected backend: <c>put</c> stores <c>{id, name, updatedBy, updatedAt}</c>
/// (one atomic PutItem, acknowledged only after DynamoDB confirmed it) and <c>get</c>
/// returns the stored user. Error messages carry the prefix the API's integration
/// responses map: <c>BadRequest: </c> to 400, <c>NotFound: </c> to 404, anything else to 500.
/// </summary>
internal sealed class UserHandler : IInvocationHandler, IDisposable
{
    private readonly IUserStore _store;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _storeTimeout;
    private readonly Utf8JsonWriter _json = new(new ArrayBufferWriter<byte>(1));

    public UserHandler(IUserStore store, TimeProvider clock, TimeSpan storeTimeout)
    {
        _store = store;
        _clock = clock;
        _storeTimeout = storeTimeout;
    }

    public async ValueTask<InvocationResult> InvokeAsync(InvocationContext context, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        UserRequest request;
        try
        {
            request = UserRequest.Parse(context.Event);
        }
        catch (BadRequestException ex)
        {
            return InvocationResult.Failure("BadRequest", "BadRequest: " + ex.Message);
        }
        catch (InvalidEventException ex)
        {
            RuntimeLog.Warn($"rejected an event: {ex.Message}");
            return InvocationResult.Failure("InvalidEvent", "InvalidEvent: " + ex.Message);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_storeTimeout);
        try
        {
            return request.Action == UserAction.Put
                ? await PutAsync(request, output, timeout.Token)
                : await GetAsync(request, output, timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nothing was acknowledged: the caller gets a 500 and may retry; a PutItem
            // either happened whole or not at all.
            RuntimeLog.Error($"user store call failed: {ex.GetType().Name}: {ex.Message}");
            return InvocationResult.Failure("StoreUnavailable", "StoreUnavailable: the user store could not be reached");
        }
    }

    public void Dispose() => _json.Dispose();

    private async Task<InvocationResult> PutAsync(UserRequest request, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        string updatedAt = _clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        await _store.PutAsync(new User(request.Id, request.Name!, request.PrincipalId, updatedAt), cancellationToken);

        // The integration response is 204: the body is never shown, but the Runtime API
        // wants a payload, and JSON null is what a handler that returns nothing sends.
        output.Write("null"u8);
        return InvocationResult.Success;
    }

    private async Task<InvocationResult> GetAsync(UserRequest request, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        User? user = await _store.GetAsync(request.Id, cancellationToken);
        if (user is null)
        {
            return InvocationResult.Failure("NotFound", "NotFound: no user with that id");
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
