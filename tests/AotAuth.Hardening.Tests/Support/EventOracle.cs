using System.Text;
using System.Text.Json;
using AotAuth.Core;

namespace AotAuth.Hardening.Tests.Support;

/// <summary>
/// An independent reading of a TOKEN event with <see cref="JsonDocument"/>: the token and
/// method ARN a correct authorizer could act on. It is an upper bound: the authorizer may
/// refuse more (depth limits, lengths), but it must never allow what this refuses.
/// </summary>
internal static class EventOracle
{
    public static (string? Token, string? MethodArn) Read(ReadOnlySpan<byte> utf8Event)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(utf8Event.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            int types = 0, tokens = 0, arns = 0;
            string? type = null, token = null, arn = null;
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("type"))
                {
                    types++;
                    type = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
                else if (property.NameEquals("authorizationToken"))
                {
                    tokens++;
                    token = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
                else if (property.NameEquals("methodArn"))
                {
                    arns++;
                    arn = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
            }

            return types == 1 && tokens == 1 && arns == 1 && type == "TOKEN" ? (token, arn) : (null, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return (null, null);
        }
    }

    /// <summary><c>arn:{partition}:execute-api:{region}:{account}:{api}/{stage}/</c> of a method ARN, or null.</summary>
    public static string? StagePrefix(string? methodArn)
    {
        if (methodArn is null)
        {
            return null;
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(methodArn);
        if (!MethodArn.TryParse(utf8, out MethodArn arn))
        {
            return null;
        }

        return $"arn:{Text(arn.Partition)}:execute-api:{Text(arn.Region)}:{Text(arn.Account)}:{Text(arn.ApiId)}/{Text(arn.Stage)}/";
    }

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
