namespace AotAuth.Storage;

/// <summary>The result of signing one request with AWS Signature Version 4.</summary>
/// <param name="Authorization">The value of the Authorization header.</param>
/// <param name="AmzDate">The value of the X-Amz-Date header (yyyyMMddTHHmmssZ), which must be sent as signed.</param>
/// <param name="SecurityToken">The value of the X-Amz-Security-Token header, or null when there is none to send.</param>
/// <param name="CanonicalRequest">The canonical request that was hashed (exposed for diagnostics and tests).</param>
/// <param name="StringToSign">The string to sign (exposed for diagnostics and tests).</param>
/// <param name="Signature">The hex signature.</param>
public sealed record SigV4Signature(
    string Authorization,
    string AmzDate,
    string? SecurityToken,
    string CanonicalRequest,
    string StringToSign,
    string Signature);
