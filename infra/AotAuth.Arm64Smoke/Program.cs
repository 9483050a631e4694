using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AotAuth.Core;
using AotAuth.Core.Contracts;
using AotAuth.LocalHosting;
using AotAuth.Storage;

// Usage: AotAuth.Arm64Smoke <bootstrap> <dynamodb-endpoint> [qemu-sysroot]
// Starts <bootstrap> under qemu-aarch64 (unless this machine is aarch64) against a loopback
// Runtime API and DynamoDB Local holding one known token, then expects an Allow for that
// token and "Unauthorized" for an unknown one. Exits 0 on success, 1 on any mismatch.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: AotAuth.Arm64Smoke <bootstrap> <dynamodb-endpoint> [qemu-sysroot]");
    return 2;
}

string bootstrap = Path.GetFullPath(args[0]);
var endpoint = new Uri(args[1]);
string sysroot = args.Length > 2 ? args[2] : "/";
const string Region = "us-east-1";
string table = "arm64-smoke-" + Guid.NewGuid().ToString("N")[..8];
const string Token = "arm64SmokeToken01";
const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/user/42";

var options = new DynamoDbClientOptions { Endpoint = endpoint, Region = Region, Credentials = new AwsCredentials("local", "local", null) };
using var dynamo = new DynamoDbClient(options);
await DynamoDbTables.EnsureTokenTableAsync(dynamo, table);
var store = new DynamoDbTokenStore(dynamo, table);
await store.PutAsync(
    new TokenRecord(TokenHash.Compute(Token).ToHex(), "smoke-user", ["GET /user/*"], DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()),
    CancellationToken.None);

await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
bool native = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64;
var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
{
    [FunctionVariables.DynamoDbEndpoint] = endpoint.ToString(),
    [FunctionVariables.TokenTable] = table,
    [FunctionVariables.Region] = Region,
    ["AWS_ACCESS_KEY_ID"] = "local",
    ["AWS_SECRET_ACCESS_KEY"] = "local",
    // Emulation is slow: give the DynamoDB call a generous budget so the smoke test checks behaviour, not speed.
    [FunctionVariables.StoreTimeoutMs] = "10000",
};

// The trust store settings the stack deploys with (the bundle is published next to bootstrap).
foreach ((string key, string value) in TrustStore.Environment(Path.GetDirectoryName(bootstrap)!))
{
    environment[key] = value;
}

await using ChildProcess process = FunctionProcess.Start(
    server,
    native ? bootstrap : "qemu-aarch64",
    new ChildProcessOptions { Arguments = native ? [] : ["-L", sysroot, bootstrap], Environment = environment });

var failures = new List<string>();
try
{
    await RunAsync();
}
catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
{
    failures.Add(ex.Message);
}

async Task RunAsync()
{
    var sw = Stopwatch.StartNew();
    InvocationOutcome allow = await InvokeAsync(server, process, Event(Token));
    Console.WriteLine($"known token: {allow.Status} in {sw.ElapsedMilliseconds} ms (first invocation, emulated cold start)");
    if (allow.Status != InvocationStatus.Success)
    {
        failures.Add($"known token: expected Success, got {allow.Status} {allow.ErrorType} {allow.ErrorMessage}");
    }
    else
    {
        using var doc = JsonDocument.Parse(allow.Body);
        string policy = doc.RootElement.GetProperty("policyDocument").GetRawText();
        string? principal = doc.RootElement.GetProperty("principalId").GetString();
        if (principal != "smoke-user" || !policy.Contains("\"Allow\"", StringComparison.Ordinal)
            || !policy.Contains("arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/user/*", StringComparison.Ordinal))
        {
            failures.Add("known token: expected an Allow for smoke-user on GET /user/*, got " + Encoding.UTF8.GetString(allow.Body));
        }
    }

    sw.Restart();
    InvocationOutcome deny = await InvokeAsync(server, process, Event("unknownToken99"));
    Console.WriteLine($"unknown token: {deny.Status} {deny.ErrorMessage} in {sw.ElapsedMilliseconds} ms");
    if (deny.Status != InvocationStatus.Error || deny.ErrorMessage != ErrorTypes.Unauthorized)
    {
        failures.Add($"unknown token: expected error Unauthorized, got {deny.Status} {deny.ErrorMessage} {Encoding.UTF8.GetString(deny.Body)}");
    }
}

foreach (string failure in failures)
{
    Console.Error.WriteLine("FAIL " + failure);
}

if (failures.Count > 0)
{
    Console.Error.WriteLine("bootstrap output:\n" + process.Output);

    return 1;
}

Console.WriteLine("arm64 smoke: OK (Allow for the known token, Unauthorized for an unknown one)");
return 0;

// One invocation, abandoned when the process exits or after 60 s (emulated cold start included).
static async Task<InvocationOutcome> InvokeAsync(RuntimeApiServer server, ChildProcess process, byte[] payload)
{
    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
    Task<InvocationOutcome> outcome = server.InvokeAsync(payload, new InvokeOptions(TimeSpan.FromSeconds(30)), cts.Token);
    Task exited = Task.Delay(Timeout.Infinite, process.Exited);
    if (await Task.WhenAny(outcome, exited) != outcome)
    {
        await cts.CancelAsync();
        throw new InvalidOperationException(process.HasExited ? $"bootstrap exited with {process.ExitCode}" : "no answer within 60 s");
    }

    return await outcome;
}

static byte[] Event(string token) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
{
    ["type"] = "TOKEN",
    ["authorizationToken"] = token,
    ["methodArn"] = MethodArn,
});
