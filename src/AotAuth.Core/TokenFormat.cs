namespace AotAuth.Core;

/// <summary>
/// The token syntax API Gateway's identity validation expression enforces
/// (<c>^[a-zA-Z0-9]{3,32}$</c>), checked by hand so the authorizer rejects junk
/// without a regex, an allocation or a DynamoDB call.
/// </summary>
public static class TokenFormat
{
    /// <summary>Shortest accepted token.</summary>
    public const int MinLength = 3;

    /// <summary>Longest accepted token.</summary>
    public const int MaxLength = 32;

    /// <summary>The same rule as a regular expression, for API Gateway and the local gateway.</summary>
    public const string ValidationExpression = "^[a-zA-Z0-9]{3,32}$";

    /// <summary>True when <paramref name="token"/> is 3 to 32 ASCII letters or digits.</summary>
    public static bool IsValid(ReadOnlySpan<byte> token)
    {
        if (token.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        foreach (byte b in token)
        {
            if (!char.IsAsciiLetterOrDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="token"/> is 3 to 32 ASCII letters or digits.</summary>
    public static bool IsValid(ReadOnlySpan<char> token)
    {
        if (token.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        foreach (char c in token)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
