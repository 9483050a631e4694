using AotAuth.Core.Contracts;

namespace AotAuth.Storage;

/// <summary>
/// AWS credentials used to sign requests: an access key pair and, for temporary credentials
/// (as Lambda provides), a session token.
/// </summary>
public sealed class AwsCredentials
{
    /// <summary>
    /// Credentials for DynamoDB Local and other emulators, which require a signed request but
    /// do not check the signature.
    /// </summary>
    public static AwsCredentials LocalDummy { get; } = new("local", "local");

    /// <summary>Creates credentials from explicit values.</summary>
    /// <param name="accessKeyId">The access key id (AWS_ACCESS_KEY_ID).</param>
    /// <param name="secretAccessKey">The secret access key (AWS_SECRET_ACCESS_KEY).</param>
    /// <param name="sessionToken">The session token of temporary credentials, or null.</param>
    public AwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
    }

    /// <summary>The access key id.</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key.</summary>
    public string SecretAccessKey { get; }

    /// <summary>The session token of temporary credentials, or null for long-term keys.</summary>
    public string? SessionToken { get; }

    /// <summary>
    /// Reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. Lambda sets all
    /// three, so this is the only source we need; instance metadata is never probed because
    /// that costs a network round trip (and a long timeout off EC2) on cold start.
    /// </summary>
    /// <param name="environment">Where variables are read (<see cref="EnvironmentSettings"/>).</param>
    /// <param name="useLocalDummyWhenMissing">
    /// True when talking to an emulator (an endpoint override to a host that is not AWS's): missing variables then
    /// yield <see cref="LocalDummy"/> instead of an error.
    /// </param>
    /// <exception cref="InvalidOperationException">
    /// The variables are missing and <paramref name="useLocalDummyWhenMissing"/> is false.
    /// </exception>
    public static AwsCredentials FromEnvironment(Func<string, string?> environment, bool useLocalDummyWhenMissing = false)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var accessKeyId = environment("AWS_ACCESS_KEY_ID");
        var secretAccessKey = environment("AWS_SECRET_ACCESS_KEY");
        if (!string.IsNullOrEmpty(accessKeyId) && !string.IsNullOrEmpty(secretAccessKey))
        {
            return new AwsCredentials(accessKeyId, secretAccessKey, environment("AWS_SESSION_TOKEN"));
        }

        if (useLocalDummyWhenMissing)
        {
            return LocalDummy;
        }

        // Fail at construction rather than on the first request, so a misconfigured function
        // fails its init phase with a message that names the fix.
        throw new InvalidOperationException(
            "AWS credentials not found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for " +
            "temporary credentials), or point DYNAMODB_ENDPOINT (or AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL) at a local emulator.");
    }
}
