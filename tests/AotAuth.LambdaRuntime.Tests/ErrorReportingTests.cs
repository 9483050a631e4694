using System.Buffers;
using System.Text.Json;
using AotAuth.LocalHosting;
using AotAuth.LambdaRuntime;

namespace AotAuth.LambdaRuntime.Tests;

public class ErrorReportingTests
{
    [Fact]
    public async Task HandlerException_IsReportedAsAnError_AndTheNextInvocationStillWorks()
    {
        await using var run = await LoopRun.StartAsync(new DelegateHandler((context, output) =>
        {
            if (context.Event.Span.SequenceEqual("\"throw\""u8))
            {
                output.Write("partial"u8); // must not reach Lambda
                throw new InvalidOperationException("boom");
            }

            output.Write("\"fine\""u8);
            return InvocationResult.Success;
        }));

        var failed = await run.InvokeAsync("\"throw\"");
        var next = await run.InvokeAsync("\"ok\"");

        Assert.Equal(InvocationStatus.Error, failed.Status);
        Assert.Equal("InvalidOperationException", failed.ErrorType);
        Assert.Equal("boom", failed.ErrorMessage);
        using var document = JsonDocument.Parse(failed.Body);
        var stackTrace = document.RootElement.GetProperty("stackTrace");
        Assert.Equal(JsonValueKind.Array, stackTrace.ValueKind);
        Assert.Contains(stackTrace.EnumerateArray(), frame => frame.GetString()!.Contains(nameof(HandlerException_IsReportedAsAnError_AndTheNextInvocationStillWorks), StringComparison.Ordinal));
        Assert.Equal(InvocationStatus.Success, next.Status);
        Assert.Equal("\"fine\"", Utf8.Text(next.Body));
        Assert.False(run.Exit.IsCompleted);
    }

    [Fact]
    public async Task FailureResult_IsReportedWithExactlyItsErrorTypeAndErrorMessage()
    {
        await using var run = await LoopRun.StartAsync(new DelegateHandler((_, output) =>
        {
            output.Write("{\"ignored\":true}"u8);
            return InvocationResult.Failure("Unauthorized", "Unauthorized");
        }));

        var outcome = await run.InvokeAsync("{}");

        Assert.Equal(InvocationStatus.Error, outcome.Status);
        Assert.Equal("Unauthorized", outcome.ErrorType);
        Assert.Equal("Unauthorized", outcome.ErrorMessage);
        Assert.Equal("{\"errorMessage\":\"Unauthorized\",\"errorType\":\"Unauthorized\"}", Utf8.Text(outcome.Body));
    }

    [Fact]
    public void FailureAndSuccessResults_ExposeWhatWasGiven()
    {
        var failure = InvocationResult.Failure("Type", "message");

        Assert.True(InvocationResult.Success.IsSuccess);
        Assert.Null(InvocationResult.Success.ErrorType);
        Assert.True(default(InvocationResult).IsSuccess);
        Assert.False(failure.IsSuccess);
        Assert.Equal(("Type", "message"), (failure.ErrorType, failure.ErrorMessage));
        Assert.Throws<ArgumentException>(() => InvocationResult.Failure("", "message"));
    }

    [Fact]
    public void ErrorDocument_EscapesItsStrings_AndListsStackFrames()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Exception thrown;
        try
        {
            throw new FormatException("quote \" and\nnewline");
        }
        catch (FormatException ex)
        {
            thrown = ex;
        }

        ErrorJson.Write(buffer, "FormatException", thrown.Message, thrown);

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal("quote \" and\nnewline", document.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("FormatException", document.RootElement.GetProperty("errorType").GetString());
        Assert.NotEqual(0, document.RootElement.GetProperty("stackTrace").GetArrayLength());
        Assert.Equal("Function.Bad_Type", ErrorJson.HeaderSafe("Function.Bad\nType"));
    }
}
