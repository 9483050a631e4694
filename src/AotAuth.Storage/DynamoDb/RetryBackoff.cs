namespace AotAuth.Storage;

/// <summary>Full-jitter exponential backoff: a random delay in [0, min(cap, base * 2^retry)).</summary>
internal static class RetryBackoff
{
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(25);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>The delay before retry number <paramref name="retry"/> (0 = first retry).</summary>
    /// <param name="retry">The 0-based retry number.</param>
    /// <param name="random01">A uniform random number in [0, 1).</param>
    public static TimeSpan ComputeDelay(int retry, double random01)
    {
        // Clamp the exponent: beyond 2^10 the cap applies anyway, and this avoids overflow.
        var ceilingMs = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 10)));
        return TimeSpan.FromMilliseconds(ceilingMs * random01);
    }

    /// <summary>Whether a DynamoDB error code means "slow down", which is always worth retrying.</summary>
    public static bool IsThrottlingCode(string errorCode) => errorCode is
        "ProvisionedThroughputExceededException" or "ThrottlingException" or "RequestLimitExceeded";
}
