namespace AotAuth.Gateway;

/// <summary>Where the emulated API lives, as its ARNs and events name it, and the clock its caches run on.</summary>
/// <param name="Region">The region in ARNs and domain names.</param>
/// <param name="Clock">The authorizer result caches' clock (tests move it by hand).</param>
public sealed record GatewaySettings(string Region, TimeProvider Clock)
{
    /// <summary>The account in method and route ARNs and events.</summary>
    public const string AccountId = "123456789012";

    /// <summary>The API id in ARNs and events.</summary>
    public const string ApiId = "local";
}
