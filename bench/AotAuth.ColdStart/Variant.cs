namespace AotAuth.ColdStart;

/// <summary>One way of running a function: an executable, its arguments and environment.</summary>
internal sealed record Variant(string Name, string Executable, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Size of the file that deploys (the bootstrap), in bytes.</summary>
    public long BinaryBytes => new FileInfo(Arguments.Count > 0 ? Arguments[0] : Executable).Length;
}
