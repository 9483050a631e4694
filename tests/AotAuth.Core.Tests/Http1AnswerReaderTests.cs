using System.Text;
using AotAuth.Core.Http;

namespace AotAuth.Core.Tests;

public class Http1AnswerReaderTests
{
    // Hands the answer out a few bytes per receive, as a slow connection would.
    private static Http1AnswerReader Reader(string answer, int bytesPerReceive, int maxBodyBytes = 1024)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(answer);
        int sent = 0;
        return new Http1AnswerReader("Peer", into =>
        {
            int take = Math.Min(Math.Min(bytesPerReceive, into.Length), bytes.Length - sent);
            bytes.AsSpan(sent, take).CopyTo(into);
            sent += take;
            return take;
        }, maxBodyBytes);
    }

    private static (Http1Head Head, string Body) ReadAnswer(Http1AnswerReader reader)
    {
        byte[] body = [];
        Http1Head head = reader.ReadHead(null);
        int length = reader.ReadBody(head, needed =>
        {
            if (body.Length < needed)
            {
                Array.Resize(ref body, needed);
            }

            return body;
        });
        return (head, Encoding.ASCII.GetString(body, 0, length));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void ContentLength_BodyIsReadWhateverTheReceiveSizes(int bytesPerReceive)
    {
        var reader = Reader("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", bytesPerReceive);

        (Http1Head head, string body) = ReadAnswer(reader);

        Assert.Equal(new Http1Head(200, string.Empty, 5, false, false), head);
        Assert.Equal("hello", body);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public void Chunked_ChunksAndTrailersAreRead_AndTheNextAnswerFollows(int bytesPerReceive)
    {
        var reader = Reader(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n"
            + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
            bytesPerReceive);

        (Http1Head first, string body) = ReadAnswer(reader);
        (Http1Head second, string empty) = ReadAnswer(reader);

        Assert.True(first.Chunked);
        Assert.Equal("abc0123456789", body);
        Assert.Equal(string.Empty, first.Reason); // a 2xx's reason is not read
        Assert.Equal(404, second.Status);
        Assert.Equal("Not Found", second.Reason);
        Assert.Equal(string.Empty, empty);
    }

    [Fact]
    public void NoFraming_BodyEndsAtTheClose()
    {
        var reader = Reader("HTTP/1.1 200 OK\r\n\r\nuntil the end", 4);

        (Http1Head head, string body) = ReadAnswer(reader);

        Assert.True(head.Close);
        Assert.Equal(-1, head.ContentLength);
        Assert.Equal("until the end", body);
    }

    [Theory]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", true)]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", true)]
    [InlineData("HTTP/1.1 304 Not Modified\r\n\r\n", false)]
    [InlineData("HTTP/1.1 204 No Content\r\n\r\n", false)]
    public void Close_FollowsTheVersionAndTheConnectionHeader(string answer, bool close)
    {
        Assert.Equal(close, Reader(answer, 64).ReadHead(null).Close);
    }

    [Fact]
    public void EveryHeaderIsSeen_WithItsValueTrimmed()
    {
        var seen = new List<string>();
        var reader = Reader("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id:  id-1 \r\nContent-Length: 0\r\n\r\n", 64);

        reader.ReadHead((name, value) => seen.Add($"{Encoding.ASCII.GetString(name)}={Encoding.ASCII.GetString(value)}"));

        Assert.Equal(["Lambda-Runtime-Aws-Request-Id=id-1", "Content-Length=0"], seen);
    }

    [Theory]
    [InlineData("HTTP/2 200 OK\r\n\r\n", "Peer answered with a malformed status line.")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5x\r\n\r\n", "Peer answered with a malformed Content-Length.")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n", "Peer answer body is too large.")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "Peer answered with a malformed chunk size.")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "Peer answered with a malformed chunk.")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort", "Peer closed the connection.")]
    public void MalformedAnswers_ThrowNamingThePeer(string answer, string message)
    {
        var reader = Reader(answer, 3);

        var error = Assert.Throws<IOException>(() => ReadAnswer(reader));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AHeadThatNeverEnds_IsRefusedAt64KiB()
    {
        var reader = Reader("HTTP/1.1 200 OK\r\nX: " + new string('a', 70 * 1024), 8192);

        var error = Assert.Throws<IOException>(() => reader.ReadHead(null));

        Assert.Equal("Peer answer head is too large.", error.Message);
    }

    [Fact]
    public void Reset_ForgetsTheBytesReadAhead()
    {
        var reader = Reader("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecretHTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n", 4096);

        (_, string body) = ReadAnswer(reader);
        reader.Reset();

        Assert.Equal("secret", body);
        var error = Assert.Throws<IOException>(() => reader.ReadHead(null)); // the 500 came in the same receive
        Assert.Equal("Peer closed the connection.", error.Message);
    }
}
