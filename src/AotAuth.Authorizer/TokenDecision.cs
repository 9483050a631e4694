using AotAuth.Core;
using AotAuth.Storage;

namespace AotAuth.Authorizer;

/// <summary>
/// What the token table says about one token hash, in the form the policy writer
/// needs: parsed scopes and the context string, built once per cache fill.
/// </summary>
internal sealed class TokenDecision
{
    private TokenDecision(string principalId, RouteScope[] scopes, string scopesContext, long? expiresAt)
    {
        PrincipalId = principalId;
        Scopes = scopes;
        ScopesContext = scopesContext;
        ExpiresAt = expiresAt;
    }

    /// <summary>The decision for a hash the table does not hold (or holds expired).</summary>
    public static TokenDecision Unknown { get; } = new(string.Empty, [], string.Empty, null);

    /// <summary>False for <see cref="Unknown"/>.</summary>
    public bool IsKnown => !ReferenceEquals(this, Unknown);

    /// <summary>The principal the token belongs to.</summary>
    public string PrincipalId { get; }

    /// <summary>The scopes that parsed; malformed ones are dropped (and counted in <see cref="DroppedScopes"/>).</summary>
    public RouteScope[] Scopes { get; }

    /// <summary>The usable scopes, space-separated, for the policy's context.</summary>
    public string ScopesContext { get; }

    /// <summary>Epoch seconds after which the token is no longer valid, or null.</summary>
    public long? ExpiresAt { get; }

    /// <summary>
    /// The policy last written for this decision and the API + stage it was written for;
    /// replaced (never mutated) when a request comes for another API or stage.
    /// </summary>
    public RenderedPolicy? Policy { get; set; }

    /// <summary>
    /// The simple responses (payload 2.0) written for this decision, <c>isAuthorized</c> true and
    /// false: they depend on nothing else, so a warm invocation copies them. Set once, never mutated.
    /// </summary>
    public byte[]? SimpleAuthorized { get; set; }

    /// <inheritdoc cref="SimpleAuthorized"/>
    public byte[]? SimpleNotAuthorized { get; set; }

    /// <summary>How many stored scopes could not be parsed.</summary>
    public int DroppedScopes { get; private init; }

    /// <summary>True when the token has expired at <paramref name="nowEpochSeconds"/>.</summary>
    public bool IsExpired(long nowEpochSeconds) => ExpiresAt is long at && at <= nowEpochSeconds;

    /// <summary>Builds the decision for a stored record.</summary>
    public static TokenDecision From(TokenRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var scopes = new List<RouteScope>(record.Scopes.Count);
        foreach (string text in record.Scopes)
        {
            if (RouteScope.TryParse(text, out RouteScope? scope))
            {
                scopes.Add(scope!);
            }
        }

        // A string set comes back in no particular order: sort, so the same token always
        // gets the same policy bytes.
        scopes.Sort(static (a, b) => string.CompareOrdinal(a.Text, b.Text));
        return new TokenDecision(record.PrincipalId, [.. scopes], string.Join(' ', scopes), record.ExpiresAt)
        {
            DroppedScopes = record.Scopes.Count - scopes.Count,
        };
    }
}
