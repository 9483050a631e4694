namespace AotAuth.Gateway;

/// <summary>
/// The media type API Gateway selects a request mapping template by. With passthrough
/// <c>NEVER</c> (every integration of this API), a request whose media type has no
/// template is refused with 415 <see cref="UnsupportedMediaTypeBody"/>.
/// </summary>
public static class RequestContentType
{
    /// <summary>What API Gateway assumes when the request has no <c>Content-Type</c> (documented for template selection).</summary>
    public const string Default = "application/json";

    /// <summary>API Gateway's 415 body (the UNSUPPORTED_MEDIA_TYPE gateway response, which this API does not customise).</summary>
    public const string UnsupportedMediaTypeBody = """{"message":"Unsupported Media Type"}""";

    /// <summary>
    /// The <c>type/subtype</c> of a <c>Content-Type</c> header value, lower-cased and without
    /// parameters (media types are case-insensitive; <c>; charset=utf-8</c> selects the
    /// same template); <see cref="Default"/> when the header is missing or blank.
    /// </summary>
    public static string MediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return Default;
        }

        int parameters = contentType.IndexOf(';', StringComparison.Ordinal);
        string mediaType = (parameters < 0 ? contentType : contentType[..parameters]).Trim();
        return mediaType.Length == 0 ? Default : mediaType.ToLowerInvariant();
    }
}
