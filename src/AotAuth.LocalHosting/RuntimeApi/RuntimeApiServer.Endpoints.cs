using System.Globalization;
using System.Threading.Channels;
using AotAuth.Core.Contracts;
using Microsoft.AspNetCore.Http;

namespace AotAuth.LocalHosting;

/// <summary>Request handling: hand-routed, one method per Runtime API endpoint.</summary>
public sealed partial class RuntimeApiServer
{
    private Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? string.Empty;
        string method = context.Request.Method;
        if (path.StartsWith(RuntimeApiPaths.Root, StringComparison.Ordinal))
        {
            var rest = path.AsSpan(RuntimeApiPaths.Root.Length);
            if (HttpMethods.IsGet(method) && rest.SequenceEqual(RuntimeApiPaths.Next))
            {
                return HandleNextAsync(context);
            }

            if (HttpMethods.IsPost(method) && rest.SequenceEqual(RuntimeApiPaths.InitError))
            {
                return HandleInitErrorAsync(context);
            }

            if (HttpMethods.IsPost(method) && rest.StartsWith(RuntimeApiPaths.Invocation, StringComparison.Ordinal))
            {
                rest = rest[RuntimeApiPaths.Invocation.Length..];
                int slash = rest.IndexOf('/');
                if (slash > 0 && (rest[(slash + 1)..].SequenceEqual("response") || rest[(slash + 1)..].SequenceEqual("error")))
                {
                    return HandleAnswerAsync(context, rest[..slash].ToString(), isError: rest[(slash + 1)..].SequenceEqual("error"));
                }
            }
        }

        RecordAnomaly($"{method} {path}: no such Runtime API endpoint");
        return RuntimeApiHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound, "UnknownEndpoint", "No such Runtime API endpoint.");
    }

    private async Task HandleNextAsync(HttpContext context)
    {
        if (Interlocked.Increment(ref _nextRequestCount) == 1)
        {
            _onInitDone?.Invoke();
        }

        _firstNext.TrySetResult();
        bool omitRequestId = false;
        if (_nextFaults.TryDequeue(out var fault))
        {
            switch (fault)
            {
                case RuntimeApiFault.NextReturns500:
                    await RuntimeApiHttp.WriteErrorAsync(context, 500, "ServiceException", "Injected fault: next answers 500.");
                    return;
                case RuntimeApiFault.NextReturns403:
                    await RuntimeApiHttp.WriteErrorAsync(context, 403, "InvalidStateTransition", "Injected fault: next answers 403.");
                    return;
                case RuntimeApiFault.NextClosesConnection:
                    context.Abort();
                    return;
                default:
                    omitRequestId = true;
                    break;
            }
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        while (true)
        {
            PendingInvocation pending;
            try
            {
                // Long poll without a timeout, as Lambda does: the function waits here between events.
                pending = await _queue.Reader.ReadAsync(waiting.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
            {
                // Server stopping or client gone: drop the connection, as a vanishing sandbox would.
                context.Abort();
                return;
            }

            if (context.RequestAborted.IsCancellationRequested)
            {
                // The poller left between dequeue and dispatch: keep the event for the next one.
                _queue.Writer.TryWrite(pending);
                return;
            }

            // In flight before dispatch, so that a timeout firing right away still finds and closes it.
            _inFlight[pending.RequestId] = pending;
            if (!pending.TryDispatch(OnTimeout))
            {
                _inFlight.TryRemove(pending.RequestId, out _);
                continue; // cancelled by its caller while queued
            }

            var options = pending.Options;
            long deadline = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (long)options.Timeout.TotalMilliseconds;
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            response.ContentLength = pending.Payload.Length;
            if (!omitRequestId)
            {
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = pending.RequestId;
            }

            response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToString(CultureInfo.InvariantCulture);
            response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = options.FunctionArn;
            if (options.TraceId is not null)
            {
                response.Headers["Lambda-Runtime-Trace-Id"] = options.TraceId;
            }

            try
            {
                await response.Body.WriteAsync(pending.Payload, context.RequestAborted);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The function vanished mid-answer; like Lambda, the invocation then times out.
            }

            return;
        }
    }

    private async Task HandleAnswerAsync(HttpContext context, string requestId, bool isError)
    {
        if (_answerFaults.TryDequeue(out var fault))
        {
            switch (fault)
            {
                case RuntimeApiFault.ResponseReturns500:
                    await RuntimeApiHttp.WriteErrorAsync(context, 500, "ServiceException", "Injected fault: answer gets 500.");
                    return;
                case RuntimeApiFault.ResponseReturns400:
                    await RuntimeApiHttp.WriteErrorAsync(context, 400, "InvalidRequestID", "Injected fault: answer gets 400.");
                    return;
                default:
                    context.Abort();
                    return;
            }
        }

        // Read first: answering before the body is consumed would leave the connection unusable.
        byte[]? body = await RuntimeApiHttp.ReadBodyAsync(context.Request, _maxResponseBytes, context.RequestAborted);
        string kind = isError ? "error" : "response";
        if (!_inFlight.TryGetValue(requestId, out var pending))
        {
            await RejectAsync(context, requestId, kind);
            return;
        }

        if (body is null)
        {
            // Not recorded: Lambda lets the function still report an error for this id.
            await RuntimeApiHttp.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLarge",
                $"Exceeded maximum allowed payload size ({_maxResponseBytes} bytes).");
            return;
        }

        if (!Close(pending, isError ? "answered with an error" : "answered"))
        {
            await RejectAsync(context, requestId, kind);
            return;
        }

        InvocationOutcome outcome;
        if (isError)
        {
            var (errorType, errorMessage) = ErrorDocument.Parse(body);
            errorType ??= context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString() is { Length: > 0 } header ? header : null;
            outcome = new(requestId, InvocationStatus.Error, body, errorType, errorMessage, pending.Elapsed);
        }
        else
        {
            outcome = new(requestId, InvocationStatus.Success, body, null, null, pending.Elapsed);
        }

        pending.Completion.TrySetResult(outcome);
        await RuntimeApiHttp.WriteAcceptedAsync(context);
    }

    private async Task HandleInitErrorAsync(HttpContext context)
    {
        byte[] body = await RuntimeApiHttp.ReadBodyAsync(context.Request, _maxResponseBytes, context.RequestAborted) ?? [];
        var (errorType, errorMessage) = ErrorDocument.Parse(body);
        errorType ??= context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString() is { Length: > 0 } header ? header : null;
        if (_firstNext.Task.IsCompleted)
        {
            RecordAnomaly("init/error posted after the first next");
        }

        if (!_initError.TrySetResult(new InitErrorReport(errorType, errorMessage, body)))
        {
            RecordAnomaly("init/error posted more than once");
        }

        await RuntimeApiHttp.WriteAcceptedAsync(context);
    }

    private Task RejectAsync(HttpContext context, string requestId, string kind)
    {
        if (_closed.TryGetValue(requestId, out string? reason))
        {
            RecordAnomaly($"{kind} for request id {requestId}, which was already {reason}");
            return RuntimeApiHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidStateTransition", $"Request {requestId} was already {reason}.");
        }

        RecordAnomaly($"{kind} for unknown request id {requestId}");
        return RuntimeApiHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequestID", "Invalid request ID");
    }
}
