using AotAuth.Core.Contracts;

namespace AotAuth.ColdStart;

/// <summary>
/// What both harness modes start, where the build leaves it (scripts/publish.sh, the Release
/// build, <c>npm ci</c> in bench/seed-node), and what every one of them is given: the variables
/// Lambda sets and the answer a known token gets.
/// </summary>
internal static class Builds
{
    /// <summary>What the first answer to the known token must contain.</summary>
    public const string Allow = "\"Allow\"";

    /// <summary>A Native AOT <c>bootstrap</c> as scripts/publish.sh publishes <paramref name="project"/> for linux-x64.</summary>
    public static string Published(string root, string project) =>
        Path.Combine(root, "artifacts", "publish", project, "release_linux-x64", "bootstrap");

    /// <summary>
    /// The variables Lambda sets (region, the execution role's credentials, which DynamoDB Local
    /// accepts whatever they are) and the token table the template would name.
    /// </summary>
    public static Dictionary<string, string> LambdaEnvironment(ColdStartFixture fixture) => new()
    {
        [FunctionVariables.Region] = FunctionVariables.DefaultRegion,
        ["AWS_ACCESS_KEY_ID"] = "local",
        ["AWS_SECRET_ACCESS_KEY"] = "local",
        [FunctionVariables.TokenTable] = fixture.TokenTable,
    };

    /// <summary>The authorizer's Release build, run by the shared runtime (<c>dotnet bootstrap.dll</c>).</summary>
    public static Variant Jit(string name, string root, IReadOnlyDictionary<string, string> environment, byte[] payload, byte[]? warmPayload = null)
    {
        string folder = Path.Combine(root, "artifacts", "bin", "AotAuth.Authorizer", "release");
        return new Variant(name, "dotnet", [Path.Combine(folder, "bootstrap.dll")], environment, payload, Allow, [folder], "+ shared runtime", warmPayload);
    }

    /// <summary>
    /// The seed's handler (bench/seed-node, aws-sdk v2) under <c>node</c>, reading the fixture's
    /// plain-text token table; <paramref name="environment"/> says where DynamoDB is.
    /// </summary>
    public static Variant Seed(string name, string root, ColdStartFixture fixture, IReadOnlyDictionary<string, string> environment, byte[] payload, byte[]? warmPayload = null)
    {
        string folder = Path.Combine(root, "bench", "seed-node");
        var seedEnvironment = new Dictionary<string, string>(environment)
        {
            ["SEED_TOKEN_TABLE"] = fixture.SeedTable,
            ["AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE"] = "1",
        };
        string runtime = Path.Combine(folder, "runtime.js");
        return new Variant(name, "node", [runtime], seedEnvironment, payload, Allow,
            [runtime, Path.Combine(folder, "index.js"), Path.Combine(folder, "node_modules")], "+ node", warmPayload);
    }
}
