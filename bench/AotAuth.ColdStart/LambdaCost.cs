namespace AotAuth.ColdStart;

/// <summary>
/// Lambda's price (us-east-1): GB-seconds by architecture plus a per-request charge, the
/// duration billed per millisecond, rounded up. A cold invocation is billed for init too.
/// </summary>
internal static class LambdaCost
{
    public const double Arm64PerGbSecond = 0.0000133334;
    public const double X64PerGbSecond = 0.0000166667;
    public const double PerMillionRequests = 0.20;

    /// <summary>Dollars per million invocations of <paramref name="billedMs"/> (rounded up) at <paramref name="memoryMb"/>.</summary>
    public static double PerMillion(double billedMs, int memoryMb, double perGbSecond) =>
        (Math.Ceiling(billedMs) / 1000.0 * (memoryMb / 1024.0) * perGbSecond * 1_000_000) + PerMillionRequests;
}
