using System.Text;
using AotAuth.Core;

namespace AotAuth.Core.Tests;

public class TokenFormatTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("ABC123xyz")]
    [InlineData("a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6")] // 32
    public void ValidTokens_AreAccepted(string token)
    {
        Assert.True(TokenFormat.IsValid(token));
        Assert.True(TokenFormat.IsValid(Encoding.UTF8.GetBytes(token)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6Q")] // 33
    [InlineData("abc def")]
    [InlineData("Bearer abc")]
    [InlineData("abc-def")]
    [InlineData("abc\0")]
    [InlineData("abcé")]
    [InlineData("аbc")] // Cyrillic a
    [InlineData("abc\n")]
    public void InvalidTokens_AreRejected(string token)
    {
        Assert.False(TokenFormat.IsValid(token));
        Assert.False(TokenFormat.IsValid(Encoding.UTF8.GetBytes(token)));
    }

    [Fact]
    public void HandCheck_AgreesWithTheGatewayRegex_ForEveryShortAsciiString()
    {
        var regex = new System.Text.RegularExpressions.Regex(TokenFormat.ValidationExpression);
        var random = new Random(1234);
        for (int i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (int j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)random.Next(0x20, 0x7F);
            }

            string s = new(chars);
            Assert.Equal(regex.IsMatch(s), TokenFormat.IsValid(s));
        }
    }
}
