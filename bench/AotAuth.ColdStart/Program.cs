using System.Globalization;
using System.Text;
using AotAuth.ColdStart;
using AotAuth.Core;
using AotAuth.Storage;

// Usage: dotnet run -c Release --project bench/AotAuth.ColdStart -- [--runs N]
// Needs DynamoDB Local (AOTAUTH_DYNAMODB_ENDPOINT, as scripts/test.sh sets it) and the
// published bootstraps (scripts/publish.sh) plus a Release build (for the JIT variant).
int runs = args.Length == 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
string endpoint = Environment.GetEnvironmentVariable("AOTAUTH_DYNAMODB_ENDPOINT")
    ?? throw new InvalidOperationException("Set AOTAUTH_DYNAMODB_ENDPOINT (scripts/dynamodb-local.sh start).");
string root = FindRoot();

const string token = "ColdStartToken0123456789abcdefAB";
string tokenTable = "coldstart-token-" + Guid.NewGuid().ToString("N")[..8];
string userTable = "coldstart-user-" + Guid.NewGuid().ToString("N")[..8];
using (var client = new DynamoDbClient(new DynamoDbClientOptions { Endpoint = new Uri(endpoint), Region = "us-east-1", Credentials = new AwsCredentials("local", "local", null) }))
{
    await DynamoDbTables.EnsureTokenTableAsync(client, tokenTable, CancellationToken.None);
    await DynamoDbTables.EnsureUserTableAsync(client, userTable, CancellationToken.None);
    await new DynamoDbTokenStore(client, tokenTable).PutAsync(
        new TokenRecord(TokenHash.Compute(token).ToHex(), "coldstart", ["PUT /user", "GET /user/*"], null), CancellationToken.None);
}

var environment = new Dictionary<string, string>
{
    ["AWS_REGION"] = "us-east-1",
    ["AWS_ACCESS_KEY_ID"] = "local",
    ["AWS_SECRET_ACCESS_KEY"] = "local",
    ["DYNAMODB_ENDPOINT"] = endpoint,
    ["TOKEN_TABLE"] = tokenTable,
    ["USER_TABLE"] = userTable,
};
string Published(string project) => Path.Combine(root, "artifacts", "publish", project, "release_linux-x64", "bootstrap");
string JitBuild(string project) => Path.Combine(root, "artifacts", "bin", project, "release", "bootstrap.dll");

var variants = new (Variant Variant, byte[] Payload)[]
{
    (new Variant("authorizer (native)", Published("AotAuth.Authorizer"), [], environment), AuthorizerEvent()),
    (new Variant("authorizer (JIT)", "dotnet", [JitBuild("AotAuth.Authorizer")], environment), AuthorizerEvent()),
    (new Variant("user function (native)", Published("AotAuth.UserFunction"), [], environment), UserEvent()),
};

var results = variants.ToDictionary(v => v.Variant.Name, _ => new List<ColdStartRun>());
for (int i = 0; i < runs; i++)
{
    // Interleaved, so a noisy moment on the machine hits every variant alike.
    foreach ((Variant variant, byte[] payload) in variants)
    {
        results[variant.Name].Add(await ColdStartRun.MeasureAsync(variant, payload));
    }
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Cold start, {runs} runs per variant, interleaved ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores)");
report.AppendLine();
report.AppendLine("| variant | binary | init median (ms) | first answer median / p90 / min / max (ms) | peak RSS median (MB) | failures |");
report.AppendLine("|---|---:|---:|---:|---:|---:|");
foreach ((Variant variant, _) in variants)
{
    List<ColdStartRun> r = results[variant.Name];
    Statistics init = Statistics.Of(r.Select(x => x.InitMs));
    Statistics first = Statistics.Of(r.Select(x => x.FirstAnswerMs));
    Statistics rss = Statistics.Of(r.Select(x => x.PeakRssMb));
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {variant.Name} | {variant.BinarySize} | {init.Median:F1} | {first.Median:F1} / {first.P90:F1} / {first.Min:F1} / {first.Max:F1} | {rss.Median:F1} | {r.Count(x => !x.Succeeded)} |");
}

Console.Write(report);
string outDir = Path.Combine(root, "artifacts", "bench");
Directory.CreateDirectory(outDir);
await File.WriteAllTextAsync(Path.Combine(outDir, "coldstart.md"), report.ToString());
return results.Values.Any(r => r.Any(x => !x.Succeeded)) ? 1 : 0;

static byte[] AuthorizerEvent() => Encoding.UTF8.GetBytes(
    $$"""{"type":"TOKEN","authorizationToken":"{{token}}","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc123/prod/PUT/user"}""");

static byte[] UserEvent() => Encoding.UTF8.GetBytes(
    """{"action":"put","principalId":"coldstart","body":{"id":"cold-1","name":"Cold Start"}}""");

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "AotAuth.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("AotAuth.sln not found");
}
