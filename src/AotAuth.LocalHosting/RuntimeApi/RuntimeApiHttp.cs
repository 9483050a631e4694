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
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync("{\"status\":\"OK\"}"u8.ToArray()).AsTask();
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string errorType, string errorMessage)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(ErrorDocument.Write(errorType, errorMessage)).AsTask();
    }
}
