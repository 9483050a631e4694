using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace AotAuth.LocalHosting;

/// <summary>Small request/response helpers shared by the Runtime API endpoints.</summary>
internal static class RuntimeApiHttp
{
    /// <summary>The whole body, or null when it is over <paramref name="limit"/> (still read to the end).</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        using var kept = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                total += read;
                if (total <= limit)
                {
                    kept.Write(chunk, 0, read);
                }
            }

            return total <= limit ? kept.ToArray() : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk, clearArray: true);
        }
    }

    public static Task WriteAcceptedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        return WriteJsonAsync(context, "{\"status\":\"OK\"}"u8.ToArray());
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string errorType, string errorMessage)
    {
        context.Response.StatusCode = status;
        return WriteJsonAsync(context, ErrorDocument.Write(errorType, errorMessage));
    }

    // With its length, as the Runtime API answers: a client on a kept-open connection frames the
    // answer by Content-Length (Kestrel would otherwise send it chunked).
    private static Task WriteJsonAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
