using AotAuth.Core;

namespace AotAuth.Gateway;

/// <summary>What a policy says about one method ARN.</summary>
public enum PolicyDecision
{
    /// <summary>An Allow statement matches and no Deny does.</summary>
    Allow,

    /// <summary>A Deny statement matches (403, "... with an explicit deny").</summary>
    ExplicitDeny,

    /// <summary>No statement matches (403, "User is not authorized to access this resource").</summary>
    ImplicitDeny,
}

/// <summary>
/// Evaluates an authorizer's policy against a method ARN as IAM does: a statement applies
/// when one of its actions matches <c>execute-api:Invoke</c> (ASCII letters in any case, wildcards)
/// and one of its resources matches the ARN (case-sensitive, wildcards, anchored). Every
/// statement is considered; an explicit Deny wins over any Allow.
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>The action API Gateway authorizes.</summary>
    public const string InvokeAction = "execute-api:Invoke";

    /// <summary>The decision for <paramref name="methodArn"/>.</summary>
    public static PolicyDecision Evaluate(AuthorizerOutput output, string methodArn)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(methodArn);
        bool allowed = false;
        foreach (PolicyStatement statement in output.Statements)
        {
            if (!Applies(statement, methodArn))
            {
                continue;
            }

            if (statement.Effect == PolicyEffect.Deny)
            {
                return PolicyDecision.ExplicitDeny;
            }

            allowed = true;
        }

        return allowed ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
    }

    private static bool Applies(PolicyStatement statement, string methodArn) =>
        statement.Actions.Any(a => Utf8Wildcard.IsMatch(a, InvokeAction, ignoreCase: true))
        && statement.Resources.Any(r => Utf8Wildcard.IsMatch(r, methodArn));
}
