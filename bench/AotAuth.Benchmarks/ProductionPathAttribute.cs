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
}
