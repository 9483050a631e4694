using System.Text;

namespace AotAuth.Hardening.Tests.Secrets;

/// <summary>Where a secret turned up. Never holds the secret itself, only a redacted form.</summary>
public sealed record SecretFinding(string Source, int Line, string Redacted)
{
    public override string ToString() => $"{Source}:{Line}: {Redacted}";
}

/// <summary>
/// Looks for known secrets (tokens) in log lines and in files, by ordinal substring search on
/// the text and on the raw bytes (UTF-8 and UTF-16), and reports them without repeating them.
/// </summary>
public sealed class SecretScanner
{
    private readonly string[] _secrets;

    /// <param name="secrets">The values that must not appear; shorter than <paramref name="minLength"/> is refused (too likely to match by chance).</param>
    /// <param name="minLength">The shortest secret accepted.</param>
    public SecretScanner(IEnumerable<string> secrets, int minLength = 8)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = [.. secrets.Distinct(StringComparer.Ordinal)];
        if (_secrets.FirstOrDefault(s => s.Length < minLength) is { } shortOne)
        {
            throw new ArgumentException($"a secret of {shortOne.Length} characters would match by chance; use at least {minLength}", nameof(secrets));
        }
    }

    /// <summary>Every line that holds a secret.</summary>
    public IReadOnlyList<SecretFinding> ScanLines(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var findings = new List<SecretFinding>();
        int number = 0;
        foreach (string line in lines)
        {
            number++;
            foreach (string secret in _secrets)
            {
                if (line.Contains(secret, StringComparison.Ordinal))
                {
                    findings.Add(new SecretFinding(source, number, Redact(secret)));
                }
            }
        }

        return findings;
    }

    /// <summary>Every file under <paramref name="folder"/> (recursively) whose bytes hold a secret.</summary>
    public IReadOnlyList<SecretFinding> ScanFolder(string folder)
    {
        var findings = new List<SecretFinding>();
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            byte[] bytes = File.ReadAllBytes(file);
            foreach (string secret in _secrets)
            {
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0)
                {
                    findings.Add(new SecretFinding(Path.GetRelativePath(folder, file), 0, Redact(secret)));
                }
            }
        }

        return findings;
    }

    private static string Redact(string secret) => $"{secret[..3]}...({secret.Length} chars)";
}
