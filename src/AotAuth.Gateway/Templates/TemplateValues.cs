using System.Text;
using System.Text.Json;

namespace AotAuth.Gateway.Templates;

/// <summary>
/// Property values of a template resolved to text as the local gateway deploys them: literals,
/// pseudo parameters, <c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Join</c>, <c>Fn::Sub</c>,
/// <c>Fn::Select</c> and <c>Fn::Split</c>, the intrinsics CDK emits for ARNs, URIs and names.
/// A resource's physical name is its explicit name property when it has a literal one, else its
/// logical id; ARNs are built in the gateway's region and account.
/// </summary>
public sealed class TemplateValues
{
    private readonly CloudFormationTemplate _template;
    private readonly string _region;

    /// <param name="template">The template whose resources <c>Ref</c> and <c>Fn::GetAtt</c> point at.</param>
    /// <param name="region">The region of pseudo parameters and ARNs.</param>
    public TemplateValues(CloudFormationTemplate template, string region)
    {
        ArgumentNullException.ThrowIfNull(template);
        _template = template;
        _region = region;
    }

    /// <summary>The text of <paramref name="value"/>; false (with what could not be resolved) when it is not one string.</summary>
    public bool TryText(JsonElement value, out string text, out string problem)
    {
        problem = string.Empty;
        text = string.Empty;
        try
        {
            if (Resolve(value) is string resolved)
            {
                text = resolved;
                return true;
            }

            problem = "a list, not a string";
        }
        catch (UnresolvedException ex)
        {
            problem = ex.Message;
        }

        return false;
    }

    /// <summary>The physical name the gateway gives the resource <paramref name="logicalId"/>.</summary>
    public string PhysicalName(string logicalId) =>
        _template.Resources.TryGetValue(logicalId, out TemplateResource? resource) && NameProperty(resource.Type) is { } name
            && resource.Text(name) is { Length: > 0 } explicitName
            ? explicitName
            : logicalId;

    private object Resolve(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return value.GetRawText();
            case JsonValueKind.Array:
                return value.EnumerateArray().Select(v => Resolve(v) as string ?? throw new UnresolvedException("a nested list")).ToArray();
            case JsonValueKind.Object:
                break;
            default:
                throw new UnresolvedException("no value");
        }

        if (value.EnumerateObject().ToArray() is not [JsonProperty function])
        {
            throw new UnresolvedException("an object, not an intrinsic function");
        }

        JsonElement a = function.Value;
        return function.Name switch
        {
            "Ref" when a.ValueKind == JsonValueKind.String => Ref(a.GetString()!),
            "Fn::GetAtt" => Intrinsics.Attribute(value) is var (id, attribute) ? Attribute(id, attribute) : throw new UnresolvedException("a malformed Fn::GetAtt"),
            "Fn::Join" when a is { ValueKind: JsonValueKind.Array } && a.GetArrayLength() == 2 =>
                string.Join(Text(a[0]), Resolve(a[1]) as string[] ?? throw new UnresolvedException("Fn::Join of something not a list")),
            "Fn::Sub" => Sub(a),
            "Fn::Select" when a is { ValueKind: JsonValueKind.Array } && a.GetArrayLength() == 2 => Select(Text(a[0]), Resolve(a[1])),
            "Fn::Split" when a is { ValueKind: JsonValueKind.Array } && a.GetArrayLength() == 2 => Text(a[1]).Split(Text(a[0])),
            _ => throw new UnresolvedException($"{function.Name}, which the local gateway does not resolve"),
        };
    }

    private string Text(JsonElement value) => Resolve(value) as string ?? throw new UnresolvedException("a list where text was expected");

    private static string Select(string index, object list) =>
        int.TryParse(index, out int i) && list is string[] items && i >= 0 && i < items.Length
            ? items[i]
            : throw new UnresolvedException($"Fn::Select index {index} out of range");

    private string Ref(string name) => name switch
    {
        "AWS::Region" => _region,
        "AWS::AccountId" => GatewaySettings.AccountId,
        "AWS::Partition" => "aws",
        "AWS::URLSuffix" => "amazonaws.com",
        "AWS::StackName" => Path.GetFileNameWithoutExtension(_template.File).Replace(".template", string.Empty, StringComparison.Ordinal),
        "AWS::NoValue" => throw new UnresolvedException("AWS::NoValue"),
        _ when name.StartsWith("AWS::", StringComparison.Ordinal) => throw new UnresolvedException($"the pseudo parameter {name}"),
        _ when _template.Resources.TryGetValue(name, out TemplateResource? resource) => resource.Type switch
        {
            "AWS::ApiGateway::RestApi" or "AWS::ApiGatewayV2::Api" => GatewaySettings.ApiId,
            _ => PhysicalName(name),
        },
        _ => throw new UnresolvedException($"Ref to {name}, which is not a resource of the template (a parameter?)"),
    };

    private string Attribute(string logicalId, string attribute)
    {
        if (!_template.Resources.TryGetValue(logicalId, out TemplateResource? resource))
        {
            throw new UnresolvedException($"Fn::GetAtt of {logicalId}, which is not a resource of the template");
        }

        string name = PhysicalName(logicalId);
        string account = GatewaySettings.AccountId;
        return (resource.Type, attribute) switch
        {
            ("AWS::Lambda::Function", "Arn") => $"arn:aws:lambda:{_region}:{account}:function:{name}",
            ("AWS::DynamoDB::Table", "Arn") => $"arn:aws:dynamodb:{_region}:{account}:table/{name}",
            ("AWS::ApiGateway::RestApi", "RootResourceId") => "root",
            ("AWS::IAM::Role", "Arn") => $"arn:aws:iam::{account}:role/{name}",
            _ => throw new UnresolvedException($"Fn::GetAtt {logicalId}.{attribute}, which the local gateway does not resolve"),
        };
    }

    private string Sub(JsonElement argument)
    {
        (string text, JsonElement variables) = argument.ValueKind switch
        {
            JsonValueKind.String => (argument.GetString()!, default),
            JsonValueKind.Array when argument.GetArrayLength() == 2 && argument[0].ValueKind == JsonValueKind.String => (argument[0].GetString()!, argument[1]),
            _ => throw new UnresolvedException("a malformed Fn::Sub"),
        };
        var result = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            int start = text.IndexOf("${", i, StringComparison.Ordinal);
            int end = start < 0 ? -1 : text.IndexOf('}', start);
            if (start < 0 || end < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }

            result.Append(text, i, start - i);
            string name = text[(start + 2)..end];
            if (name.StartsWith('!'))
            {
                result.Append("${").Append(name[1..]).Append('}');
            }
            else if (variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(name, out JsonElement variable))
            {
                result.Append(Text(variable));
            }
            else
            {
                result.Append(name.Split('.', 2) is [var id, var attribute] && !id.StartsWith("AWS::", StringComparison.Ordinal) ? Attribute(id, attribute) : Ref(name));
            }

            i = end + 1;
        }

        return result.ToString();
    }

    /// <summary>The property naming a resource of <paramref name="type"/> explicitly, for the types the gateway names.</summary>
    private static string? NameProperty(string type) => type switch
    {
        "AWS::Lambda::Function" => "FunctionName",
        "AWS::DynamoDB::Table" => "TableName",
        _ => null,
    };

    private sealed class UnresolvedException(string message) : Exception(message);
}
