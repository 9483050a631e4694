using System.Globalization;
using System.Security.Cryptography;

namespace AotAuth.Gateway;

/// <summary>X-Ray style trace headers, one per request, passed to both functions.</summary>
public static class TraceIds
{
    /// <summary><c>Root=1-{epoch hex}-{96 random bits hex};Sampled=0</c>.</summary>
    public static string New()
    {
        string epoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
        return $"Root=1-{epoch}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))};Sampled=0";
    }
}
