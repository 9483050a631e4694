namespace AotAuth.ColdStart;

/// <summary>One way of running a function: an executable, its arguments and environment.</summary>
internal sealed record Variant(string Name, string Executable, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Size of the native executable in MB, or "-" for a variant run by another program.</summary>
    public string BinarySize => Arguments.Count > 0
        ? "-"
        : (new FileInfo(Executable).Length / 1024.0 / 1024.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
