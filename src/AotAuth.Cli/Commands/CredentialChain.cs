using AotAuth.Storage;

namespace AotAuth.Cli.Commands;

/// <summary>
/// The parts of the AWS credential chain a command-line tool needs: the environment
/// variables, then the shared credentials file (<c>AWS_SHARED_CREDENTIALS_FILE</c> or
/// <c>~/.aws/credentials</c>, profile <c>AWS_PROFILE</c> or <c>default</c>). SSO and
/// credential processes are not supported: export the variables
/// (<c>aws configure export-credentials --format env</c>) for those.
/// </summary>
internal static class CredentialChain
{
    public static AwsCredentials Resolve()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")))
        {
            return AwsCredentials.FromEnvironment();
        }

        string file = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "credentials");
        string profile = Environment.GetEnvironmentVariable("AWS_PROFILE") ?? "default";
        if (File.Exists(file) && ReadProfile(file, profile) is AwsCredentials fromFile)
        {
            return fromFile;
        }

        throw new InvalidOperationException(
            $"no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or add profile '{profile}' to {file}");
    }

    private static AwsCredentials? ReadProfile(string file, string profile)
    {
        string? section = null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string raw in File.ReadLines(file))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim();
                continue;
            }

            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (section == profile && eq > 0)
            {
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }

        return values.TryGetValue("aws_access_key_id", out string? key) && values.TryGetValue("aws_secret_access_key", out string? secret)
            ? new AwsCredentials(key, secret, values.GetValueOrDefault("aws_session_token"))
            : null;
    }
}
