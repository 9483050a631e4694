using System.Globalization;
using AotAuth.Core.Contracts;

namespace AotAuth.Hardening.Tests.Support;

/// <summary>What the hardening tests give both functions behind the gateway test host.</summary>
internal static class HardeningEnvironment
{
    /// <summary>
    /// Debug logs on (more lines for the secret checks to search) and the authorizer's decision
    /// cache at its default, as deployed (the soak measures its memory; the host's default turns it off).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Functions { get; } = new Dictionary<string, string>
    {
        ["AWS_LAMBDA_LOG_LEVEL"] = "DEBUG",
        [AuthorizerCaching.DecisionCacheTtlVariable] = AuthorizerCaching.DefaultDecisionCacheTtlSeconds.ToString(CultureInfo.InvariantCulture),
    };
}
