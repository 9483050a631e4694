namespace AotAuth.Core;

/// <summary>
/// The parts of an API Gateway method ARN,
/// <c>arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{path}</c>,
/// as spans over the caller's UTF-8 bytes (no allocation).
/// </summary>
/// <remarks>
/// Parsing is strict where it matters: the partition, region, account, api id and stage are
/// copied into every policy resource we write, so none of them may carry a wildcard, a
/// separator or anything else that could widen the policy beyond this API and stage. The
/// verb and path are never copied into a policy, so the path may hold any characters: a
/// request path can carry <c>*</c>, <c>?</c>, quotes, spaces, control and non-ASCII
/// characters, and refusing them failed legitimate requests (an id holding one) with a 500.
/// </remarks>
public readonly ref struct MethodArn
{
    /// <summary>API Gateway's limit on a method ARN (longer requests get 414).</summary>
    public const int MaxLength = 1600;

    private static ReadOnlySpan<byte> Prefix => "arn:"u8;
    private static ReadOnlySpan<byte> Service => "execute-api"u8;

    /// <summary>AWS partition, e.g. <c>aws</c>.</summary>
    public ReadOnlySpan<byte> Partition { get; private init; }

    /// <summary>Region, e.g. <c>eu-west-1</c>.</summary>
    public ReadOnlySpan<byte> Region { get; private init; }

    /// <summary>Twelve-digit account id.</summary>
    public ReadOnlySpan<byte> Account { get; private init; }

    /// <summary>REST API id.</summary>
    public ReadOnlySpan<byte> ApiId { get; private init; }

    /// <summary>Stage name: letters, digits, <c>_</c> and <c>-</c>, or exactly <see cref="DefaultStage"/>.</summary>
    public ReadOnlySpan<byte> Stage { get; private init; }

    /// <summary>
    /// The stage an HTTP API serves at its root: its route ARNs read
    /// <c>.../{apiId}/$default/{VERB}/{path}</c>. The only stage name allowed to hold a <c>$</c>.
    /// </summary>
    public static ReadOnlySpan<byte> DefaultStage => "$default"u8;

    /// <summary>HTTP verb of the request.</summary>
    public ReadOnlySpan<byte> Verb { get; private init; }

    /// <summary>Resource path without its leading slash (may be empty for the root); any bytes, never put in a policy.</summary>
    public ReadOnlySpan<byte> Path { get; private init; }

    /// <summary><c>{VERB}/{path}</c>: what follows <see cref="StagePrefix"/>, the part a scope is matched against.</summary>
    public ReadOnlySpan<byte> Route { get; private init; }

    /// <summary>
    /// The ARN up to and including <c>{stage}/</c>: every policy resource for this API and
    /// stage starts with it, so it identifies which rendered policy can be reused.
    /// </summary>
    public ReadOnlySpan<byte> StagePrefix { get; private init; }

    /// <summary>Parses <paramref name="arn"/>; false for anything that is not a well-formed method ARN.</summary>
    public static bool TryParse(ReadOnlySpan<byte> arn, out MethodArn result)
    {
        result = default;
        if (arn.Length > MaxLength || !arn.StartsWith(Prefix))
        {
            return false;
        }

        ReadOnlySpan<byte> rest = arn[Prefix.Length..];
        if (!TakeUntil(ref rest, (byte)':', out var partition) || !IsLowerWord(partition, allowDigits: false)
            || !TakeUntil(ref rest, (byte)':', out var service) || !service.SequenceEqual(Service)
            || !TakeUntil(ref rest, (byte)':', out var region) || !IsLowerWord(region, allowDigits: true)
            || !TakeUntil(ref rest, (byte)':', out var account) || account.Length != 12 || !AllDigits(account)
            || !TakeUntil(ref rest, (byte)'/', out var apiId) || !IsName(apiId, allowUnderscoreAndDash: false)
            || !TakeUntil(ref rest, (byte)'/', out var stage) || !(IsName(stage, allowUnderscoreAndDash: true) || stage.SequenceEqual(DefaultStage)))
        {
            return false;
        }

        ReadOnlySpan<byte> stagePrefix = arn[..(arn.Length - rest.Length)];
        ReadOnlySpan<byte> route = rest;

        // The verb still has to be one (it ends the fixed part); whatever follows is the path.
        if (!TakeUntil(ref rest, (byte)'/', out var verb) || !IsVerb(verb))
        {
            return false;
        }

        result = new MethodArn
        {
            Partition = partition,
            Region = region,
            Account = account,
            ApiId = apiId,
            Stage = stage,
            Verb = verb,
            Path = rest,
            Route = route,
            StagePrefix = stagePrefix,
        };
        return true;
    }

    private static bool TakeUntil(scoped ref ReadOnlySpan<byte> rest, byte separator, out ReadOnlySpan<byte> part)
    {
        int at = rest.IndexOf(separator);
        if (at <= 0)
        {
            part = default;
            return false;
        }

        part = rest[..at];
        rest = rest[(at + 1)..];
        return true;
    }

    private static bool IsLowerWord(ReadOnlySpan<byte> s, bool allowDigits)
    {
        foreach (byte b in s)
        {
            if (!(char.IsAsciiLetterLower((char)b) || b == '-' || (allowDigits && char.IsAsciiDigit((char)b))))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllDigits(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsName(ReadOnlySpan<byte> s, bool allowUnderscoreAndDash)
    {
        foreach (byte b in s)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || (allowUnderscoreAndDash && (b == '_' || b == '-'))))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsVerb(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s)
        {
            if (!char.IsAsciiLetterUpper((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
