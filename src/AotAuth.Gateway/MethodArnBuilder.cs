namespace AotAuth.Gateway;

/// <summary>
/// Builds the method ARN API Gateway passes to a TOKEN authorizer,
/// <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c>, with the
/// path as the client requested it (still percent-encoded) without its leading slash.
/// </summary>
/// <param name="region">The region the local API pretends to run in.</param>
/// <param name="accountId">The twelve-digit account id.</param>
/// <param name="apiId">The REST API id.</param>
/// <param name="stage">The stage name.</param>
public sealed class MethodArnBuilder(string region, string accountId, string apiId, string stage)
{
    /// <summary>The ARN of <paramref name="httpMethod"/> on <paramref name="path"/> (which starts with <c>/</c>).</summary>
    /// <remarks>
    /// API Gateway refuses a request whose method ARN is longer than
    /// <see cref="Core.MethodArn.MaxLength"/> (414); the caller checks the length.
    /// </remarks>
    public string Build(string httpMethod, string path)
    {
        ArgumentNullException.ThrowIfNull(httpMethod);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/')
        {
            throw new ArgumentException("the path must start with '/'", nameof(path));
        }

        return $"arn:aws:execute-api:{region}:{accountId}:{apiId}/{stage}/{httpMethod}/{path.AsSpan(1)}";
    }
}
