namespace AotAuth.ColdStart;

/// <summary>Order statistics of a sample (percentiles by linear interpolation).</summary>
internal readonly record struct Statistics(double Median, double P90, double Min, double Max, double P25)
{
    public static Statistics Of(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0)
        {
            return new Statistics(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        return new Statistics(Percentile(sorted, 0.5), Percentile(sorted, 0.9), sorted[0], sorted[^1], Percentile(sorted, 0.25));
    }

    // Linear interpolation between closest ranks.
    private static double Percentile(double[] sorted, double p)
    {
        double rank = p * (sorted.Length - 1);
        int low = (int)Math.Floor(rank);
        int high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
