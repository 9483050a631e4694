using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AotAuth.Core.Api;
using AotAuth.Core.Contracts;

namespace AotAuth.Gateway;

/// <summary>
/// The decisions around a TOKEN authorizer call that need no I/O: whether the authorizer is
/// invoked at all, and what its failure means for the client.
/// </summary>
public static class TokenAuthorization
{
    private static readonly ConcurrentDictionary<string, Regex> Expressions = new(StringComparer.Ordinal);

    /// <summary>
    /// True when <paramref name="headerValue"/> may be sent to the authorizer: present, not empty
    /// and matching the whole <see cref="AuthorizerDefinition.ValidationExpression"/> (when there is one).
    /// False means 401 UNAUTHORIZED without invoking the authorizer.
    /// </summary>
    public static bool IsTokenAcceptable(string? headerValue, AuthorizerDefinition authorizer)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        if (string.IsNullOrEmpty(headerValue))
        {
            return false;
        }

        if (string.IsNullOrEmpty(authorizer.ValidationExpression))
        {
            return true;
        }

        Regex regex = Expressions.GetOrAdd(authorizer.ValidationExpression,
            e => new Regex(@"\A(?:" + e + @")\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        return regex.IsMatch(headerValue);
    }

    /// <summary>
    /// Why <see cref="IsTokenAcceptable"/> refused <paramref name="headerValue"/>, for the log: never
    /// the value itself, only its shape (a <c>Bearer </c> prefix is the usual mistake).
    /// </summary>
    public static string RefusalReason(string? headerValue, AuthorizerDefinition authorizer)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        if (string.IsNullOrEmpty(headerValue))
        {
            return $"no {authorizer.IdentityHeader} header";
        }

        string hint = headerValue.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? " (a 'Bearer ' prefix? send the token alone)"
            : headerValue.Any(char.IsWhiteSpace) ? " (it holds white space)"
            : string.Empty;
        return $"the {authorizer.IdentityHeader} header ({headerValue.Length} characters) does not match {authorizer.ValidationExpression}{hint}";
    }

    /// <summary>
    /// The gateway response for an authorizer invocation that failed with <paramref name="errorMessage"/>
    /// (null for a timeout or a crash): exactly <c>Unauthorized</c> is 401, anything else is a 500.
    /// </summary>
    public static GatewayResponseType ForAuthorizerError(string? errorMessage) =>
        errorMessage == ErrorTypes.Unauthorized ? GatewayResponseType.Unauthorized : GatewayResponseType.AuthorizerFailure;
}
