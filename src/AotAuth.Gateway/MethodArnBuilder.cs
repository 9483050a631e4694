using System.Text;

namespace AotAuth.Gateway;

/// <summary>
/// Builds the method ARN API Gateway passes to a TOKEN authorizer,
/// <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c>, with the
/// request's path percent-decoded once, without its leading slash.
/// </summary>
/// <remarks>
/// AWS does not document whether the path in a methodArn is decoded. We decode it once, as
/// path parameters are, so an id's characters (<c>*</c>, <c>?</c>, quotes, spaces, control
/// and non-ASCII characters) reach the authorizer as characters: the demanding case for it,
/// and a <c>GET /user/*</c> policy matches either way.
/// </remarks>
/// <param name="region">The region the local API pretends to run in.</param>
/// <param name="accountId">The twelve-digit account id.</param>
/// <param name="apiId">The REST API id.</param>
/// <param name="stage">The stage name.</param>
public sealed class MethodArnBuilder(string region, string accountId, string apiId, string stage)
{
    /// <summary>
    /// The ARN of <paramref name="httpMethod"/> on the raw (still percent-encoded)
    /// <paramref name="path"/>, which starts with <c>/</c>.
    /// </summary>
    /// <remarks>
    /// An escape that is malformed or does not decode to UTF-8 is left as sent. API Gateway
    /// refuses a request whose method ARN is longer than <see cref="Core.MethodArn.MaxLength"/>
    /// bytes with 414: see <see cref="IsTooLong"/>.
    /// </remarks>
    public string Build(string httpMethod, string path)
    {
        ArgumentNullException.ThrowIfNull(httpMethod);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/')
        {
            throw new ArgumentException("the path must start with '/'", nameof(path));
        }

        return $"arn:aws:execute-api:{region}:{accountId}:{apiId}/{stage}/{httpMethod}/{Uri.UnescapeDataString(path.AsSpan(1))}";
    }

    /// <summary>True when <paramref name="methodArn"/> is over API Gateway's limit (counted in UTF-8 bytes, as the authorizer counts it).</summary>
    public static bool IsTooLong(string methodArn)
    {
        ArgumentNullException.ThrowIfNull(methodArn);
        return Encoding.UTF8.GetByteCount(methodArn) > Core.MethodArn.MaxLength;
    }
}
