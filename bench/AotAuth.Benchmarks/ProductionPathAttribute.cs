namespace AotAuth.Benchmarks;

/// <summary>
/// Marks a benchmark that measures code the authorizer ships, so that the CI gate
/// (<see cref="CiGate"/>) holds it to its rules against the category's baseline in the
/// same run: no allocation, and faster than the baseline.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ProductionPathAttribute : Attribute
{
    /// <summary>Fail CI when the path allocates (0 B per operation expected).</summary>
    public bool MustNotAllocate { get; init; } = true;

    /// <summary>Fail CI when the path's mean is not below the category baseline's mean.</summary>
    public bool MustBeatBaseline { get; init; } = true;

    /// <summary>
    /// For a path that must allocate (HTTP on the wire): fail CI when it allocates more than this
    /// per operation. Allocations do not vary with the machine's load, so a fixed budget holds
    /// where a time would not. 0: no budget.
    /// </summary>
    public long MaxAllocatedBytes { get; init; }
}
