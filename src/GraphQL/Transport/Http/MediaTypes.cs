using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Marketplace.GraphQL.Transport.Http;

/// <summary>Response media types of GraphQL over HTTP and Accept negotiation between them.</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    internal const string GraphQLResponseJsonUtf8 = GraphQLResponseJson + "; charset=utf-8";
    internal const string JsonUtf8 = Json + "; charset=utf-8";

    /// <summary>
    /// Picks the response media type for an Accept header: highest quality wins, the GraphQL
    /// response type on ties; wildcards mean application/json; no header means application/json.
    /// Null when neither is acceptable (406).
    /// </summary>
    public static string? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept)) return Json;
        if (accept.Count == 1)
        {
            // Fast paths for what clients send almost always.
            var single = accept[0];
            if (single == GraphQLResponseJson) return GraphQLResponseJson;
            if (single == Json) return Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var entries)) return null;
        string? best = null;
        var bestQuality = 0.0;
        var bestRank = -1;
        foreach (var entry in entries)
        {
            var quality = entry.Quality ?? 1.0;
            if (quality <= 0) continue;
            if (entry.Charset.HasValue && !entry.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) continue;
            var (candidate, rank) = Classify(entry.MediaType);
            if (candidate is null) continue;
            if (quality > bestQuality || (quality == bestQuality && rank > bestRank))
            {
                best = candidate;
                bestQuality = quality;
                bestRank = rank;
            }
        }

        return best;
    }

    private static (string? MediaType, int Rank) Classify(StringSegment mediaType)
    {
        if (mediaType.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase)) return (GraphQLResponseJson, 3);
        if (mediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)) return (Json, 2);
        if (mediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)) return (Json, 1);
        if (mediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase)) return (Json, 0);
        return (null, -1);
    }

    /// <summary>True for a JSON request body (application/json, charset utf-8 or none).</summary>
    internal static bool IsJsonRequest(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        if (contentType == Json) return true;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)) return false;
        if (!parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)) return false;
        return !parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when a browser asks for HTML (GraphiQL).</summary>
    internal static bool AcceptsHtml(StringValues accept)
    {
        foreach (var value in accept)
            if (value is not null && value.Contains("text/html", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
