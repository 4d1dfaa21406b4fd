using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Marketplace.GraphQL.Transport.GraphiQL;

/// <summary>
/// The GraphiQL page: a configured HTML file (the gateway serves a bundled real GraphiQL), else a small
/// self-contained GraphiQL-style page (no CDN): query, variables, headers, run, subscriptions over WebSocket.
/// </summary>
internal static class GraphiQLPage
{
    private static readonly Lazy<byte[]> Html = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Marketplace.GraphQL.Transport.GraphiQL.graphiql.html")
            ?? throw new InvalidOperationException("GraphiQL page resource is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static async Task WriteAsync(HttpContext context, string? htmlFile)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        byte[] bytes;
        if (htmlFile is not null && File.Exists(htmlFile))
        {
            // A bundled page loads its scripts and styles from this origin; GraphiQL sets inline styles and data: icons.
            response.Headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws: wss:";
            bytes = await File.ReadAllBytesAsync(htmlFile, context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            response.Headers["Content-Security-Policy"] = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self' ws: wss:";
            bytes = Html.Value;
        }
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
