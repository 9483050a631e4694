using AotAuth.Cdk;
using AotAuth.Core.Api;
using Amazon.CDK.AWS.Lambda;

namespace AotAuth.Infra;

/// <summary>
/// What both user APIs, the REST one (<see cref="UserApiProps"/>) and the HTTP one
/// (<see cref="UserHttpApiProps"/>), are built with besides their definition: the functions
/// and the stage's throttling.
/// </summary>
public abstract class UserApiPropsBase
{
    /// <summary>The authorizer function; the API's authorizer is built from its props, which must say what the definition's authorizer says.</summary>
    public required AotAuthorizer Authorizer { get; init; }

    /// <summary>The integrations' functions by the keys the definition names them with (<see cref="AotAuthApi.UserFunction"/>).</summary>
    public required IReadOnlyDictionary<string, IFunction> Functions { get; init; }

    /// <summary>Stage steady-state limit, requests per second across all callers.</summary>
    public double ThrottlingRateLimit { get; init; } = 100;

    /// <summary>Stage burst limit.</summary>
    public double ThrottlingBurstLimit { get; init; } = 200;

    /// <summary>The function the definition names <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">None is provided under that key.</exception>
    internal IFunction Function(string key) =>
        Functions.TryGetValue(key, out IFunction? function)
            ? function
            : throw new ArgumentException($"the API definition names function '{key}', which the stack does not provide", nameof(key));
}
