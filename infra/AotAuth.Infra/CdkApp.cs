using Amazon.CDK;

namespace AotAuth.Infra;

/// <summary>
/// Creates the CDK <see cref="App"/> with the context of <c>infra/cdk.json</c>: the feature
/// flags CDK 2.160's <c>cdk init</c> writes, and the defaults (<c>arch</c>). Program.cs and the
/// template tests both create their app here, so the tests synthesize with the flags
/// <c>cdk synth</c> uses; cdk.json is the one place the flags are written.
/// </summary>
public static class CdkApp
{
    /// <summary>The CDK app's settings file, in <c>infra/</c>.</summary>
    public const string CdkJsonFileName = "cdk.json";

    /// <summary><c>infra/cdk.json</c> of the repository that contains <paramref name="start"/>.</summary>
    /// <exception cref="InvalidOperationException">No repository above <paramref name="start"/>.</exception>
    public static string CdkJsonPath(string start) =>
        Path.Combine(PublishedCode.RepositoryRoot(start), "infra", CdkJsonFileName);

    /// <summary>The <c>context</c> object of the cdk.json at <paramref name="cdkJsonPath"/>, as plain objects.</summary>
    /// <exception cref="InvalidOperationException">The file has no <c>context</c> object.</exception>
    public static Dictionary<string, object> Context(string cdkJsonPath)
    {
        object? settings = JsonObjects.Parse(File.ReadAllText(cdkJsonPath));
        if (settings is not Dictionary<string, object?> root || !root.TryGetValue("context", out object? context)
            || context is not Dictionary<string, object?> values)
        {
            throw new InvalidOperationException($"{cdkJsonPath} has no \"context\" object");
        }

        return values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
    }

    /// <summary>
    /// A new app whose context is cdk.json's, then <paramref name="context"/> over it. Under the
    /// CLI, its context (cdk.json again, <c>cdk.context.json</c>, <c>-c</c> values) wins over both,
    /// as <see cref="App"/> reads it after the context given here.
    /// </summary>
    public static App New(string workingDirectory, IReadOnlyDictionary<string, object>? context = null)
    {
        Dictionary<string, object> values = Context(CdkJsonPath(workingDirectory));
        foreach (var (key, value) in context ?? new Dictionary<string, object>())
        {
            values[key] = value;
        }

        return new App(new AppProps { Context = values });
    }
}
