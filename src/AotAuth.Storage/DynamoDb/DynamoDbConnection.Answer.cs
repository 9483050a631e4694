using System.Buffers.Text;
using System.Text;

namespace AotAuth.Storage;

// Reading an answer: the head (status, Content-Length, Transfer-Encoding, Connection), then the
// body (Content-Length, chunked, or up to the close) into the reused body buffer. Each read
// blocks in recv, bounded by the call's deadline (SetTimeouts).
internal sealed partial class DynamoDbConnection
{
    private (int Status, long ContentLength, bool Chunked, bool Close) ReadHead(Stream stream, long deadline)
    {
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start >= MaxHeadBytes)
            {
                throw new IOException("DynamoDB answer head is too large.");
            }

            Fill(stream, deadline);
        }

        ReadOnlySpan<byte> head = _buffer.AsSpan(_start, headEnd);
        _start += headEnd + 4;

        // Status line: HTTP/1.x SP status SP reason
        int lineEnd = head.IndexOf("\r\n"u8);
        ReadOnlySpan<byte> statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out _))
        {
            throw new IOException("DynamoDB answered with a malformed status line.");
        }

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
                    throw new IOException("DynamoDB answered with a malformed Content-Length.");
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
        }

        bool noBody = status is 204 or 304 or < 200;
        if (!noBody && !chunked && contentLength < 0)
        {
            close = true; // no framing: the body ends when the server closes
        }

        return (status, noBody ? 0 : contentLength, chunked && !noBody, close);
    }

    private void ReadBody(Stream stream, long deadline, long contentLength, bool chunked, bool close)
    {
        if (chunked)
        {
            while (true)
            {
                int size = ReadChunkSize(stream, deadline);
                if (size == 0)
                {
                    // Trailers, if any, then the empty line.
                    while (!ReadLine(stream, deadline).IsEmpty)
                    {
                    }

                    return;
                }

                Copy(stream, deadline, size);
                if (!ReadLine(stream, deadline).IsEmpty)
                {
                    throw new IOException("DynamoDB answered with a malformed chunk.");
                }
            }
        }

        if (contentLength >= 0)
        {
            if (contentLength > MaxBodyBytes)
            {
                throw new IOException("DynamoDB answer body is too large.");
            }

            Copy(stream, deadline, (int)contentLength);
            return;
        }

        if (close)
        {
            while (_start < _end || TryFill(stream, deadline))
            {
                Copy(stream, deadline, _end - _start);
            }
        }
    }

    // Appends count bytes of the answer to the body.
    private void Copy(Stream stream, long deadline, int count)
    {
        if (_bodyLength + count > MaxBodyBytes)
        {
            throw new IOException("DynamoDB answer body is too large.");
        }

        if (_body.Length < _bodyLength + count)
        {
            var bigger = new byte[Math.Max(_body.Length * 2, _bodyLength + count)];
            _body.AsSpan(0, _bodyLength).CopyTo(bigger);
            _body.AsSpan(0, _bodyLength).Clear();
            _body = bigger;
        }

        int copied = 0;
        while (copied < count)
        {
            if (_start == _end)
            {
                Fill(stream, deadline);
            }

            int take = Math.Min(count - copied, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(_body.AsSpan(_bodyLength));
            _buffer.AsSpan(_start, take).Clear();
            _start += take;
            _bodyLength += take;
            copied += take;
        }
    }

    private int ReadChunkSize(Stream stream, long deadline)
    {
        ReadOnlySpan<byte> line = ReadLine(stream, deadline);
        int extension = line.IndexOf((byte)';');
        ReadOnlySpan<byte> digits = (extension < 0 ? line : line[..extension]).Trim((byte)' ');
        if (!Utf8Parser.TryParse(digits, out int size, out int used, 'X') || used != digits.Length || size < 0)
        {
            throw new IOException("DynamoDB answered with a malformed chunk size.");
        }

        return size;
    }

    private ReadOnlySpan<byte> ReadLine(Stream stream, long deadline)
    {
        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            if (_end - _start >= MaxHeadBytes)
            {
                throw new IOException("DynamoDB answer line is too long.");
            }

            Fill(stream, deadline);
        }

        ReadOnlySpan<byte> line = _buffer.AsSpan(_start, end);
        _start += end + 2;
        return line;
    }

    private void Fill(Stream stream, long deadline)
    {
        if (!TryFill(stream, deadline))
        {
            throw new IOException("DynamoDB closed the connection.");
        }
    }

    // Reads more bytes behind the unread ones, blocking until some arrive; false at the end of the connection.
    private bool TryFill(Stream stream, long deadline)
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

        SetTimeouts(deadline);
        int read = stream.Read(_buffer.AsSpan(_end));
        _end += read;
        return read > 0;
    }
}
