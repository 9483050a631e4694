namespace AotAuth.Hardening.Tests.Support;

/// <summary>
/// Tests that run function processes, time things or load the machine: one at a time, after
/// the parallel property tests, so that a soak's latency or a budget check is not skewed by
/// a fuzz run on the other core.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Heavy
{
    public const string Name = "Heavy: processes, timing and load";
}
