using System.Text.Json;
using AotAuth.Core.Contracts;

namespace AotAuth.Cli.Aws;

/// <summary>
/// What <c>cdk deploy --outputs-file FILE</c> wrote for the AotAuth stack: its region, token
/// table and API id and stage (names in <see cref="StackOutputNames"/>).
/// </summary>
internal sealed record StackOutputs(string Path, string StackName, string? Region, string? TokenTable, string? ApiId, string? ApiStage)
{
    /// <summary>
    /// Reads the stack's outputs from a CDK outputs file: the <see cref="StackOutputNames.StackName"/>
    /// entry, or the only stack in the file. Null when the file does not exist.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file exists but holds no AotAuth stack outputs.</exception>
    public static StackOutputs? ReadOrNull(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        JsonElement stack;
        string stackName = StackOutputNames.StackName;
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Unreadable(path, "it is not a JSON object");
            }

            if (!root.TryGetProperty(StackOutputNames.StackName, out stack))
            {
                var stacks = root.EnumerateObject().ToList();
                stack = stacks.Count == 1 ? stacks[0].Value : throw Unreadable(path, $"it has no {StackOutputNames.StackName} entry");
                stackName = stacks[0].Name;
            }

            stack = stack.Clone();
        }
        catch (JsonException ex)
        {
            throw Unreadable(path, ex.Message);
        }

        if (stack.ValueKind != JsonValueKind.Object)
        {
            throw Unreadable(path, "the stack entry is not an object");
        }

        return new StackOutputs(
            path,
            stackName,
            Text(stack, StackOutputNames.Region),
            Text(stack, StackOutputNames.TokenTableName),
            Text(stack, StackOutputNames.ApiId),
            Text(stack, StackOutputNames.ApiStage));
    }

    /// <summary>
    /// The stack's synthesized template, found by its name where <c>cdk synth</c> writes it: a
    /// <c>cdk.out</c> (or this repository's <c>artifacts/cdk.out</c>) folder beside the outputs
    /// file, or in the current folder. Null when there is none.
    /// </summary>
    public string? TemplateOrNull()
    {
        string file = StackName + ".template.json";
        string here = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        string[] candidates =
        [
            System.IO.Path.Combine(here, "cdk.out", file),
            System.IO.Path.Combine(here, "artifacts", "cdk.out", file),
            System.IO.Path.Combine(Directory.GetCurrentDirectory(), "cdk.out", file),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    private static string? Text(JsonElement stack, string name) =>
        stack.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static InvalidOperationException Unreadable(string path, string why) =>
        new($"{path} is not a CDK outputs file of the AotAuth stack ({why}); deploy with `cdk deploy --outputs-file {StackOutputNames.DefaultFile}` or pass --table");
}
