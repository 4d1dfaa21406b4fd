using System.Text.Json;

namespace Marketplace.GraphQL.Transport.Http;

/// <summary>The GraphQL-over-HTTP request parameters, or why they are malformed.</summary>
internal readonly record struct RequestParameters(
    string? Query,
    string? OperationName,
    JsonElement? Variables,
    IReadOnlyDictionary<string, object?>? Extensions,
    string? Problem)
{
    public bool IsValid => Problem is null;

    public static RequestParameters Invalid(string problem) => new(null, null, null, null, problem);

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

        if (!hasQuery) return Invalid("The \"query\" parameter is required.");
        return new RequestParameters(query, operationName, variables, extensions, null);
    }

    /// <summary>Reads the parameters of a GET request; variables and extensions are JSON-encoded strings.</summary>
    public static RequestParameters FromQueryString(
        string? query, string? operationName, string? variablesText, string? extensionsText, List<IDisposable> owned)
    {
        if (query is null) return Invalid("The \"query\" parameter is required.");
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

        return new RequestParameters(query, string.IsNullOrEmpty(operationName) ? null : operationName, variables, extensions, null);
    }

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
