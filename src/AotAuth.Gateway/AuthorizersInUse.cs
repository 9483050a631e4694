namespace AotAuth.Gateway;

/// <summary>The authorizers an API's routes use, each made once: API Gateway keeps one result cache per authorizer.</summary>
internal static class AuthorizersInUse
{
    /// <summary>One <typeparamref name="TAuthorizer"/> per distinct name in <paramref name="routeAuthorizers"/> (nulls: routes without one).</summary>
    public static Dictionary<string, TAuthorizer> ByName<TAuthorizer>(IEnumerable<string?> routeAuthorizers, Func<string, TAuthorizer> create) =>
        routeAuthorizers.OfType<string>().Distinct(StringComparer.Ordinal).ToDictionary(name => name, create, StringComparer.Ordinal);
}
