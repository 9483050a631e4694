using System.Text;
using System.Text.Json;

namespace AotAuth.LambdaRuntime.Tests;

public sealed class ObservabilityTests
{
    private static string[] CaptureLines(LogSettings settings, Action<RuntimeLog> write)
    {
        var captured = new MemoryStream();
        write(new RuntimeLog(captured, settings));
        return Lines(captured);
    }

    private static string[] Lines(MemoryStream captured) =>
        Encoding.UTF8.GetString(captured.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void JsonMode_WritesOneObjectPerLine_WithTheRequiredFieldsAndTheMessagesFields()
    {
        string[] lines = CaptureLines(LogSettings.Parse("JSON", "INFO"), log =>
        {
            log.CurrentRequestId = "req-1";
            log.CurrentTraceId = "Root=1-5e1b4151-5ac6c58f5b0e8c0d5e6f7a8b";
            using (LogLine line = log.Begin(LogLevel.Info, "authorizer decision"))
            {
                line.Add("decision"u8, "allow"u8);
                line.Add("principalId"u8, "al\"ice\nx");
                line.Add("durationMs"u8, 0.1234);
            }

            log.CurrentRequestId = null;
            log.CurrentTraceId = null;
        });

        JsonElement line = JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.True(DateTimeOffset.TryParse(line.GetProperty("timestamp").GetString(), out DateTimeOffset at));
        Assert.Equal(TimeSpan.Zero, at.Offset);
        Assert.Equal("INFO", line.GetProperty("level").GetString());
        Assert.Equal("authorizer decision", line.GetProperty("message").GetString());
        Assert.Equal("req-1", line.GetProperty("requestId").GetString());
        Assert.Equal("Root=1-5e1b4151-5ac6c58f5b0e8c0d5e6f7a8b", line.GetProperty("traceId").GetString());
        Assert.Equal("allow", line.GetProperty("decision").GetString());
        Assert.Equal("al\"ice\nx", line.GetProperty("principalId").GetString());
        Assert.Equal(0.123, line.GetProperty("durationMs").GetDouble());
    }

    [Fact]
    public void LevelsBelowTheConfiguredOne_AreNotWritten()
    {
        string[] lines = CaptureLines(LogSettings.Parse("JSON", "WARN"), log =>
        {
            log.Debug("debug");
            log.Info("info");
            log.Warn("warn");
            log.Error("error");
            using LogLine disabled = log.Begin(LogLevel.Info, "structured");
            Assert.False(disabled.IsEnabled);
            disabled.Add("x"u8, "y"u8);
        });

        Assert.Equal(["WARN", "ERROR"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("level").GetString()));
    }

    [Fact]
    public void TextMode_KeepsLambdasLayout_WithFieldsAsPairs_OnOneLine()
    {
        string[] lines = CaptureLines(LogSettings.Parse("Text", null), log =>
        {
            using LogLine line = log.Begin(LogLevel.Warn, "two\nlines");
            line.Add("cache"u8, "hit"u8);
            line.Add("durationMs"u8, 1.5);
        });

        string[] parts = Assert.Single(lines).Split('\t');
        Assert.Equal(3, parts.Length);
        Assert.Equal("WARN", parts[1]);
        Assert.Equal("two\rlines cache=hit durationMs=1.5", parts[2]);
    }

    [Fact]
    public async Task RuntimeLog_WritesOneLineWithTheRequestId_InsideAnInvocationOnly()
    {
        var captured = new MemoryStream();
        var log = new RuntimeLog(captured, LogSettings.Parse("Text", "INFO"));
        await using var run = await LoopRun.StartAsync(
            new DelegateHandler((_, _) =>
            {
                log.Info("inside\nsecond line");
                return InvocationResult.Success;
            }),
            log: log);
        var outcome = await run.InvokeAsync("{}");
        log.Warn("outside");

        string[] lines = Lines(captured);
        Assert.Contains(lines, l => l.EndsWith($"\t{outcome.RequestId}\tINFO\tinside\rsecond line", StringComparison.Ordinal));
        string outside = Assert.Single(lines, l => l.EndsWith("\tWARN\toutside", StringComparison.Ordinal));
        Assert.Equal(3, outside.Split('\t').Length); // timestamp, level, message: no request id
    }

    [Theory]
    [InlineData("json", "debug", true, LogLevel.Debug)]
    [InlineData("Text", "nonsense", false, LogLevel.Info)]
    [InlineData(null, null, false, LogLevel.Info)]
    [InlineData("JSON", "FATAL", true, LogLevel.Fatal)]
    public void Settings_ComeFromLambdasVariables_WithSafeDefaults(string? format, string? level, bool json, LogLevel minimum)
    {
        Assert.Equal(new LogSettings(json, minimum), LogSettings.Parse(format, level));
    }

    [Fact]
    public void EmfLine_HasTheFormatsRequiredStructure_AndOneValuePerDeclaredMetric()
    {
        var output = new MemoryStream();
        var metrics = new EmbeddedMetrics("AotAuth", new RuntimeLog(Stream.Null, LogSettings.Parse(null, null)), "auth-fn", output);
        metrics.Count("AllowDecisions");
        metrics.Count("CacheHits");
        metrics.Count("CacheHits");
        metrics.Milliseconds("DynamoDbLatency", 3.25);
        metrics.Flush();
        metrics.Flush(); // nothing recorded since: no second line

        string text = Encoding.UTF8.GetString(output.ToArray());
        JsonElement emf = JsonDocument.Parse(Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        JsonElement aws = emf.GetProperty("_aws");
        Assert.True(aws.GetProperty("Timestamp").GetInt64() > 1_700_000_000_000);
        JsonElement directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("AotAuth", directive.GetProperty("Namespace").GetString());
        Assert.Equal(["FunctionName"], Assert.Single(directive.GetProperty("Dimensions").EnumerateArray()).EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("auth-fn", emf.GetProperty("FunctionName").GetString());
        var declared = directive.GetProperty("Metrics").EnumerateArray().ToDictionary(m => m.GetProperty("Name").GetString()!, m => m.GetProperty("Unit").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["AllowDecisions"] = "Count", ["CacheHits"] = "Count", ["DynamoDbLatency"] = "Milliseconds" }, declared);
        Assert.Equal(1, emf.GetProperty("AllowDecisions").GetDouble());
        Assert.Equal(2, emf.GetProperty("CacheHits").GetDouble());
        Assert.Equal(3.25, emf.GetProperty("DynamoDbLatency").GetDouble());
    }

    [Fact]
    public void EmfLine_CarriesUpToTheFormatsHundredMetrics_AndAHundredAndFirstFailsLoudly()
    {
        // The EMF specification allows 100 metrics per directive; none may be dropped silently.
        var output = new MemoryStream();
        var metrics = new EmbeddedMetrics("AotAuth", new RuntimeLog(Stream.Null, LogSettings.Parse(null, null)), "auth-fn", output);
        string[] names = [.. Enumerable.Range(0, EmbeddedMetrics.MaxMetrics).Select(i => $"Metric{i}")];
        foreach (string name in names)
        {
            metrics.Count(name);
        }

        var refused = Assert.Throws<InvalidOperationException>(() => metrics.Count("OneTooMany"));
        Assert.Contains("100 metrics", refused.Message, StringComparison.Ordinal);
        metrics.Flush();

        JsonElement emf = JsonDocument.Parse(Encoding.UTF8.GetString(output.ToArray()).Trim()).RootElement;
        JsonElement directive = Assert.Single(emf.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal(names, directive.GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()));
        Assert.All(names, name => Assert.Equal(1, emf.GetProperty(name).GetDouble()));
        Assert.False(emf.TryGetProperty("OneTooMany", out _));
    }
}
