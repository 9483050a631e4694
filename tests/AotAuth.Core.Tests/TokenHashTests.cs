using AotAuth.Core;

namespace AotAuth.Core.Tests;

public class TokenHashTests
{
    [Fact]
    public void Hex_IsTheLowercaseSha256OfTheToken()
    {
        // FIPS 180-2 test vector for "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenHash.Compute("abc").ToHex());
    }

    [Fact]
    public void ByteAndStringForms_GiveTheSameHash()
    {
        Assert.Equal(TokenHash.Compute("Token123"), TokenHash.Compute("Token123"u8));
        Assert.NotEqual(TokenHash.Compute("Token123"), TokenHash.Compute("Token124"));
    }

    [Fact]
    public void Hex_RoundTrips()
    {
        TokenHash hash = TokenHash.Compute("abc");
        Assert.True(TokenHash.TryParseHex(hash.ToHex().ToUpperInvariant(), out TokenHash parsed));
        Assert.Equal(hash, parsed);
        Assert.False(TokenHash.TryParseHex("abc", out _));
        Assert.False(TokenHash.TryParseHex(new string('z', 64), out _));
    }

    [Fact]
    public void LogForm_IsAnEightCharacterPrefix()
    {
        TokenHash hash = TokenHash.Compute("abc");
        Assert.Equal("ba7816bf", hash.ToLogPrefix());
        Assert.Equal("ba7816bf", hash.ToString());
    }
}
