using System.Runtime.InteropServices;
using System.Text.Json;

namespace AotAuth.Gateway.Templates;

/// <summary>
/// A Lambda function of a template as the local gateway runs it: the <c>bootstrap</c> of its
/// asset folder (a custom runtime), its environment, memory and timeout. <see cref="Problem"/>
/// says why it cannot run here (another runtime, no asset, a binary for another machine); the
/// gateway then answers its routes as a broken integration would.
/// </summary>
/// <param name="Name">The name the API model uses for it (its logical id).</param>
/// <param name="Runtime">Its <c>Runtime</c>, as written.</param>
/// <param name="Bootstrap">The full path of its bootstrap, or null when it cannot run.</param>
/// <param name="Problem">Why it cannot run here, one line; null when it can.</param>
/// <param name="Environment">Its environment variables, resolved (references to tables give the local table names).</param>
/// <param name="MemoryMb"><c>MemorySize</c> (default 128), reported to the function.</param>
/// <param name="TimeoutSeconds"><c>Timeout</c> (default 3): an invocation running longer is stopped.</param>
public sealed record TemplateFunction(
    string Name,
    string Runtime,
    string? Bootstrap,
    string? Problem,
    IReadOnlyDictionary<string, string> Environment,
    int MemoryMb,
    int TimeoutSeconds);

/// <summary>Reads <see cref="TemplateFunction"/>s.</summary>
internal static class FunctionReader
{
    /// <summary>The runtimes whose functions are a <c>bootstrap</c> executable the gateway can start.</summary>
    public static readonly string[] CustomRuntimes = ["provided.al2023", "provided.al2"];

    /// <summary>Where Lambda puts a function's code.</summary>
    private const string LambdaTaskRoot = "/var/task";

    private const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static TemplateFunction Read(CloudFormationTemplate template, string logicalId, TemplateValues values, TemplateFindings findings)
    {
        TemplateResource function = template.Resources[logicalId];
        string runtime = function.Text("Runtime") ?? (function.Text("PackageType") == "Image" ? "a container image" : "none");
        string? bootstrap = null;
        string? why = !CustomRuntimes.Contains(runtime)
            ? $"runtime {runtime}: the local gateway runs custom-runtime bootstraps only ({string.Join(", ", CustomRuntimes)})"
            : FindBootstrap(template, function, out bootstrap);

        // Lambda unpacks the code in /var/task; here it is the asset folder (a trust store path, say).
        string? taskRoot = bootstrap is null ? null : Path.GetDirectoryName(bootstrap);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (function.Property("Environment") is { ValueKind: JsonValueKind.Object } settings
            && settings.TryGetProperty("Variables", out JsonElement variables) && variables.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty variable in variables.EnumerateObject())
            {
                if (!values.TryText(variable.Value, out string text, out string problem))
                {
                    findings.NotEmulatedFeature(logicalId, $"Environment.Variables.{variable.Name}", $"not set: its value is {problem}");
                }
                else
                {
                    environment[variable.Name] = taskRoot is not null && (text == LambdaTaskRoot || text.StartsWith(LambdaTaskRoot + "/", StringComparison.Ordinal))
                        ? taskRoot + text[LambdaTaskRoot.Length..]
                        : text;
                }
            }
        }

        if (taskRoot is not null)
        {
            environment["LAMBDA_TASK_ROOT"] = taskRoot;
        }

        int memory = function.Property("MemorySize").TryGetInt32OrText(out int m) ? m : 128;
        int timeout = function.Property("Timeout").TryGetInt32OrText(out int t) ? t : 3;
        return new TemplateFunction(logicalId, runtime, why is null ? bootstrap : null, why, environment, memory, timeout);
    }

    /// <summary>Finds the asset's bootstrap and makes it executable; the problem, or null.</summary>
    private static string? FindBootstrap(CloudFormationTemplate template, TemplateResource function, out string? bootstrap)
    {
        bootstrap = null;
        string? folder = AssetFolder(template, function);
        if (folder is null)
        {
            return "its code is not a local asset (no aws:asset:path metadata, and no S3Key of this cdk.out's asset manifest): synthesize with cdk synth";
        }

        string path = Path.Combine(folder, "bootstrap");
        if (!File.Exists(path))
        {
            return $"its asset {folder} has no bootstrap";
        }

        if (ForeignMachine(path) is { } machine)
        {
            return $"its bootstrap is built for {machine}, this machine is {RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()} (synthesize for this machine's architecture)";
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0)
        {
            try
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | Execute);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return $"its bootstrap {path} is not executable and cannot be made so ({ex.Message})";
            }
        }

        bootstrap = Path.GetFullPath(path);
        return null;
    }

    /// <summary>The asset folder: the <c>aws:asset:path</c> metadata, else the asset manifest's entry for the <c>S3Key</c>.</summary>
    private static string? AssetFolder(CloudFormationTemplate template, TemplateResource function)
    {
        string root = Path.GetDirectoryName(Path.GetFullPath(template.File))!;
        if (function.Metadata.ValueKind == JsonValueKind.Object
            && function.Metadata.TryGetProperty("aws:asset:path", out JsonElement assetPath) && assetPath.ValueKind == JsonValueKind.String)
        {
            return Path.Combine(root, assetPath.GetString()!);
        }

        if (function.Property("Code") is not { ValueKind: JsonValueKind.Object } code
            || !code.TryGetProperty("S3Key", out JsonElement key) || key.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        string hash = Path.GetFileNameWithoutExtension(key.GetString()!);
        foreach (string manifest in Directory.EnumerateFiles(root, "*.assets.json"))
        {
            using JsonDocument? assets = ReadManifest(manifest);
            if (assets is not null && assets.RootElement.ValueKind == JsonValueKind.Object
                && assets.RootElement.TryGetProperty("files", out JsonElement files) && files.ValueKind == JsonValueKind.Object
                && files.TryGetProperty(hash, out JsonElement file) && file.ValueKind == JsonValueKind.Object
                && file.TryGetProperty("source", out JsonElement source) && source.ValueKind == JsonValueKind.Object
                && source.TryGetProperty("path", out JsonElement path)
                && path.ValueKind == JsonValueKind.String)
            {
                return Path.Combine(root, path.GetString()!);
            }
        }

        return null;
    }

    /// <summary>An asset manifest, or null when it is not JSON (another tool's file of that name is passed over).</summary>
    private static JsonDocument? ReadManifest(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The machine an ELF binary is for when it is not this one; null for this machine or a script.</summary>
    private static string? ForeignMachine(string path)
    {
        Span<byte> header = stackalloc byte[20];
        using (FileStream file = File.OpenRead(path))
        {
            if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header[..4].SequenceEqual("\u007fELF"u8))
            {
                return null;
            }
        }

        string? machine = (header[18] | (header[19] << 8)) switch
        {
            0x3E => "x64",
            0xB7 => "arm64",
            _ => "another machine",
        };
        return string.Equals(machine, RuntimeInformation.ProcessArchitecture.ToString(), StringComparison.OrdinalIgnoreCase) ? null : machine;
    }

    private static bool TryGetInt32OrText(this JsonElement value, out int number) =>
        value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt32(out number),
            JsonValueKind.String => int.TryParse(value.GetString(), out number),
            _ => (number = 0) != 0,
        };
}
