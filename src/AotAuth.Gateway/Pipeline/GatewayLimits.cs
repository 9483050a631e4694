namespace AotAuth.Gateway;

/// <summary>API Gateway's request limits that the emulator enforces itself, whatever server is in front.</summary>
public static class GatewayLimits
{
    /// <summary>API Gateway's payload limit, 10 MB.</summary>
    public const long MaxBodyBytes = 10L * 1024 * 1024;

    /// <summary>API Gateway's limit on all request headers together, 10,240 bytes (the server answers 431 beyond it).</summary>
    public const int MaxHeaderBytes = 10 * 1024;
}
