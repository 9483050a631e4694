using System.Buffers.Text;
using System.Text;

namespace AotAuth.Core.Http;

/// <summary>
/// Reads HTTP/1.x answers on one blocking client connection into a reused buffer: the head
/// (status, framing, keep-alive), then the body (Content-Length, chunked, or up to the close).
/// The functions' own connections, to the Runtime API and to DynamoDB, both read through it.
/// </summary>
/// <remarks>
/// Not thread-safe: one connection, one caller. Every body byte is cleared from the buffer as it is
/// consumed, since bodies carry events, tokens' items and policies; head and chunk-size bytes,
/// which carry none of those, are cleared when the buffer is next compacted or reset. A malformed or oversized
/// answer, or the connection closing mid-answer, throws <see cref="IOException"/> naming
/// <c>peer</c>; the caller then drops the connection and calls <see cref="Reset"/>.
/// </remarks>
/// <param name="peer">Who answers, for error messages ("DynamoDB", "Runtime API").</param>
/// <param name="receive">Blocks until some bytes arrive and returns how many; 0 at the end of the connection.</param>
/// <param name="maxBodyBytes">The largest body accepted.</param>
public sealed class Http1AnswerReader(string peer, Http1AnswerReader.Receive receive, int maxBodyBytes)
{
    private const int MaxHeadBytes = 64 * 1024;

    private byte[] _buffer = new byte[4096];
    private int _start; // first unread byte in _buffer
    private int _end;   // end of the bytes read into _buffer

    /// <summary>Reads into <paramref name="into"/>: blocks until some bytes arrive; 0 at the end of the connection.</summary>
    public delegate int Receive(Span<byte> into);

    /// <summary>Called for each header line of a head, with the value trimmed of spaces.</summary>
    public delegate void HeaderSeen(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);

    /// <summary>Forgets unread bytes (after the connection was dropped), clearing them.</summary>
    public void Reset()
    {
        _buffer.AsSpan(0, _end).Clear();
        _start = _end = 0;
    }

    /// <summary>Reads the next answer's head.</summary>
    /// <param name="seen">Given every header line; null when the caller reads only the framing.</param>
    /// <exception cref="IOException">The head is malformed or too large, or the connection closed.</exception>
    public Http1Head ReadHead(HeaderSeen? seen)
    {
        ReadOnlySpan<byte> head = ReadThrough("\r\n\r\n"u8, "answer head is too large");

        // Status line: HTTP/1.x SP status SP reason
        int lineEnd = head.IndexOf("\r\n"u8);
        ReadOnlySpan<byte> statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out _))
        {
            throw new IOException($"{peer} answered with a malformed status line.");
        }

        // Only an answer that is not 2xx has its reason read (for its error), so only it pays for the string.
        string reason = status is < 200 or > 299 && statusLine.Length > 13 ? Encoding.ASCII.GetString(statusLine[13..]) : string.Empty;
        long contentLength = -1;
        bool chunked = false;
        bool close = statusLine[7] == (byte)'0';
        ReadOnlySpan<byte> rest = lineEnd < 0 ? default : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf("\r\n"u8);
            ReadOnlySpan<byte> line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 2)..];
            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            ReadOnlySpan<byte> name = line[..colon];
            ReadOnlySpan<byte> value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out int used) || used != value.Length || contentLength < 0)
                {
                    throw new IOException($"{peer} answered with a malformed Content-Length.");
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                close = Ascii.EqualsIgnoreCase(value, "close"u8) || (close && !Ascii.EqualsIgnoreCase(value, "keep-alive"u8));
            }

            seen?.Invoke(name, value);
        }

        bool noBody = status is 204 or 304 or < 200;
        if (!noBody && !chunked && contentLength < 0)
        {
            close = true; // no framing: the body ends when the server closes
        }

        return new Http1Head(status, reason, noBody ? 0 : contentLength, chunked && !noBody, close);
    }

    /// <summary>Reads the body <paramref name="head"/> frames.</summary>
    /// <param name="head">The head just read.</param>
    /// <param name="target">Given the body's length so far, returns memory at least that long to
    /// hold it (the bytes before that length are the body read so far); null drains the body.</param>
    /// <returns>The body's length.</returns>
    /// <exception cref="IOException">The body is malformed or too large, or the connection closed.</exception>
    public int ReadBody(Http1Head head, Func<int, Memory<byte>>? target)
    {
        if (head.Chunked)
        {
            int total = 0;
            while (true)
            {
                int size = ReadChunkSize();
                if (size == 0)
                {
                    // Trailers, if any, then the empty line.
                    while (!ReadThrough("\r\n"u8, "answer line is too long").IsEmpty)
                    {
                    }

                    return total;
                }

                total = Copy(size, total, target);
                if (!ReadThrough("\r\n"u8, "answer line is too long").IsEmpty)
                {
                    throw new IOException($"{peer} answered with a malformed chunk.");
                }
            }
        }

        if (head.ContentLength >= 0)
        {
            if (head.ContentLength > maxBodyBytes)
            {
                throw new IOException($"{peer} answer body is too large.");
            }

            return Copy((int)head.ContentLength, 0, target);
        }

        if (!head.Close)
        {
            return 0;
        }

        int read = 0;
        while (_start < _end || TryFill())
        {
            read = Copy(_end - _start, read, target);
        }

        return read;
    }

    // Appends count bytes of the body behind the offset bytes already read; returns the new length.
    private int Copy(int count, int offset, Func<int, Memory<byte>>? target)
    {
        if ((long)offset + count > maxBodyBytes)
        {
            throw new IOException($"{peer} answer body is too large.");
        }

        Span<byte> into = target is null ? default : target(offset + count).Span.Slice(offset, count);
        int copied = 0;
        while (copied < count)
        {
            if (_start == _end)
            {
                Fill();
            }

            int take = Math.Min(count - copied, _end - _start);
            Span<byte> bytes = _buffer.AsSpan(_start, take);
            if (target is not null)
            {
                bytes.CopyTo(into[copied..]);
            }

            bytes.Clear();
            _start += take;
            copied += take;
        }

        return offset + count;
    }

    private int ReadChunkSize()
    {
        ReadOnlySpan<byte> line = ReadThrough("\r\n"u8, "answer line is too long");
        int extension = line.IndexOf((byte)';');
        ReadOnlySpan<byte> digits = (extension < 0 ? line : line[..extension]).Trim((byte)' ');
        if (!Utf8Parser.TryParse(digits, out int size, out int used, 'X') || used != digits.Length || size < 0)
        {
            throw new IOException($"{peer} answered with a malformed chunk size.");
        }

        return size;
    }

    // The bytes up to the delimiter, consumed with it; valid until the next read.
    private ReadOnlySpan<byte> ReadThrough(ReadOnlySpan<byte> delimiter, string tooLong)
    {
        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf(delimiter)) < 0)
        {
            if (_end - _start >= MaxHeadBytes)
            {
                throw new IOException($"{peer} {tooLong}.");
            }

            Fill();
        }

        ReadOnlySpan<byte> bytes = _buffer.AsSpan(_start, end);
        _start += end + delimiter.Length;
        return bytes;
    }

    private void Fill()
    {
        if (!TryFill())
        {
            throw new IOException($"{peer} closed the connection.");
        }
    }

    // Reads more bytes behind the unread ones; false at the end of the connection.
    private bool TryFill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _buffer.AsSpan(_end - _start, _start).Clear();
            _end -= _start;
            _start = 0;
        }

        if (_buffer.Length - _end < 1024)
        {
            var bigger = new byte[_buffer.Length * 2];
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            _buffer.AsSpan(0, _end).Clear();
            _buffer = bigger;
        }

        int read = receive(_buffer.AsSpan(_end));
        _end += read;
        return read > 0;
    }
}
