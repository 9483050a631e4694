namespace AotAuth.Gateway.Tests.Pipeline;

/// <summary>
/// A flavour's status table (<see cref="RestStatusTableTests"/>, <see cref="HttpApiStatusTableTests"/>),
/// run once per <see cref="ApiSource"/>: every row must hold for the built-in API and for the stack's
/// synthesized template alike.
/// </summary>
public abstract class StatusTableTests(ApiSource source)
{
    /// <summary>An identity that passes the gateway's own validation.</summary>
    protected const string Token = "abcdefgh12345678";

    /// <summary>Where the API model comes from.</summary>
    protected ApiSource Source => source;
}
