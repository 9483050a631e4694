using System.Text.Json;

namespace AotAuth.Gateway;

/// <summary>
/// API Gateway's request body validator for one model: a JSON Schema draft-04 subset
/// (<c>type</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties</c>,
/// <c>items</c>, <c>minLength</c>/<c>maxLength</c> in code points, <c>enum</c>).
/// An empty body, a body that is not JSON, or one that fails the schema is invalid;
/// API Gateway answers all three with BAD_REQUEST_BODY (400).
/// </summary>
/// <remarks>Thread-safe once constructed.</remarks>
public sealed class ModelValidator : IDisposable
{
    private readonly JsonDocument _schemaDocument;
    private readonly JsonSchemaNode _root;

    /// <summary>Compiles <paramref name="schemaJson"/>; throws <see cref="NotSupportedException"/> for keywords outside the subset.</summary>
    public ModelValidator(string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        _schemaDocument = JsonDocument.Parse(schemaJson);
        try
        {
            _root = JsonSchemaNode.Compile(_schemaDocument.RootElement);
        }
        catch
        {
            _schemaDocument.Dispose();
            throw;
        }
    }

    /// <summary>True when <paramref name="body"/> is a JSON document the schema accepts.</summary>
    public bool IsValid(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            return _root.IsValid(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-8 (the parser checks structure, not string contents).
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _schemaDocument.Dispose();
}
