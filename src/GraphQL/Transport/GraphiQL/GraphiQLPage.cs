using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Marketplace.GraphQL.Transport.GraphiQL;

/// <summary>A small self-contained GraphiQL-style page (no CDN): query, variables, headers, run, subscriptions over WebSocket.</summary>
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

    public static async Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["Content-Security-Policy"] = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self' ws: wss:";
        var bytes = Html.Value;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
