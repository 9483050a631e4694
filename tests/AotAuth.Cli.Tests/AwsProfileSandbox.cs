using System.Collections;

namespace AotAuth.Cli.Tests;

/// <summary>
/// An AWS configuration with exactly one source of credentials: a profile whose
/// <c>credential_process</c> is a small script printing temporary credentials as JSON. HOME,
/// AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE point into a temp folder and every other
/// AWS_ variable of the test run is removed, so nothing else can supply credentials.
/// </summary>
internal sealed class AwsProfileSandbox : IDisposable
{
    public const string ProfileName = "from-process";
    public const string AccessKeyId = "ASIAPROCESSEXAMPLE01";
    public const string SecretAccessKey = "process/secret/EXAMPLEKEY+abcdefghijklmn";
    public const string SessionToken = "process-session-token-EXAMPLE";

    private readonly CliTempFolder _temp = new();

    public AwsProfileSandbox()
    {
        string script = System.IO.Path.Combine(_temp.Path, "credentials.sh");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            echo run >> "{{CallsFile}}"
            printf '%s' '{"Version":1,"AccessKeyId":"{{AccessKeyId}}","SecretAccessKey":"{{SecretAccessKey}}","SessionToken":"{{SessionToken}}","Expiration":"2099-01-01T00:00:00Z"}'
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the credential process is a shell script");
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(ConfigFile, $"[profile {ProfileName}]\ncredential_process = {script}\n");
        File.WriteAllText(CredentialsFile, string.Empty);
        Directory.CreateDirectory(Home);
    }

    public string Path => _temp.Path;

    public string Data => _temp.Data;

    public string Home => System.IO.Path.Combine(_temp.Path, "home");

    public string ConfigFile => System.IO.Path.Combine(_temp.Path, "config");

    public string CredentialsFile => System.IO.Path.Combine(_temp.Path, "credentials");

    /// <summary>One line per run of the credential process.</summary>
    public string CallsFile => System.IO.Path.Combine(_temp.Path, "process-calls");

    public int ProcessCalls => File.Exists(CallsFile) ? File.ReadAllLines(CallsFile).Length : 0;

    /// <summary>The CLI's environment: no AWS_ variable but these, HOME in the sandbox, instance metadata off.</summary>
    public Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string> aws)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in System.Environment.GetEnvironmentVariables())
        {
            if (((string)variable.Key).StartsWith("AWS_", StringComparison.Ordinal))
            {
                environment[(string)variable.Key] = null;
            }
        }

        environment["HOME"] = Home;
        environment["AWS_CONFIG_FILE"] = ConfigFile;
        environment["AWS_SHARED_CREDENTIALS_FILE"] = CredentialsFile;
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach ((string key, string value) in aws)
        {
            environment[key] = value;
        }

        return environment;
    }

    public void Dispose() => _temp.Dispose();
}
