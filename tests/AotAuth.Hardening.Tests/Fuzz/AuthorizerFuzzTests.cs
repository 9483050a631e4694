using System.Diagnostics;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace AotAuth.Hardening.Tests.Fuzz;

/// <summary>
/// A bounded, replayable fuzz run of the real handler: generated events (FsCheck generators
/// sampled from a fixed seed) plus byte-level mutations (bit flips, invalid UTF-8, truncation).
/// AOTAUTH_FUZZ_SEED replays a failure; AOTAUTH_FUZZ_CASES and AOTAUTH_FUZZ_SECONDS change the bounds.
/// </summary>
[Collection(Heavy.Name)]
public sealed class AuthorizerFuzzTests(ITestOutputHelper output)
{
    private const ulong DefaultSeed = 20261126;
    private const int BatchSize = 1000;

    [Fact]
    public async Task HundredThousandGeneratedEvents_NeverCrashTheHandler_AndNeverAllowAnUnknownToken()
    {
        ulong seed = Setting("AOTAUTH_FUZZ_SEED", DefaultSeed);
        int target = (int)Setting("AOTAUTH_FUZZ_CASES", 100_000);
        var timeBox = TimeSpan.FromSeconds(Setting("AOTAUTH_FUZZ_SECONDS", 60));
        output.WriteLine($"fuzz seed {seed} (replay with AOTAUTH_FUZZ_SEED={seed}), target {target} cases, time box {timeBox.TotalSeconds:0} s");

        using var rig = new AuthorizerRig();
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        int cases = 0;
        for (int batch = 0; cases < target && clock.Elapsed < timeBox; batch++)
        {
            var random = new Random(unchecked((int)seed) ^ (batch * 7919));
            string[] events = Gen.Sample(EventGenerators.Event, 30 + (batch % 70), new Rnd(seed + (ulong)batch), BatchSize);
            for (int i = 0; i < events.Length && cases < target; i++, cases++)
            {
                byte[] utf8 = EventGenerators.Utf8(events[i]);
                if (random.Next(8) == 0)
                {
                    EventMutation.Mutate(utf8, random);
                }

                (string? violation, string outcome) = await rig.CheckAsync(utf8);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                Assert.True(violation is null, $"case {cases} (batch {batch}, index {i}, seed {seed}): {violation}; event: {Show(utf8)}");
            }
        }

        output.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:F1} s: " + string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.True(cases >= Math.Min(target, 100_000) || clock.Elapsed >= timeBox, $"only {cases} cases ran");
        Assert.True(outcomes.GetValueOrDefault("policy") > cases / 100, "the generators hardly ever produce an allowed event, so the run proves little");
        Assert.True(outcomes.GetValueOrDefault("Unauthorized") > 0 && outcomes.GetValueOrDefault("InvalidEvent") > 0, "every outcome should be exercised");
    }

    private static ulong Setting(string name, ulong fallback) =>
        ulong.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) ? value : fallback;

    private static string Show(byte[] utf8)
    {
        string text = Encoding.UTF8.GetString(utf8, 0, Math.Min(utf8.Length, 400));
        return string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
