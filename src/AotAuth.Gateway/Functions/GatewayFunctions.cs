namespace AotAuth.Gateway;

/// <summary>The functions an API model names (authorizers and integrations), by name.</summary>
/// <param name="byName">Each function of the model under the name the model uses for it.</param>
public sealed class GatewayFunctions(IReadOnlyDictionary<string, IFunctionInvoker> byName)
{
    /// <summary>The function called <paramref name="name"/>; throws when the model names one that is not there.</summary>
    public IFunctionInvoker this[string name] =>
        byName.TryGetValue(name, out IFunctionInvoker? function)
            ? function
            : throw new KeyNotFoundException($"the API names function '{name}', which the gateway was not given");
}
