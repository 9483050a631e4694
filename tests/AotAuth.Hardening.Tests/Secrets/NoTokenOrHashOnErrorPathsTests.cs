using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AotAuth.Core;
using AotAuth.Hardening.Tests.Faults;
using AotAuth.LocalHosting;
using AotAuth.Storage;
using Xunit.Abstractions;
using AotAuth.Testing.Processes;

namespace AotAuth.Hardening.Tests.Secrets;

/// <summary>
/// Every error path of the native functions' stores, driven for real: DynamoDB refusing,
/// throttling, failing with 500, too slow, a missing table and corrupt items; the file store with
/// a file that cannot be read, corrupt JSON and wrong types; and invocations with no time left.
/// Everything the processes print (stdout and stderr, at TRACE) and every answer they give is then
/// scanned for the tokens used and for any full 64-hex SHA-256: only the 8-character prefix that
/// docs/observability.md ("Logs") promises may appear.
/// </summary>
[Collection(Heavy.Name)]
public sealed partial class NoTokenOrHashOnErrorPathsTests(ITestOutputHelper output) : IDisposable
{
    private const string Arn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/user/1";
    private static readonly InvokeOptions Patient = new(TimeSpan.FromSeconds(10));
    private static readonly InvokeOptions NoTimeLeft = new(TimeSpan.FromMilliseconds(60));

    private readonly string _data = Directory.CreateTempSubdirectory("aotauth-errorpaths-").FullName;
    private readonly List<string> _tokens = [];
    private readonly ConcurrentQueue<string> _answers = new();

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [GeneratedRegex("[0-9a-fA-F]{64}")]
    private static partial Regex FullHash();

    [Fact]
    public async Task DynamoDbErrorPaths_PrintAndAnswerNeitherATokenNorAFullHash()
    {
        string table = $"hardening-secrets-{Guid.NewGuid():N}";
        using DynamoDbClient client = DynamoDbLocal.CreateClient();
        await DynamoDbTables.EnsureTokenTableAsync(client, table);
        string good = NewToken();
        await new DynamoDbTokenStore(client, table).PutAsync(new TokenRecord(Hash(good), "good", ["GET /user/*"], null), CancellationToken.None);
        (string Token, Dictionary<string, AttributeValue> Item)[] corrupt =
        [
            Corrupt(t => new() { ["principalId"] = AttributeValue.FromNumber(5), ["scopes"] = AttributeValue.FromStringSet(["GET /user/*"]) }),
            Corrupt(t => new() { ["principalId"] = AttributeValue.FromString("p"), ["scopes"] = AttributeValue.FromNumber(1) }),
            Corrupt(t => new() { ["principalId"] = AttributeValue.FromString("p"), ["expiresAt"] = AttributeValue.FromString("soon") }),
            Corrupt(t => new() { ["scopes"] = AttributeValue.FromStringSet(["GET /user/*"]) }),
        ];
        foreach (var (token, item) in corrupt)
        {
            item["token"] = AttributeValue.FromString(Hash(token));
            await client.PutItemAsync(table, item, null, CancellationToken.None);
        }

        await using var proxy = new DynamoDbFaultProxy(new Uri(DynamoDbLocal.Endpoint));
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["DYNAMODB_ENDPOINT"] = proxy.Endpoint,
            ["TOKEN_TABLE"] = table,
            ["DYNAMODB_TIMEOUT_MS"] = "500",
        };
        var lines = new List<string>();
        await using (Authorizer authorizer = await Authorizer.StartAsync(environment, lines))
        {
            await ExpectAsync(authorizer, good, "Allow");
            foreach (var (token, _) in corrupt)
            {
                await ExpectAsync(authorizer, token, "TokenStoreUnavailable");
            }

            foreach ((ProxyMode mode, string expected) in new[] { (ProxyMode.Refuse, "TokenStoreUnavailable"), (ProxyMode.Throttle, "TokenStoreUnavailable"), (ProxyMode.ServerError, "TokenStoreUnavailable"), (ProxyMode.Slow, "TokenStoreTimeout") })
            {
                proxy.Mode = mode;
                await ExpectAsync(authorizer, NewToken(), expected);
            }

            proxy.Mode = ProxyMode.Pass;
            await ExpectNoTimeLeftAsync(authorizer);
            await ExpectAsync(authorizer, good, "Allow");
        }

        await using (Authorizer missingTable = await Authorizer.StartAsync(new Dictionary<string, string>(environment) { ["TOKEN_TABLE"] = table + "-missing" }, lines))
        {
            await ExpectAsync(missingTable, NewToken(), "TokenStoreUnavailable");
        }

        AssertNothingLeaked(lines, expectFailuresLogged: corrupt.Length + 5);
    }

    [Fact]
    public async Task FileStoreErrorPaths_PrintAndAnswerNeitherATokenNorAFullHash()
    {
        var tokens = new FileTokenStore(_data);
        string good = NewToken();
        await tokens.PutAsync(new TokenRecord(Hash(good), "good", ["GET /user/*"], null), CancellationToken.None);
        string unreadable = NewToken();
        Directory.CreateDirectory(TokenFile(unreadable));
        string[] corruptContents =
        [
            "{",
            "",
            "[]",
            """{"token":"HASH","principalId":5,"scopes":["GET /user/*"]}""",
            """{"token":"HASH","principalId":"p","scopes":"GET /user/*"}""",
            """{"token":"HASH","principalId":"p","expiresAt":"soon"}""",
            """{"token":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","principalId":"p"}""",
        ];
        var corrupt = new List<string>();
        foreach (string content in corruptContents)
        {
            string token = NewToken();
            File.WriteAllText(TokenFile(token), content.Replace("HASH", Hash(token), StringComparison.Ordinal));
            corrupt.Add(token);
        }

        var environment = new Dictionary<string, string> { ["AOTAUTH_DATA_DIR"] = _data };
        var lines = new List<string>();
        await using (Authorizer authorizer = await Authorizer.StartAsync(environment, lines))
        {
            await ExpectAsync(authorizer, good, "Allow");
            await ExpectAsync(authorizer, unreadable, "TokenStoreUnavailable");
            foreach (string token in corrupt)
            {
                await ExpectAsync(authorizer, token, "TokenStoreUnavailable");
            }

            await ExpectNoTimeLeftAsync(authorizer);
        }

        // The user function's files are named by the SHA-256 of the id: the same rule holds.
        var users = new FileUserStore(_data);
        await users.PutAsync(new User("corrupt-user", "n", "a", "t"), CancellationToken.None);
        File.WriteAllText(UserFile("corrupt-user"), "{");
        await users.PutAsync(new User("wrong-user", "n", "a", "t"), CancellationToken.None);
        File.WriteAllText(UserFile("wrong-user"), """{"id":"wrong-user","name":5,"updatedBy":"a","updatedAt":"t"}""");
        Directory.CreateDirectory(UserFile("dir-user"));
        await using (RuntimeApiServer server = await RuntimeApiServer.StartAsync())
        {
            ChildProcess user = TestProcesses.Start(RepoPaths.NativeBootstrap("AotAuth.UserFunction"), ProcessEnvironment(server, environment));
            try
            {
                foreach (string request in new[]
                {
                    """{"action":"get","principalId":"p","id":"dir-user"}""",
                    """{"action":"put","principalId":"p","body":{"id":"dir-user","name":"n"}}""",
                    """{"action":"get","principalId":"p","id":"corrupt-user"}""",
                    """{"action":"get","principalId":"p","id":"wrong-user"}""",
                })
                {
                    InvocationOutcome outcome = await server.InvokeAsync(Encoding.UTF8.GetBytes(request), Patient);
                    Keep(outcome);
                    Assert.True(outcome.ErrorType == "StoreUnavailable", $"{request}: {outcome.Status} {outcome.ErrorType} {outcome.ErrorMessage}\n{user.Output}");
                }

                await WaitForLinesAsync(user, "user store call failed", 4);
            }
            finally
            {
                await user.DisposeAsync(); // kills it and reads its output to the end
                lines.AddRange(user.Lines);
            }
        }

        AssertNothingLeaked(lines, expectFailuresLogged: 1 + corrupt.Count);
    }

    private static string Hash(string token) => TokenHash.Compute(token).ToHex();

    private static Dictionary<string, string> ProcessEnvironment(RuntimeApiServer server, IReadOnlyDictionary<string, string> environment) =>
        new(environment)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = server.RuntimeApiAddress,
            ["AWS_LAMBDA_LOG_LEVEL"] = "TRACE",
            ["AWS_REGION"] = "us-east-1",
            ["CACHE_TTL_SECONDS"] = "0",
        };

    private static async Task WaitForLinesAsync(ChildProcess process, string text, int count)
    {
        for (int i = 0; i < 100 && process.Lines.Count(l => l.Contains(text, StringComparison.Ordinal)) < count; i++)
        {
            await Task.Delay(50);
        }
    }

    private string NewToken()
    {
        string token = "Err" + Guid.NewGuid().ToString("N")[..26];
        _tokens.Add(token);
        return token;
    }

    private (string Token, Dictionary<string, AttributeValue> Item) Corrupt(Func<string, Dictionary<string, AttributeValue>> item)
    {
        string token = NewToken();
        return (token, item(token));
    }

    private string TokenFile(string token) => Path.Combine(_data, "tokens", Hash(token) + ".json");

    private string UserFile(string id) => Path.Combine(_data, "users", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id))) + ".json");

    private void Keep(InvocationOutcome outcome) =>
        _answers.Enqueue($"{outcome.Status} {outcome.ErrorType} {outcome.ErrorMessage} {Encoding.UTF8.GetString(outcome.Body)}");

    private async Task ExpectAsync(Authorizer authorizer, string token, string expected)
    {
        InvocationOutcome outcome = await authorizer.InvokeAsync(token, Patient);
        Keep(outcome);
        string body = Encoding.UTF8.GetString(outcome.Body);
        if (expected == "Allow")
        {
            Assert.True(outcome.Status == InvocationStatus.Success && body.Contains("\"Effect\":\"Allow\"", StringComparison.Ordinal), $"expected Allow: {outcome.Status} {outcome.ErrorType} {outcome.ErrorMessage}\n{authorizer.Process.Output}");
        }
        else
        {
            Assert.True(outcome.ErrorType == expected, $"expected {expected}: {outcome.Status} {outcome.ErrorType} {outcome.ErrorMessage}\n{authorizer.Process.Output}");
            Assert.DoesNotContain("Allow", body, StringComparison.Ordinal);
            await WaitForLinesAsync(authorizer.Process, Hash(token)[..8], 1);
        }
    }

    private async Task ExpectNoTimeLeftAsync(Authorizer authorizer)
    {
        string token = NewToken();
        InvocationOutcome outcome = await authorizer.InvokeAsync(token, NoTimeLeft);
        Keep(outcome);
        // The function answers TokenStoreTimeout at once; on a loaded machine the server may call the 60 ms deadline first.
        Assert.True(outcome.ErrorType == "TokenStoreTimeout" || outcome.Status == InvocationStatus.Timeout, $"{outcome.Status} {outcome.ErrorType} {outcome.ErrorMessage}");
        await WaitForLinesAsync(authorizer.Process, "no time left", 1);
    }

    private void AssertNothingLeaked(List<string> lines, int expectFailuresLogged)
    {
        var scanner = new SecretScanner(_tokens);
        var findings = scanner.ScanLines(lines, "output").Concat(scanner.ScanLines(_answers, "answer")).Select(f => f.ToString()).ToList();
        findings.AddRange(lines.Where(l => FullHash().IsMatch(l)).Select(l => "full hash in output: " + l));
        findings.AddRange(_answers.Where(a => FullHash().IsMatch(a)).Select(a => "full hash in an answer: " + a));
        output.WriteLine($"{lines.Count} output lines and {_answers.Count} answers scanned for {_tokens.Count} tokens and any 64-hex run");
        foreach (string line in lines.Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("no time left", StringComparison.Ordinal)))
        {
            output.WriteLine("  " + line);
        }

        Assert.True(findings.Count == 0, string.Join('\n', findings));
        // The failures were logged, each naming its token by the 8-character prefix.
        int named = _tokens.Count(t => lines.Any(l => l.Contains(Hash(t)[..8], StringComparison.Ordinal)));
        Assert.True(named >= expectFailuresLogged, $"only {named} of the tokens were named by their prefix in the output (expected at least {expectFailuresLogged})");
    }

    /// <summary>The native authorizer against its own Runtime API server, every output line kept.</summary>
    private sealed class Authorizer : IAsyncDisposable
    {
        private readonly RuntimeApiServer _server;
        private readonly List<string> _sink;

        private Authorizer(RuntimeApiServer server, ChildProcess process, List<string> sink)
        {
            _server = server;
            Process = process;
            _sink = sink;
        }

        public ChildProcess Process { get; }

        public static async Task<Authorizer> StartAsync(IReadOnlyDictionary<string, string> environment, List<string> sink)
        {
            RuntimeApiServer server = await RuntimeApiServer.StartAsync();
            return new Authorizer(server, TestProcesses.Start(RepoPaths.NativeBootstrap("AotAuth.Authorizer"), ProcessEnvironment(server, environment)), sink);
        }

        public Task<InvocationOutcome> InvokeAsync(string token, InvokeOptions options) => _server.InvokeAsync(Encoding.UTF8.GetBytes(
            $$"""{"type":"TOKEN","authorizationToken":"{{token}}","methodArn":"{{Arn}}"}"""), options);

        public async ValueTask DisposeAsync()
        {
            await Process.DisposeAsync(); // kills it and reads its output to the end
            _sink.AddRange(Process.Lines);
            await _server.DisposeAsync();
        }
    }
}
