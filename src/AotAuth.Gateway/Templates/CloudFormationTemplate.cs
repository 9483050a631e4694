using System.Text.Json;

namespace AotAuth.Gateway.Templates;

/// <summary>
/// A synthesized CloudFormation template (JSON, as <c>cdk synth</c> writes it) read into the APIs it
/// declares: every REST API (<see cref="RestApiReader"/>) and HTTP API (<see cref="HttpApiReader"/>)
/// with their routes and authorizers.
/// </summary>
public sealed class CloudFormationTemplate
{
    private CloudFormationTemplate(string file, IReadOnlyDictionary<string, TemplateResource> resources)
    {
        File = file;
        Resources = resources;
    }

    /// <summary>The file it was read from, as given.</summary>
    public string File { get; }

    /// <summary>Every resource by logical id.</summary>
    public IReadOnlyDictionary<string, TemplateResource> Resources { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="TemplateException">The file is missing, is not JSON, or is not a template; one line naming it.</exception>
    public static CloudFormationTemplate Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TemplateException(path, ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message);
        }

        return Parse(path, bytes);
    }

    /// <summary>Reads a template's bytes; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="TemplateException">Not JSON, or not a template.</exception>
    public static CloudFormationTemplate Parse(string file, ReadOnlySpan<byte> json)
    {
        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            root = JsonElement.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new TemplateException(file, $"not JSON ({ex.Message.Split(" Path:", 2)[0].TrimEnd('.')}); give the JSON template cdk synth writes to cdk.out");
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(nameof(Resources), out JsonElement resources) || resources.ValueKind != JsonValueKind.Object)
        {
            throw new TemplateException(file, "not a CloudFormation template: it has no \"Resources\" object");
        }

        var byId = new Dictionary<string, TemplateResource>(StringComparer.Ordinal);
        foreach (JsonProperty resource in resources.EnumerateObject())
        {
            if (resource.Value.ValueKind != JsonValueKind.Object
                || !resource.Value.TryGetProperty("Type", out JsonElement type) || type.ValueKind != JsonValueKind.String)
            {
                throw new TemplateException(file, $"resource {resource.Name} has no \"Type\"");
            }

            JsonElement properties = resource.Value.TryGetProperty("Properties", out JsonElement p) && p.ValueKind == JsonValueKind.Object ? p : default;
            JsonElement metadata = resource.Value.TryGetProperty("Metadata", out JsonElement m) && m.ValueKind == JsonValueKind.Object ? m : default;
            byId[resource.Name] = new TemplateResource(resource.Name, type.GetString()!, properties) { Metadata = metadata };
        }

        return new CloudFormationTemplate(file, byId);
    }

    /// <summary>Every REST and HTTP API of the template, REST first, each in logical-id order.</summary>
    public IReadOnlyList<TemplateApi> Apis() => [.. RestApiReader.Read(this), .. HttpApiReader.Read(this)];

    /// <summary>The resources of <paramref name="type"/>, in logical-id order.</summary>
    public IEnumerable<TemplateResource> OfType(string type) =>
        Resources.Values.Where(r => r.Type == type).OrderBy(r => r.LogicalId, StringComparer.Ordinal);

    /// <summary>The Lambda function among <paramref name="references"/> (an authorizer's URI), or null.</summary>
    internal string? FunctionAmong(IEnumerable<string> references) =>
        references.FirstOrDefault(id => Resources.TryGetValue(id, out TemplateResource? r) && r.Type == "AWS::Lambda::Function");
}

/// <summary>One resource of a template.</summary>
/// <param name="LogicalId">Its logical id.</param>
/// <param name="Type">Its type, e.g. <c>AWS::ApiGateway::Method</c>.</param>
/// <param name="Properties">Its <c>Properties</c> (undefined when it has none).</param>
public sealed record TemplateResource(string LogicalId, string Type, JsonElement Properties)
{
    /// <summary>Its <c>Metadata</c> (undefined when it has none): CDK writes <c>aws:asset:path</c> there.</summary>
    public JsonElement Metadata { get; init; }

    /// <summary>The property <paramref name="name"/>, or undefined.</summary>
    public JsonElement Property(string name) => Properties.Member(name);

    /// <summary>The string property <paramref name="name"/>, or null when absent or not a literal string.</summary>
    public string? Text(string name) => Properties.TextMember(name);
}
