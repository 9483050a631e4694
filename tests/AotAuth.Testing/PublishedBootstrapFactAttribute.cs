using Xunit;

namespace AotAuth.Testing;

/// <summary>
/// A fact that needs a function's Native AOT bootstrap for a platform this machine does not
/// publish by default (linux-arm64 needs a cross toolchain, which scripts/publish-arm64.sh
/// installs as root): skipped, saying how to make it, when it is missing. CI publishes it first.
/// </summary>
/// <param name="project">The function project, e.g. <c>AotAuth.Authorizer</c>.</param>
/// <param name="rid">The runtime identifier, e.g. <c>linux-arm64</c>.</param>
/// <param name="howToPublish">The command that publishes it.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PublishedBootstrapFactAttribute(string project, string rid, string howToPublish) : FactAttribute
{
    /// <summary>Set when the bootstrap is missing.</summary>
    public override string Skip
    {
        get => File.Exists(Path.Combine(RepoPaths.Root, "artifacts", "publish", project, "release_" + rid, "bootstrap"))
            ? base.Skip
            : $"needs the {rid} bootstrap of {project}: run {howToPublish} first";
        set => base.Skip = value;
    }
}
