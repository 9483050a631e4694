using System.Globalization;
using System.Text;

namespace AotAuth.AwsStackAuthorizer;

/// <summary>
/// The authorizer's log lines the way a RuntimeSupport function writes its own: each line goes
/// through <see cref="Console.Out"/>, prefixed with the time, the invocation's id and the level
/// (RuntimeSupport's <c>LogLevelLoggerWriter</c> format), one <c>WriteLine</c> a line.
/// </summary>
internal sealed class ConsoleLogStream(RuntimeSupportLoop loop) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        foreach (string line in Encoding.UTF8.GetString(buffer).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string time = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            Console.Out.WriteLine($"{time}\t{loop.CurrentRequestId}\tinfo\t{line}");
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush() => Console.Out.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
