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

public class Sha256SingleBlockTests
{
    [Fact]
    public void ManagedSingleBlockHash_MatchesTheBcl_ForEveryLengthAndRandomContent()
    {
        var random = new Random(180_4);
        Span<byte> ours = stackalloc byte[32];
        Span<byte> bcl = stackalloc byte[32];
        for (int length = 0; length <= 80; length++)
        {
            for (int round = 0; round < 50; round++)
            {
                byte[] message = new byte[length];
                random.NextBytes(message);
                Sha256SingleBlock.Hash(message, ours);
                System.Security.Cryptography.SHA256.HashData(message, bcl);
                Assert.True(ours.SequenceEqual(bcl), $"length {length}");
            }
        }
    }

    [Fact]
    public void EmptyMessage_HasTheStandardDigest()
    {
        Span<byte> digest = stackalloc byte[32];
        Sha256SingleBlock.Hash([], digest);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(digest));
    }
}
