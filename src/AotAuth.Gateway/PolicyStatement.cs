using System.Collections.Immutable;

namespace AotAuth.Gateway;

/// <summary>The effect of a policy statement.</summary>
public enum PolicyEffect
{
    /// <summary><c>Allow</c>.</summary>
    Allow,

    /// <summary><c>Deny</c>.</summary>
    Deny,
}

/// <summary>One statement of the authorizer's policy; <c>Action</c> and <c>Resource</c> normalised to lists.</summary>
/// <param name="Effect">Allow or Deny.</param>
/// <param name="Actions">Action patterns, e.g. <c>execute-api:Invoke</c>.</param>
/// <param name="Resources">Resource ARN patterns with IAM wildcards.</param>
public sealed record PolicyStatement(PolicyEffect Effect, ImmutableArray<string> Actions, ImmutableArray<string> Resources);
