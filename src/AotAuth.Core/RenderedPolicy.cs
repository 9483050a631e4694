using System.Buffers;

namespace AotAuth.Core;

/// <summary>
/// The bytes of a policy already written for one decision and one API + stage. A
/// decision's policy depends only on the caller (principal, scopes) and on the method
/// ARN's <see cref="MethodArn.StagePrefix"/>, so a warm invocation for the same API and
/// stage copies these bytes instead of writing the JSON again (tens of nanoseconds).
/// Immutable: safe to share.
/// </summary>
public sealed class RenderedPolicy
{
    private readonly byte[] _stagePrefix;
    private readonly byte[] _policy;

    /// <summary>Keeps copies of <paramref name="stagePrefix"/> and <paramref name="policy"/>.</summary>
    public RenderedPolicy(ReadOnlySpan<byte> stagePrefix, ReadOnlySpan<byte> policy, bool allows)
    {
        _stagePrefix = stagePrefix.ToArray();
        _policy = policy.ToArray();
        Allows = allows;
    }

    /// <summary>True for an Allow policy, false for the stage-wide Deny.</summary>
    public bool Allows { get; }

    /// <summary>The policy JSON.</summary>
    public ReadOnlySpan<byte> Bytes => _policy;

    /// <summary>True when these bytes were written for the API and stage of <paramref name="arn"/>.</summary>
    public bool IsFor(scoped in MethodArn arn) => IsFor(arn.StagePrefix);

    /// <summary>True when these bytes were written for the API and stage <paramref name="stagePrefix"/> names.</summary>
    public bool IsFor(ReadOnlySpan<byte> stagePrefix) => stagePrefix.SequenceEqual(_stagePrefix);

    /// <summary>Copies the policy to <paramref name="output"/>.</summary>
    public void CopyTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(_policy);
    }
}
