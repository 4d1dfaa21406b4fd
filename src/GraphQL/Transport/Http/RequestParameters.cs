using System.Text.Json;

namespace Marketplace.GraphQL.Transport.Http;

/// <summary>The GraphQL-over-HTTP request parameters, or why they are malformed.</summary>
internal readonly record struct RequestParameters(
    string? Query,
    string? OperationName,
    JsonElement? Variables,
    IReadOnlyDictionary<string, object?>? Extensions,
    string? Problem,
    string? DocumentId = null,
    string ProblemCode = "BAD_REQUEST")
{
    public bool IsValid => Problem is null;

    public static RequestParameters Invalid(string problem, string code = "BAD_REQUEST") => new(null, null, null, null, problem, null, code);

    /// <summary>
    /// Reads {query, operationName, variables, extensions} from a JSON object (POST body or a
    /// graphql-transport-ws subscribe payload). Values are views into the document: keep it alive.
    /// </summary>
    public static RequestParameters FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return Invalid("The request must be a JSON object.");
        string? query = null, operationName = null;
        JsonElement? variables = null;
        IReadOnlyDictionary<string, object?>? extensions = null;
        string? documentId = null;
        var hasQuery = false;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "query":
                    if (value.ValueKind != JsonValueKind.String) return Invalid("The \"query\" parameter must be a string.");
                    query = value.GetString();
                    hasQuery = true;
                    break;
                case "documentId":
                    if (value.ValueKind == JsonValueKind.Null) break;
                    if (value.ValueKind != JsonValueKind.String) return Invalid("The \"documentId\" parameter must be a string.");
                    documentId = value.GetString();
                    break;
                case "operationName":
                    if (value.ValueKind == JsonValueKind.Null) break;
                    if (value.ValueKind != JsonValueKind.String) return Invalid("The \"operationName\" parameter must be a string or null.");
                    operationName = value.GetString();
                    break;
                case "variables":
                    if (value.ValueKind == JsonValueKind.Null) break;
                    if (value.ValueKind != JsonValueKind.Object) return Invalid("The \"variables\" parameter must be an object or null.");
                    variables = value;
                    break;
                case "extensions":
                    if (value.ValueKind == JsonValueKind.Null) break;
                    if (value.ValueKind != JsonValueKind.Object) return Invalid("The \"extensions\" parameter must be an object or null.");
                    extensions = ToDictionary(value);
                    break;
            }
        }

        documentId ??= PersistedQueryHash(extensions);
        if (!hasQuery && documentId is null) return Invalid("The \"query\" parameter is required.");
        return new RequestParameters(query, operationName, variables, extensions, null, documentId);
    }

    /// <summary>Reads the parameters of a GET request; variables and extensions are JSON-encoded strings.</summary>
    public static RequestParameters FromQueryString(
        string? query, string? operationName, string? variablesText, string? extensionsText, List<IDisposable> owned, string? documentId = null)
    {
        JsonElement? variables = null;
        IReadOnlyDictionary<string, object?>? extensions = null;
        if (!string.IsNullOrEmpty(variablesText))
        {
            if (!TryParseObject(variablesText, owned, out var element)) return Invalid("The \"variables\" parameter must be a JSON-encoded object.");
            variables = element;
        }

        if (!string.IsNullOrEmpty(extensionsText))
        {
            if (!TryParseObject(extensionsText, owned, out var element)) return Invalid("The \"extensions\" parameter must be a JSON-encoded object.");
            extensions = element is { } e ? ToDictionary(e) : null;
        }

        documentId ??= PersistedQueryHash(extensions);
        if (query is null && documentId is null) return Invalid("The \"query\" parameter is required.");
        return new RequestParameters(query, string.IsNullOrEmpty(operationName) ? null : operationName, variables, extensions, null, documentId);
    }

    /// <summary>Apollo's automatic persisted queries name the document in extensions.persistedQuery.sha256Hash.</summary>
    private static string? PersistedQueryHash(IReadOnlyDictionary<string, object?>? extensions) =>
        extensions?.GetValueOrDefault("persistedQuery") is JsonElement { ValueKind: JsonValueKind.Object } persisted
        && persisted.TryGetProperty("sha256Hash", out var hash) && hash.ValueKind == JsonValueKind.String
            ? "sha256:" + hash.GetString()
            : null;

    private static bool TryParseObject(string text, List<IDisposable> owned, out JsonElement? element)
    {
        element = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return false;
        }

        owned.Add(document);
        if (document.RootElement.ValueKind == JsonValueKind.Null) return true;
        if (document.RootElement.ValueKind != JsonValueKind.Object) return false;
        element = document.RootElement;
        return true;
    }

    private static Dictionary<string, object?> ToDictionary(JsonElement value)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject()) result[property.Name] = property.Value;
        return result;
    }
}
