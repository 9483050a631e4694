using System.Globalization;
using ScottPlot;

namespace AotAuth.ColdStart;

/// <summary>The PNG beside the <c>--lambda</c> report: first-answer median by memory size, one line per variant, log scale.</summary>
internal static class LambdaChart
{
    private static readonly double[] LogTicks = [5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

    public static void Save(string path, IReadOnlyList<Variant> variants, IReadOnlyList<int> sizes, LambdaReport report)
    {
        var plot = new Plot();
        double[] xs = [.. Enumerable.Range(0, sizes.Count).Select(i => (double)i)];
        foreach (Variant v in variants)
        {
            // ScottPlot has no log axis: plot log10 values and label the ticks in ms.
            double[] ys = [.. sizes.Select(s => Math.Log10(report.FirstAnswer(v.Name, s)))];
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = v.Name;
            line.LineWidth = v.Name == LambdaVariants.Deployed ? 4 : 2;
            line.MarkerSize = 7;
        }

        plot.Axes.Bottom.SetTicks(xs, [.. sizes.Select(s => s.ToString(CultureInfo.InvariantCulture) + " MB")]);
        plot.Axes.Left.SetTicks([.. LogTicks.Select(Math.Log10)], [.. LogTicks.Select(t => t.ToString(CultureInfo.InvariantCulture))]);
        plot.Axes.Bottom.Label.Text = "Lambda memory size (CPU share = memory / 1769 MB after init)";
        plot.Axes.Left.Label.Text = "process start -> first answer, median (ms, log scale)";
        plot.Title("Cold start as Lambda runs it (HTTPS to DynamoDB, CPU share by memory)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1100, 650);
    }
}
