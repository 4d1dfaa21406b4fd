using System.Globalization;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.Gateway.Schema;

/// <summary>The contract's custom scalars: Decimal (money) and DateTime (RFC 3339, UTC).</summary>
internal static class Scalars
{
    public static void Bind(SchemaBuilder builder)
    {
        builder.Scalar("Decimal", s => s
            .Serialize(SerializeDecimal)
            .ParseValue(ParseDecimalValue)
            .ParseLiteral(ParseDecimalLiteral));
        builder.Scalar("DateTime", s => s
            .Serialize(SerializeDateTime)
            .ParseValue(v => v is string text ? ParseDateTime(text) : throw new FormatException("DateTime must be an RFC 3339 string."))
            .ParseLiteral(n => n is StringValueNode str ? ParseDateTime(str.Value) : throw new FormatException("DateTime must be an RFC 3339 string.")));
    }

    /// <summary>Money goes out as a string with two decimals so no client parses it as a float.</summary>
    public static object SerializeDecimal(object value) => value switch
    {
        decimal d => FormatMoney(d),
        int or long => FormatMoney(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
        _ => throw new FormatException($"Decimal cannot represent {value.GetType().Name}."),
    };

    public static string FormatMoney(decimal value) =>
        decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Variables: a decimal string or a JSON number; never a float that lost precision.</summary>
    private static object ParseDecimalValue(object value) => value switch
    {
        string text => ParseDecimalText(text),
        long l => (decimal)l,
        int i => (decimal)i,
        decimal d => d,
        // JSON numbers too large for decimal arrive as double: not money.
        double => throw new FormatException("Decimal is out of range."),
        _ => throw new FormatException("Decimal must be a string or a number."),
    };

    private static object ParseDecimalLiteral(ValueNode node) => node switch
    {
        StringValueNode s => ParseDecimalText(s.Value),
        IntValueNode i => ParseDecimalText(i.Value),
        FloatValueNode f => ParseDecimalText(f.Value),
        _ => throw new FormatException("Decimal must be a string or a number."),
    };

    private static decimal ParseDecimalText(string text)
    {
        // Plain decimal notation only: no exponent, no thousands separators, no NaN/Infinity.
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"\"{text}\" is not a decimal number.");
        return value;
    }

    public static object SerializeDateTime(object value) => value switch
    {
        DateTimeOffset dto => FormatDateTime(dto),
        DateTime dt => FormatDateTime(new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc))),
        _ => throw new FormatException($"DateTime cannot represent {value.GetType().Name}."),
    };

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) && text.Contains('T')
            ? value
            : throw new FormatException($"\"{text}\" is not an RFC 3339 date-time.");
}
