namespace AotAuth.Core;

/// <summary>
/// Builds the execute-api resource ARN of a scope for the API and stage of a method ARN:
/// <c>arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{path}</c>.
/// </summary>
public static class PolicyResource
{
    /// <summary>IAM's limit on one policy resource ARN.</summary>
    public const int MaxLength = 512;

    private static ReadOnlySpan<byte> ArnPrefix => "arn:"u8;
    private static ReadOnlySpan<byte> ServicePart => ":execute-api:"u8;

    /// <summary>
    /// True when every resource of <paramref name="scope"/> (<see cref="RouteScope.ResourceVerbs"/>)
    /// for <paramref name="arn"/> is within <see cref="MaxLength"/>. A policy keeps a scope whole
    /// or leaves it out, so what a scope allows never depends on which of its methods fitted.
    /// </summary>
    public static bool Fits(scoped in MethodArn arn, RouteScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Length(arn, scope.LongestResourceVerb, scope.Utf8Path.Length) <= MaxLength;
    }

    /// <summary>
    /// Writes the resource for a verb and a path (no leading slash) into <paramref name="destination"/>;
    /// false when it would be longer than <see cref="MaxLength"/>.
    /// </summary>
    public static bool TryWrite(scoped in MethodArn arn, ReadOnlySpan<byte> verb, ReadOnlySpan<byte> path, Span<byte> destination, out int written)
    {
        written = 0;
        int length = Length(arn, verb.Length, path.Length);
        if (length > MaxLength || length > destination.Length)
        {
            return false;
        }

        Span<byte> d = destination;
        Append(ref d, ArnPrefix);
        Append(ref d, arn.Partition);
        Append(ref d, ServicePart);
        Append(ref d, arn.Region);
        Append(ref d, ":"u8);
        Append(ref d, arn.Account);
        Append(ref d, ":"u8);
        Append(ref d, arn.ApiId);
        Append(ref d, "/"u8);
        Append(ref d, arn.Stage);
        Append(ref d, "/"u8);
        Append(ref d, verb);
        Append(ref d, "/"u8);
        Append(ref d, path);
        written = length;
        return true;
    }

    private static int Length(scoped in MethodArn arn, int verbLength, int pathLength) =>
        ArnPrefix.Length + arn.Partition.Length + ServicePart.Length + arn.Region.Length + 1
            + arn.Account.Length + 1 + arn.ApiId.Length + 1 + arn.Stage.Length + 1 + verbLength + 1 + pathLength;

    private static void Append(ref Span<byte> destination, ReadOnlySpan<byte> part)
    {
        part.CopyTo(destination);
        destination = destination[part.Length..];
    }
}
