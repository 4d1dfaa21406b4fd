using System.Collections;
using System.Globalization;
using System.Text.Json;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Execution;

/// <summary>Input coercion (spec 3.x input coercion, 6.1.2 variables, 6.4.1 arguments).</summary>
public static class ValueCoercion
{
    /// <summary>Marks "no value" (a variable that was not provided), as opposed to null.</summary>
    public static readonly object Undefined = new UndefinedValue();

    private sealed class UndefinedValue
    {
        public override string ToString() => "undefined";
    }

    /// <summary>
    /// Coerces a literal (which may reference already-coerced variables) to the internal value.
    /// Returns <see cref="Undefined"/> when the literal is a variable that has no value.
    /// Throws <see cref="GraphQLCoercionException"/> when the literal is invalid.
    /// </summary>
    public static object? CoerceLiteral(ValueNode node, GraphQLType type, IReadOnlyDictionary<string, object?>? variables)
    {
        if (node is VariableNode variable)
        {
            if (variables is null || !variables.TryGetValue(variable.Name.Value, out var value)) return Undefined;
            if (value is null && type.IsNonNull)
                throw new GraphQLCoercionException($"Variable \"${variable.Name.Value}\" of non-null type must not be null.");
            return value;
        }

        if (type is NonNullType nonNull)
        {
            if (node is NullValueNode) throw new GraphQLCoercionException($"Expected value of type \"{type}\", found null.");
            var inner = CoerceLiteral(node, nonNull.OfType, variables);
            if (inner is null || ReferenceEquals(inner, Undefined))
                throw new GraphQLCoercionException($"Expected value of type \"{type}\", found {AstPrinter.Print(node)}.");
            return inner;
        }

        if (node is NullValueNode) return null;

        switch (type)
        {
            case ListType list:
                if (node is ListValueNode listNode)
                {
                    var items = new object?[listNode.Values.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        var item = CoerceLiteral(listNode.Values[i], list.OfType, variables);
                        if (ReferenceEquals(item, Undefined))
                        {
                            if (list.OfType.IsNonNull) throw new GraphQLCoercionException($"Expected value of type \"{list.OfType}\", found {AstPrinter.Print(listNode.Values[i])}.");
                            item = null;
                        }

                        items[i] = item;
                    }

                    return items;
                }

                var single = CoerceLiteral(node, list.OfType, variables);
                return ReferenceEquals(single, Undefined) ? Undefined : new[] { single };

            case InputObjectType inputObject:
                return CoerceObjectLiteral(node, inputObject, variables);

            case EnumType enumType:
                if (node is EnumValueNode enumNode && enumType.GetValue(enumNode.Value) is { } enumValue) return enumValue.Value;
                throw new GraphQLCoercionException(node is EnumValueNode e
                    ? $"Value \"{e.Value}\" does not exist in \"{enumType.Name}\" enum."
                    : $"Enum \"{enumType.Name}\" cannot represent non-enum value: {AstPrinter.Print(node)}.");

            case ScalarType scalar:
                try
                {
                    return scalar.ParseLiteral(node);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new GraphQLCoercionException(ClientMessages.Of(ex));
                }
        }

        throw new GraphQLCoercionException($"Type \"{type}\" is not an input type.");
    }

    private static object CoerceObjectLiteral(ValueNode node, InputObjectType type, IReadOnlyDictionary<string, object?>? variables)
    {
        if (node is not ObjectValueNode objectNode)
            throw new GraphQLCoercionException($"Expected value of type \"{type.Name}\", found {AstPrinter.Print(node)}.");
        foreach (var field in objectNode.Fields)
        {
            if (type.GetField(field.Name.Value) is null)
                throw new GraphQLCoercionException($"Field \"{field.Name.Value}\" is not defined by type \"{type.Name}\".");
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var definition in type.Fields)
        {
            ObjectFieldNode? fieldNode = null;
            foreach (var f in objectNode.Fields)
            {
                if (f.Name.Value == definition.Name)
                {
                    fieldNode = f;
                    break;
                }
            }

            var value = fieldNode is null ? Undefined : CoerceLiteral(fieldNode.Value, definition.Type, variables);
            if (ReferenceEquals(value, Undefined))
            {
                if (definition.HasDefaultValue) result[definition.Name] = definition.DefaultValue;
                else if (definition.Type.IsNonNull)
                    throw new GraphQLCoercionException($"Field \"{type.Name}.{definition.Name}\" of required type \"{definition.Type}\" was not provided.");
                continue;
            }

            result[definition.Name] = value;
        }

        if (type.IsOneOf) CheckOneOf(type, result);
        return result;
    }

    private static void CheckOneOf(InputObjectType type, Dictionary<string, object?> value)
    {
        if (value.Count != 1)
            throw new GraphQLCoercionException($"OneOf Input Object \"{type.Name}\" must specify exactly one key.");
        foreach (var (key, item) in value)
            if (item is null)
                throw new GraphQLCoercionException($"Field \"{type.Name}.{key}\" must be non-null.");
    }

    /// <summary>
    /// Coerces an external input value (variables from JSON or dictionaries) to the internal value.
    /// Throws <see cref="InputCoercionException"/> with the path inside the value on failure.
    /// </summary>
    public static object? CoerceInputValue(object? value, GraphQLType type, List<object>? path = null)
    {
        path ??= new List<object>();
        if (value is JsonElement element) value = FromJson(element);
        if (type is NonNullType nonNull)
        {
            if (value is null) throw new InputCoercionException($"Expected non-nullable type \"{type}\" not to be null.", path);
            return CoerceInputValue(value, nonNull.OfType, path);
        }

        if (value is null) return null;

        switch (type)
        {
            case ListType list:
                if (value is IEnumerable enumerable and not string and not IDictionary and not IReadOnlyDictionary<string, object?>)
                {
                    var items = new List<object?>();
                    var index = 0;
                    foreach (var item in enumerable)
                    {
                        path.Add(index++);
                        items.Add(CoerceInputValue(item, list.OfType, path));
                        path.RemoveAt(path.Count - 1);
                    }

                    return items.ToArray();
                }

                return new[] { CoerceInputValue(value, list.OfType, path) };

            case InputObjectType inputObject:
            {
                var map = AsDictionary(value) ?? throw new InputCoercionException($"Expected type \"{inputObject.Name}\" to be an object.", path);
                foreach (var key in map.Keys)
                    if (inputObject.GetField(key) is null)
                        throw new InputCoercionException($"Field \"{key}\" is not defined by type \"{inputObject.Name}\".", path);
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var field in inputObject.Fields)
                {
                    if (!map.TryGetValue(field.Name, out var fieldValue))
                    {
                        if (field.HasDefaultValue) result[field.Name] = field.DefaultValue;
                        else if (field.Type.IsNonNull)
                            throw new InputCoercionException($"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided.", path);
                        continue;
                    }

                    path.Add(field.Name);
                    result[field.Name] = CoerceInputValue(fieldValue, field.Type, path);
                    path.RemoveAt(path.Count - 1);
                }

                if (inputObject.IsOneOf)
                {
                    try
                    {
                        CheckOneOf(inputObject, result);
                    }
                    catch (GraphQLCoercionException ex)
                    {
                        throw new InputCoercionException(ex.Message, path);
                    }
                }

                return result;
            }

            case EnumType enumType:
                if (value is string name && enumType.GetValue(name) is { } enumValue) return enumValue.Value;
                throw new InputCoercionException(value is string s
                    ? $"Value \"{s}\" does not exist in \"{enumType.Name}\" enum."
                    : $"Enum \"{enumType.Name}\" cannot represent non-string value: {Show(value)}.", path);

            case ScalarType scalar:
                try
                {
                    return scalar.ParseValue(value);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new InputCoercionException(ClientMessages.Of(ex), path);
                }
        }

        throw new InputCoercionException($"Type \"{type}\" is not an input type.", path);
    }

    private static IReadOnlyDictionary<string, object?>? AsDictionary(object value)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> d: return d;
            case IDictionary<string, object?> d: return new Dictionary<string, object?>(d);
            case IDictionary legacy:
            {
                var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in legacy) copy[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = entry.Value;
                return copy;
            }
            default: return null;
        }
    }

    /// <summary>JSON to plain values: string, bool, null, long / decimal / double, dictionaries, arrays.</summary>
    public static object? FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String: return element.GetString();
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var l)) return l;
                if (element.TryGetDecimal(out var m)) return m;
                return element.GetDouble();
            case JsonValueKind.Array:
            {
                var items = new object?[element.GetArrayLength()];
                var i = 0;
                foreach (var item in element.EnumerateArray()) items[i++] = FromJson(item);
                return items;
            }
            case JsonValueKind.Object:
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject()) map[property.Name] = FromJson(property.Value);
                return map;
            }
            default: return null;
        }
    }

    internal static string Show(object? value)
    {
        switch (value)
        {
            case null: return "null";
            case string s: return AstPrinter.PrintString(s);
            case bool b: return b ? "true" : "false";
            case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
            default:
                try
                {
                    return JsonSerializer.Serialize(value);
                }
                catch (NotSupportedException)
                {
                    return value.ToString() ?? "";
                }
        }
    }
}

/// <summary>Invalid external input; <see cref="Path"/> locates the bad part inside the value.</summary>
public sealed class InputCoercionException(string message, IReadOnlyList<object> path) : Exception(message)
{
    public IReadOnlyList<object> Path { get; } = path.ToArray();
}
