using AotAuth.Core.Contracts;

namespace AotAuth.Storage;

/// <summary>
/// Where DynamoDB is, following the AWS SDKs' conventions: the endpoint of a region depends on
/// its partition (<c>dynamodb.cn-north-1.amazonaws.com.cn</c> in China, <c>.c2s.ic.gov</c> in
/// aws-iso, ...), FIPS endpoints exist only in some regions, and the endpoint can be overridden
/// with <c>AWS_ENDPOINT_URL_DYNAMODB</c> or <c>AWS_ENDPOINT_URL</c> (SDK settings) besides our own
/// <c>DYNAMODB_ENDPOINT</c>. Partitions and suffixes are those of the SDKs' <c>partitions.json</c>;
/// the FIPS regions those of "Amazon DynamoDB endpoints and quotas" (AWS General Reference).
/// </summary>
public static class DynamoDbEndpoints
{
    /// <summary>The SDKs' service-specific endpoint override for DynamoDB.</summary>
    public const string ServiceEndpointVariable = "AWS_ENDPOINT_URL_DYNAMODB";

    /// <summary>The SDKs' endpoint override for every service.</summary>
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";

    /// <summary>The SDKs' switch to ignore <see cref="ServiceEndpointVariable"/> and <see cref="GlobalEndpointVariable"/>.</summary>
    public const string IgnoreConfiguredEndpointsVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /// <summary>The SDKs' switch to FIPS endpoints.</summary>
    public const string UseFipsVariable = "AWS_USE_FIPS_ENDPOINT";

    // The commercial regions with a dynamodb-fips endpoint (US and Canada). In GovCloud the regular
    // endpoints are FIPS endpoints, and the SDKs resolve FIPS there to dynamodb.{region}.amazonaws.com.
    private static readonly string[] FipsRegions = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1"];

    // Every partition's DNS suffix and dual-stack suffix: a host under one of them is AWS itself.
    private static readonly string[] AwsHostSuffixes =
    [
        ".amazonaws.com", ".api.aws",
        ".amazonaws.com.cn", ".api.amazonwebservices.com.cn",
        ".amazonaws.eu", ".api.amazonwebservices.eu",
        ".c2s.ic.gov", ".api.aws.ic.gov",
        ".sc2s.sgov.gov", ".api.aws.scloud",
        ".cloud.adc-e.uk", ".api.cloud-aws.adc-e.uk",
        ".csp.hci.ic.gov", ".api.aws.hci.ic.gov",
    ];

    /// <summary>True for a name usable as a region: a DNS label (letters, digits, inner hyphens, at most 63).</summary>
    public static bool IsValidRegion(string? region) =>
        region is { Length: > 0 and <= 63 }
        && region[0] != '-' && region[^1] != '-'
        && region.All(static c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The DNS suffix of the region's partition; regions of no known partition are in <c>aws</c>, as in the SDKs.</summary>
    /// <exception cref="ArgumentException"><paramref name="region"/> is not a valid region name.</exception>
    public static string DnsSuffix(string region) => PartitionOf(region).DnsSuffix;

    /// <summary>The region's DynamoDB endpoint, or its FIPS endpoint.</summary>
    /// <exception cref="ArgumentException"><paramref name="region"/> is not a valid region name.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="fips"/> is true and DynamoDB has no FIPS endpoint in the region.</exception>
    public static Uri ForRegion(string region, bool fips)
    {
        Partition partition = PartitionOf(region);
        if (!fips)
        {
            return new Uri($"https://dynamodb.{region}.{partition.DnsSuffix}");
        }

        if (partition.Name == "aws-us-gov")
        {
            return new Uri($"https://dynamodb.{region}.{partition.DnsSuffix}");
        }

        if (FipsRegions.Contains(region, StringComparer.Ordinal))
        {
            return new Uri($"https://dynamodb-fips.{region}.{partition.DnsSuffix}");
        }

        throw new InvalidOperationException(
            $"{UseFipsVariable} is true, but DynamoDB has no FIPS endpoint in {region}; it has them in {string.Join(", ", FipsRegions)} " +
            $"and the GovCloud (US) regions. Unset {UseFipsVariable} or use one of those regions.");
    }

    /// <summary>
    /// True when <paramref name="host"/> is under an AWS partition's domain (a regional, FIPS,
    /// dual-stack or VPC endpoint): requests there need real credentials. Anything else is taken
    /// for an emulator.
    /// </summary>
    public static bool IsAwsHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        string name = host.TrimEnd('.');
        return AwsHostSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The endpoint the environment asks for, and the variable that set it (null for the region's
    /// own endpoint). Precedence: <c>DYNAMODB_ENDPOINT</c>, <c>AWS_ENDPOINT_URL_DYNAMODB</c>,
    /// <c>AWS_ENDPOINT_URL</c> (the last two unless <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> is
    /// true), then the region's endpoint, its FIPS endpoint with <c>AWS_USE_FIPS_ENDPOINT=true</c>.
    /// Blank values count as unset.
    /// </summary>
    /// <param name="environment">Where variables are read (<see cref="EnvironmentSettings"/>).</param>
    /// <param name="region">The region, for its own endpoint.</param>
    /// <exception cref="InvalidOperationException">A variable that is read is set to something unusable, or FIPS is asked for where it cannot apply.</exception>
    public static (Uri Endpoint, string? OverriddenBy) FromEnvironment(Func<string, string?> environment, string region)
    {
        bool fips = EnvironmentSettings.Switch(environment, UseFipsVariable, fallback: false);
        bool ignoreConfigured = EnvironmentSettings.Switch(environment, IgnoreConfiguredEndpointsVariable, fallback: false);

        // Every variable that is read is checked, even one that a variable before it overrides.
        // DYNAMODB_ENDPOINT is ours (DynamoDB Local, aotauth serve) and wins over the SDKs' variables.
        (Uri Endpoint, string Variable)? chosen = null;
        string[] variables = ignoreConfigured
            ? [FunctionVariables.DynamoDbEndpoint]
            : [FunctionVariables.DynamoDbEndpoint, ServiceEndpointVariable, GlobalEndpointVariable];
        foreach (string variable in variables)
        {
            if (Url(variable, environment(variable)) is { } url)
            {
                chosen ??= (url, variable);
            }
        }

        if (chosen is { } overridden)
        {
            return fips
                ? throw new InvalidOperationException(
                    $"{UseFipsVariable} is true and {overridden.Variable} sets the endpoint: the two cannot be combined (nor can they in the AWS SDKs). Unset one of them.")
                : (overridden.Endpoint, overridden.Variable);
        }

        return (ForRegion(region, fips), null);
    }

    /// <summary>AWS_REGION, checked, or <see cref="FunctionVariables.DefaultRegion"/> when unset.</summary>
    /// <param name="environment">Where variables are read (<see cref="EnvironmentSettings"/>).</param>
    /// <exception cref="InvalidOperationException">AWS_REGION is set to something that is not a region name.</exception>
    public static string RegionFromEnvironment(Func<string, string?> environment)
    {
        if (EnvironmentSettings.Optional(environment, FunctionVariables.Region) is not { } region)
        {
            return FunctionVariables.DefaultRegion;
        }

        return IsValidRegion(region)
            ? region
            : throw new InvalidOperationException($"{FunctionVariables.Region} must be a region name such as eu-west-1; it is '{environment(FunctionVariables.Region)}'.");
    }

    private static Partition PartitionOf(string region)
    {
        if (!IsValidRegion(region))
        {
            throw new ArgumentException("Not a region name (a DNS label such as eu-west-1).", nameof(region));
        }

        // The SDKs' regionRegex of each partition; anything else is in aws.
        string[] parts = region.Split('-');
        if (parts.Length == 3 && parts[0] == "cn" && parts[1].Length > 0 && IsDigits(parts[2]))
        {
            return new Partition("aws-cn", "amazonaws.com.cn");
        }

        if (parts.Length == 4 && parts[2].Length > 0 && IsDigits(parts[3]))
        {
            switch ((parts[0], parts[1]))
            {
                case ("us", "gov"):
                    return new Partition("aws-us-gov", "amazonaws.com");
                case ("us", "iso"):
                    return new Partition("aws-iso", "c2s.ic.gov");
                case ("us", "isob"):
                    return new Partition("aws-iso-b", "sc2s.sgov.gov");
                case ("us", "isof"):
                    return new Partition("aws-iso-f", "csp.hci.ic.gov");
                case ("eu", "isoe"):
                    return new Partition("aws-iso-e", "cloud.adc-e.uk");
                case ("eusc", "de"):
                    return new Partition("aws-eusc", "amazonaws.eu");
            }
        }

        return new Partition("aws", "amazonaws.com");
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    /// <summary>An endpoint variable's URL, or null when it is unset or blank.</summary>
    private static Uri? Url(string variable, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out Uri? url)
            || url.Scheme is not ("http" or "https")
            || url.Host.Length == 0
            || url.Query.Length > 0
            || url.Fragment.Length > 0)
        {
            throw new InvalidOperationException(
                $"{variable} must be an http or https URL such as http://127.0.0.1:8000 (scheme and host, optionally a port and a path; no query or fragment); it is '{value}'.");
        }

        // A password in the URL would never be sent (requests are signed instead), and is not repeated here.
        return url.UserInfo.Length == 0
            ? url
            : throw new InvalidOperationException($"{variable} must not hold a user name or password: DynamoDB requests are signed with the AWS credentials.");
    }

    private readonly record struct Partition(string Name, string DnsSuffix);
}
