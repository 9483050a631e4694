using AotAuth.Cli.Commands;

namespace AotAuth.Cli.Tests;

/// <summary><c>serve --log-level</c>: which level shows each kind of line the gateway and the functions print.</summary>
public sealed class ServeLogTests
{
    public static TheoryData<string, string> Lines => new()
    {
        { "GET /user/42 -> 200 (3.1 ms, request 7a49)", "access" },
        { "[user] REPORT RequestId: 66\tDuration: 5.01 ms\tBilled Duration: 6 ms\tMemory Size: 128 MB\tMax Memory Used: 13 MB", "report" },
        { "[user] REPORT RequestId: 66\tDuration: 10000.00 ms\tBilled Duration: 10000 ms\tMemory Size: 128 MB\tMax Memory Used: 13 MB\tStatus: timeout", "quiet" },
        { "[authorizer] {\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[]},\"AllowDecisions\":1}", "debug" },
        { "[authorizer] 2026-11-29T11:23:17.637Z\t8096f7bf\tINFO\tauthorizer decision decision=allow", "info" },
        { "[authorizer] 2026-11-29T11:23:17.637Z\tWARN\tDynamoDB priming failed", "quiet" },
        { "[authorizer] 2026-11-29T11:23:17.637Z\t8096f7bf\tERROR\tboom", "quiet" },
        { "[user] 2026-11-29T11:23:17.637Z\t8096f7bf\tDEBUG\tdetail", "debug" },
        { "[user] {\"timestamp\":\"t\",\"level\":\"INFO\",\"message\":\"user request\"}", "info" },
        { "[user] {\"timestamp\":\"t\",\"level\":\"WARN\",\"message\":\"user request\"}", "quiet" },
        { "[user] could not start: exec format error", "quiet" },
        { "[user] some stray output", "info" },
        { "authorizer answered an invalid response: no principalId", "quiet" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Line_GetsTheLowestLevelThatShowsIt(string line, string expected)
    {
        Assert.Equal(expected, ServeLog.LevelOf(line).ToString().ToLowerInvariant());
    }

    [Fact]
    public void DefaultLevel_ShowsAccessAndReportLines_ButNotFunctionInfoOrMetricsLines()
    {
        var shown = new List<string>();
        var log = new ServeLog(ServeLogLevel.Report, shown.Add);
        string[] lines =
        [
            "GET /user/42 -> 200 (3.1 ms, request 7a49)",
            "[user] REPORT RequestId: 66\tDuration: 5.01 ms",
            "[user] 2026-11-29T11:23:17.637Z\t66\tINFO\tuser request action=get",
            "[user] {\"_aws\":{}}",
        ];

        foreach (string line in lines)
        {
            log.Write(line);
        }

        Assert.Equal(lines[..2], shown);
    }

    [Fact]
    public void Names_AreTheLevelsLowestFirst()
    {
        Assert.Equal(["quiet", "access", "report", "info", "debug"], ServeLog.Names);
    }
}
