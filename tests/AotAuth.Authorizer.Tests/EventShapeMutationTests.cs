using System.Buffers;
using System.Text;
using AotAuth.LambdaRuntime;

namespace AotAuth.Authorizer.Tests;

/// <summary>
/// Fail closed under damage: REQUEST and payload 2.0 events for a token the store does not hold,
/// bytes flipped, cut short or replaced at random (fixed seed, bounded), never get an Allow or
/// <c>isAuthorized: true</c>, in either response mode; and the handler never throws.
/// </summary>
public sealed class EventShapeMutationTests
{
    private const int Cases = 20_000;

    public static TheoryData<bool> Modes => new() { false, true };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task MutatedEventsForAnUnknownToken_NeverAuthorize(bool iamResponse)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var store = new InMemoryTokenStore();
        store.Add("goodToken1", "alice", ["* /*"]);
        var log = new RuntimeLog(Stream.Null, new LogSettings(Json: false, MinimumLevel: LogLevel.Warn));
        using var handler = new AuthorizerHandler(store, new DecisionCache(clock, TimeSpan.FromSeconds(60), 1000), clock, TimeSpan.FromMilliseconds(200), log,
            new EmbeddedMetrics("AotAuth", log, "test", Stream.Null), iamResponse ? HttpResponseMode.Iam : HttpResponseMode.Simple);
        byte[][] seeds =
        [
            Encoding.UTF8.GetBytes(EventShapeTests.RequestEvent("unknownTok1")),
            Encoding.UTF8.GetBytes(EventShapeTests.HttpEvent("unknownTok1")),
            Encoding.UTF8.GetBytes(EventShapeTests.TokenEvent("unknownTok1")),
        ];
        var random = new Random(20261129);
        var output = new ArrayBufferWriter<byte>();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Cases; i++)
        {
            byte[] utf8 = (byte[])seeds[i % seeds.Length].Clone();
            for (int m = random.Next(1, 4); m > 0; m--)
            {
                EventMutation.Mutate(utf8, random);
            }

            output.ResetWrittenCount();
            var context = new InvocationContext
            {
                RequestId = "fuzz",
                DeadlineUnixMs = (clock.GetUtcNow() + TimeSpan.FromSeconds(5)).ToUnixTimeMilliseconds(),
                InvokedFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:authorizer",
                Event = utf8,
            };
            InvocationResult result = await handler.InvokeAsync(context, output, CancellationToken.None);
            string answer = Encoding.UTF8.GetString(output.WrittenSpan);
            string outcome = !result.IsSuccess ? result.ErrorType ?? "error" : answer.Contains("\"isAuthorized\"", StringComparison.Ordinal) ? "simple" : "policy";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            Assert.False(
                result.IsSuccess && (answer.Contains("\"isAuthorized\":true", StringComparison.Ordinal) || answer.Contains("\"Allow\"", StringComparison.Ordinal)),
                $"case {i}: authorized {Encoding.UTF8.GetString(utf8)} -> {answer}");
        }

        // The run proves something only if the damaged events reach every kind of answer.
        Assert.True(outcomes.GetValueOrDefault("InvalidEvent") > 0 && outcomes.GetValueOrDefault("Unauthorized") > 0, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(iamResponse ? "policy" : "simple") > Cases / 100, string.Join(", ", outcomes));
    }
}
