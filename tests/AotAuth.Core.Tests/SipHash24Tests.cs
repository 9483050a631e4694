using AotAuth.Core;

namespace AotAuth.Core.Tests;

public class SipHash24Tests
{
    // The reference implementation's vectors_sip64: key 00 01 .. 0f, message 00 01 .. n-1.
    [Theory]
    [InlineData(0, 0x726fdb47dd0e0e31UL)]
    [InlineData(1, 0x74f839c593dc67fdUL)]
    [InlineData(2, 0x0d6c8009d9a94f5aUL)]
    [InlineData(3, 0x85676696d7fb7e2dUL)]
    [InlineData(4, 0xcf2794e0277187b7UL)]
    [InlineData(5, 0x18765564cd99a68dUL)]
    [InlineData(6, 0xcbc9466e58fee3ceUL)]
    [InlineData(7, 0xab0200f58b01d137UL)]
    [InlineData(8, 0x93f5f5799a932462UL)]
    [InlineData(9, 0x9e0082df0ba9e4b0UL)]
    [InlineData(10, 0x7a5dbbc594ddb9f3UL)]
    [InlineData(11, 0xf4b32f46226bada7UL)]
    [InlineData(12, 0x751e8fbc860ee5fbUL)]
    [InlineData(13, 0x14ea5627c0843d90UL)]
    [InlineData(14, 0xf723ca908e7af2eeUL)]
    [InlineData(15, 0xa129ca6149be45e5UL)]
    [InlineData(16, 0x3f2acc7f57c29bdbUL)]
    [InlineData(17, 0x699ae9f52cbe4794UL)]
    [InlineData(18, 0x4bc1b3f0968dd39cUL)]
    [InlineData(19, 0xbb6dc91da77961bdUL)]
    [InlineData(20, 0xbed65cf21aa2ee98UL)]
    [InlineData(21, 0xd0f2cbb02e3b67c7UL)]
    [InlineData(22, 0x93536795e3a33e88UL)]
    [InlineData(23, 0xa80c038ccd5ccec8UL)]
    [InlineData(24, 0xb8ad50c6f649af94UL)]
    [InlineData(25, 0xbce192de8a85b8eaUL)]
    [InlineData(26, 0x17d835b85bbb15f3UL)]
    [InlineData(27, 0x2f2e6163076bcfadUL)]
    [InlineData(28, 0xde4daaaca71dc9a5UL)]
    public void Hash_MatchesTheReferenceVectors(int length, ulong expected)
    {
        byte[] message = [.. Enumerable.Range(0, length).Select(i => (byte)i)];

        Assert.Equal(expected, SipHash24.Hash(0x0706050403020100UL, 0x0F0E0D0C0B0A0908UL, message));
    }

    [Fact]
    public void Hash_DependsOnTheKey()
    {
        byte[] message = "sameToken0123"u8.ToArray();

        Assert.NotEqual(SipHash24.Hash(1, 2, message), SipHash24.Hash(1, 3, message));
        Assert.NotEqual(SipHash24.Hash(1, 2, message), SipHash24.Hash(4, 2, message));
    }
}
