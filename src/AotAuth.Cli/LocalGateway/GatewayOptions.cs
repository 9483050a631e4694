using AotAuth.Gateway;

namespace AotAuth.Cli.LocalGateway;

/// <summary>What <c>serve</c> was asked for.</summary>
internal sealed record GatewayOptions
{
    /// <summary>Port on 127.0.0.1 (0 = any free port).</summary>
    public int Port { get; init; } = 3000;

    /// <summary>Upper bound of concurrent instances per function.</summary>
    public int MaxInstances { get; init; } = 4;

    /// <summary>Per-invocation timeout of the functions (API Gateway itself gives up after 29 s).</summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Region in the method ARNs (AWS_REGION, default us-east-1).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The secret of the loopback cache flush (<see cref="GatewayAdmin.FlushPath"/>), or null for none.</summary>
    public string? AdminSecret { get; init; }

    /// <summary>Which API Gateway to emulate: a REST API (the default) or an HTTP API (<c>--api http</c>).</summary>
    public GatewayApi Api { get; init; } = GatewayApi.Rest;

    /// <summary>HTTP API only: the authorizer answers simple responses (true) or IAM policies (<c>--authorizer-response iam</c>).</summary>
    public bool HttpSimpleResponses { get; init; } = true;

    /// <summary>Clock of the authorizer result cache (tests move it by hand).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>The API Gateway flavours <c>serve</c> emulates.</summary>
internal enum GatewayApi
{
    /// <summary>A REST API with a TOKEN authorizer and non-proxy integrations.</summary>
    Rest,

    /// <summary>An HTTP API with a payload 2.0 Lambda authorizer and proxy integrations.</summary>
    Http,
}
