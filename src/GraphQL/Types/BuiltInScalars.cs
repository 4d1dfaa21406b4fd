using System.Globalization;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Types;

/// <summary>Int, Float, String, Boolean and ID with the coercion rules of the spec (section 3.5).</summary>
public static class BuiltInScalars
{
    public static bool IsBuiltIn(string name) => name is "Int" or "Float" or "String" or "Boolean" or "ID";

    /// <summary>New instances per schema (types are owned by one schema; nothing static is mutable).</summary>
    public static IReadOnlyList<ScalarType> Create() =>
    [
        new("Int", SerializeInt, ParseIntValue, ParseIntLiteral)
        {
            Description = "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.",
        },
        new("Float", SerializeFloat, ParseFloatValue, ParseFloatLiteral)
        {
            Description = "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
        },
        new("String", SerializeString, ParseStringValue, ParseStringLiteral)
        {
            Description = "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.",
        },
        new("Boolean", SerializeBoolean, ParseBooleanValue, ParseBooleanLiteral)
        {
            Description = "The `Boolean` scalar type represents `true` or `false`.",
        },
        new("ID", SerializeId, ParseIdValue, ParseIdLiteral)
        {
            Description = "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.",
        },
    ];

    private static string Show(object value) => value switch
    {
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Integral value of any CLR number, or null.</summary>
    internal static long? AsInteger(object value) => value switch
    {
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        uint ui => ui,
        ushort us => us,
        ulong ul when ul <= long.MaxValue => (long)ul,
        double d when double.IsFinite(d) && Math.Floor(d) == d && Math.Abs(d) < 9.2e18 => (long)d,
        float f when float.IsFinite(f) && MathF.Floor(f) == f && Math.Abs(f) < 9.2e18f => (long)f,
        decimal m when decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue => (long)m,
        _ => null,
    };

    internal static double? AsDouble(object value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        int or long or short or byte or sbyte or uint or ushort or ulong => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static object SerializeInt(object value)
    {
        if (value is bool b) return b ? 1 : 0;
        var n = AsInteger(value);
        if (n is null && value is string s && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) n = parsed;
        if (n is null) throw new GraphQLCoercionException($"Int cannot represent non-integer value: {Show(value)}");
        if (n is < int.MinValue or > int.MaxValue) throw new GraphQLCoercionException($"Int cannot represent non 32-bit signed integer value: {Show(value)}");
        return (int)n.Value;
    }

    private static object ParseIntValue(object value)
    {
        var n = value is bool ? null : AsInteger(value);
        if (n is null) throw new GraphQLCoercionException($"Int cannot represent non-integer value: {Show(value)}");
        if (n is < int.MinValue or > int.MaxValue) throw new GraphQLCoercionException($"Int cannot represent non 32-bit signed integer value: {Show(value)}");
        return (int)n.Value;
    }

    private static object ParseIntLiteral(ValueNode node)
    {
        if (node is not IntValueNode i) throw new GraphQLCoercionException($"Int cannot represent non-integer value: {AstPrinter.Print(node)}");
        if (!int.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw new GraphQLCoercionException($"Int cannot represent non 32-bit signed integer value: {i.Value}");
        return n;
    }

    private static object SerializeFloat(object value)
    {
        if (value is bool b) return b ? 1.0 : 0.0;
        var d = AsDouble(value);
        if (d is null && value is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) d = parsed;
        if (d is null || !double.IsFinite(d.Value)) throw new GraphQLCoercionException($"Float cannot represent non numeric value: {Show(value)}");
        return d.Value;
    }

    private static object ParseFloatValue(object value)
    {
        var d = value is bool ? null : AsDouble(value);
        if (d is null || !double.IsFinite(d.Value)) throw new GraphQLCoercionException($"Float cannot represent non numeric value: {Show(value)}");
        return d.Value;
    }

    private static object ParseFloatLiteral(ValueNode node)
    {
        var text = node switch { IntValueNode i => i.Value, FloatValueNode f => f.Value, _ => null };
        if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
            throw new GraphQLCoercionException($"Float cannot represent non numeric value: {AstPrinter.Print(node)}");
        return d;
    }

    private static object SerializeString(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        char c => c.ToString(),
        Guid g => g.ToString(),
        Enum e => e.ToString(),
        IFormattable f when AsDouble(value) is { } d && double.IsFinite(d) => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new GraphQLCoercionException($"String cannot represent value: {Show(value)}"),
    };

    private static object ParseStringValue(object value) =>
        value as string ?? throw new GraphQLCoercionException($"String cannot represent a non string value: {Show(value)}");

    private static object ParseStringLiteral(ValueNode node) =>
        (node as StringValueNode)?.Value ?? throw new GraphQLCoercionException($"String cannot represent a non string value: {AstPrinter.Print(node)}");

    private static object SerializeBoolean(object value)
    {
        if (value is bool b) return b;
        if (AsDouble(value) is { } d && double.IsFinite(d)) return d != 0;
        throw new GraphQLCoercionException($"Boolean cannot represent a non boolean value: {Show(value)}");
    }

    private static object ParseBooleanValue(object value) =>
        value is bool b ? b : throw new GraphQLCoercionException($"Boolean cannot represent a non boolean value: {Show(value)}");

    private static object ParseBooleanLiteral(ValueNode node) =>
        node is BooleanValueNode b ? b.Value : throw new GraphQLCoercionException($"Boolean cannot represent a non boolean value: {AstPrinter.Print(node)}");

    private static object SerializeId(object value) => value switch
    {
        string s => s,
        Guid g => g.ToString(),
        _ when value is not bool && AsInteger(value) is { } n => n.ToString(CultureInfo.InvariantCulture),
        _ => throw new GraphQLCoercionException($"ID cannot represent value: {Show(value)}"),
    };

    private static object ParseIdValue(object value) => value switch
    {
        string s => s,
        _ when value is not bool && value is not double and not float && AsInteger(value) is { } n => n.ToString(CultureInfo.InvariantCulture),
        _ => throw new GraphQLCoercionException($"ID cannot represent value: {Show(value)}"),
    };

    private static object ParseIdLiteral(ValueNode node) => node switch
    {
        StringValueNode s => s.Value,
        IntValueNode i => i.Value,
        _ => throw new GraphQLCoercionException($"ID cannot represent a non-string and non-integer value: {AstPrinter.Print(node)}"),
    };
}

/// <summary>Thrown by scalar and input coercion; the message is reported to the client.</summary>
public sealed class GraphQLCoercionException(string message) : Exception(message);
