using System.Text.Json;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Execution;

/// <summary>CoerceVariableValues (spec 6.1.2). Errors are request errors (no data).</summary>
internal static class VariableCoercion
{
    private static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    public static IReadOnlyDictionary<string, object?> Coerce(Schema schema, OperationDefinitionNode operation, RawVariables raw, List<GraphQLError> errors)
    {
        var definitions = operation.VariableDefinitions;
        if (definitions.Count == 0) return None;
        var result = new Dictionary<string, object?>(definitions.Count, StringComparer.Ordinal);
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            var name = definition.Variable.Name.Value;
            var type = schema.FromTypeNode(definition.Type);
            if (type is null || !type.IsInputType)
            {
                errors.Add(GraphQLError.WithCode($"Variable \"${name}\" expected value of type \"{AstPrinter.Print(definition.Type)}\" which cannot be used as an input type.", ErrorCodes.BadUserInput, definition));
                continue;
            }

            var provided = raw.TryGetValue(name, out var value);
            if (value is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }) value = null;
            if (!provided)
            {
                if (definition.DefaultValue is not null)
                {
                    try
                    {
                        result[name] = ValueCoercion.CoerceLiteral(definition.DefaultValue, type, null);
                    }
                    catch (GraphQLCoercionException ex)
                    {
                        errors.Add(GraphQLError.WithCode($"Variable \"${name}\" has invalid default value: {ex.Message}", ErrorCodes.BadUserInput, definition));
                    }
                }
                else if (type.IsNonNull)
                {
                    errors.Add(GraphQLError.WithCode($"Variable \"${name}\" of required type \"{type}\" was not provided.", ErrorCodes.BadUserInput, definition));
                }

                continue;
            }

            if (value is null)
            {
                if (type.IsNonNull) errors.Add(GraphQLError.WithCode($"Variable \"${name}\" of non-null type \"{type}\" must not be null.", ErrorCodes.BadUserInput, definition));
                else result[name] = null;
                continue;
            }

            try
            {
                result[name] = ValueCoercion.CoerceInputValue(value, type);
            }
            catch (InputCoercionException ex)
            {
                var shown = ValueCoercion.Show(value is JsonElement e ? ValueCoercion.FromJson(e) : value);
                var at = ex.Path.Count > 0 ? $" at \"{name}{string.Concat(ex.Path.Select(p => p is int i ? $"[{i}]" : "." + p))}\"" : "";
                errors.Add(GraphQLError.WithCode($"Variable \"${name}\" got invalid value {shown}{at}; {ex.Message}", ErrorCodes.BadUserInput, definition));
            }
        }

        return result;
    }

    public static RawVariables FromRequest(ExecutionRequest request, List<GraphQLError> errors)
    {
        if (request.Variables is not null) return new RawVariables(request.Variables);
        if (request.VariablesJson is not { } json || json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return default;
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new GraphQLError("Variables must be an object.", extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.BadUserInput }));
            return default;
        }

        return new RawVariables(json);
    }
}

/// <summary>
/// The request's variable values as given (plain values or a JSON object), read in place: no
/// copy per request. Absent when the request has none.
/// </summary>
internal readonly struct RawVariables
{
    private readonly IReadOnlyDictionary<string, object?>? _values;
    private readonly JsonElement _json; // an object, or default (Undefined)

    public RawVariables(IReadOnlyDictionary<string, object?> values) => _values = values;
    public RawVariables(JsonElement json) => _json = json;

    /// <summary>JSON values come back as <see cref="JsonElement"/>; a repeated JSON name gives its last value.</summary>
    public bool TryGetValue(string name, out object? value)
    {
        if (_values is not null) return _values.TryGetValue(name, out value);
        if (_json.ValueKind == JsonValueKind.Object && _json.TryGetProperty(name, out var element))
        {
            value = element;
            return true;
        }

        value = null;
        return false;
    }
}
