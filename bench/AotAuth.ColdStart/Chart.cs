using System.Globalization;
using ScottPlot;

namespace AotAuth.ColdStart;

/// <summary>
/// The PNG beside the report: start-up per variant (box plot of process start to first
/// answer, log scale) and, when benchmark results exist, policy generation per writer.
/// </summary>
internal static class Chart
{
    private static readonly double[] LogTicks = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

    public static void Save(string path, IReadOnlyList<(string Name, Statistics FirstAnswer)> startUp, IReadOnlyList<(string Name, double MeanNs, long Bytes)> policy)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(policy.Count > 0 ? 2 : 1);
        DrawStartUp(multiplot.GetPlot(0), startUp);
        if (policy.Count > 0)
        {
            DrawPolicy(multiplot.GetPlot(1), policy);
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.SavePng(path, policy.Count > 0 ? 1500 : 800, 600);
    }

    private static void DrawStartUp(Plot plot, IReadOnlyList<(string Name, Statistics FirstAnswer)> variants)
    {
        // ScottPlot has no log axis: plot log10 values and label the ticks in ms.
        var boxes = new List<Box>();
        for (int i = 0; i < variants.Count; i++)
        {
            Statistics s = variants[i].FirstAnswer;
            boxes.Add(new Box
            {
                Position = i,
                WhiskerMin = Math.Log10(s.Min),
                BoxMin = Math.Log10(s.P25),
                BoxMiddle = Math.Log10(s.Median),
                BoxMax = Math.Log10(s.P90),
                WhiskerMax = Math.Log10(s.Max),
            });
            var label = plot.Add.Text(s.Median.ToString("F1", CultureInfo.InvariantCulture) + " ms", i + 0.42, Math.Log10(s.Median));
            label.LabelFontSize = 12;
            label.LabelAlignment = Alignment.MiddleLeft;
        }

        plot.Add.Boxes(boxes);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, variants.Count).Select(i => (double)i)], [.. variants.Select(v => v.Name.Replace(" (", "\n(", StringComparison.Ordinal).Replace(", ", ",\n", StringComparison.Ordinal))]);
        plot.Axes.Left.SetTicks([.. LogTicks.Select(Math.Log10)], [.. LogTicks.Select(t => t.ToString(CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsX(-0.6, variants.Count + 0.1);
        plot.Axes.SetLimitsY(Math.Log10(Math.Max(1, variants.Min(v => v.FirstAnswer.Min) * 0.7)), Math.Log10(variants.Max(v => v.FirstAnswer.Max) * 1.5));
        plot.Axes.Left.Label.Text = "process start -> first answer (ms, log scale)";
        plot.Title("Cold start (box: p25-p90, whiskers: min-max, line: median)");
    }

    private static void DrawPolicy(Plot plot, IReadOnlyList<(string Name, double MeanNs, long Bytes)> policy)
    {
        var bars = new List<Bar>();
        for (int i = 0; i < policy.Count; i++)
        {
            bars.Add(new Bar
            {
                Position = i,
                Value = policy[i].MeanNs,
                Label = string.Create(CultureInfo.InvariantCulture, $"{policy[i].MeanNs:F0} ns, {policy[i].Bytes} B"),
                FillColor = i == policy.Count - 1 ? Colors.SeaGreen : Colors.SteelBlue,
            });
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, policy.Count).Select(i => (double)i)], [.. policy.Select(p => p.Name)]);
        plot.Axes.Margins(bottom: 0);
        plot.Axes.Left.Label.Text = "mean per policy (ns)";
        plot.Title("Policy generation (BenchmarkDotNet, same run)");
    }
}
