namespace AotAuth.Gateway;

/// <summary>How the gateway's authorizer step ended for one request.</summary>
public enum GatewayDecision
{
    /// <summary>A policy allowed the request.</summary>
    Allow,

    /// <summary>403: explicit Deny.</summary>
    ExplicitDeny,

    /// <summary>403: no Allow matched.</summary>
    ImplicitDeny,

    /// <summary>401: identity missing/invalid or the authorizer said Unauthorized.</summary>
    Unauthorized,

    /// <summary>500: the authorizer failed or answered nonsense.</summary>
    Error,
}
