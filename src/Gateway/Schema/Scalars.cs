using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.Gateway.Schema;

/// <summary>The contract's custom scalars: Decimal (money) and DateTime (RFC 3339, UTC).</summary>
internal static partial class Scalars
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
        DateTime dt => FormatDateTime(dt.Kind == DateTimeKind.Local ? new DateTimeOffset(dt) : new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc))),
        _ => throw new FormatException($"DateTime cannot represent {value.GetType().Name}."),
    };

    /// <summary>
    /// RFC 3339 in UTC with milliseconds, always three digits: <c>2026-11-21T08:30:00.000Z</c>. Front ends
    /// (JavaScript Date, most date libraries) keep milliseconds; more digits are noise to them. Truncated, not
    /// rounded, so a time is never written later than it happened.
    /// </summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// RFC 3339 date-times, read leniently: 't' / 'z' in either case or a space between date and time (RFC
    /// 3339 5.6), any number of fraction digits (beyond 100 ns they are dropped), an offset with or without
    /// its colon, seconds left out (an HTML datetime-local value), and no offset at all meaning UTC.
    /// </summary>
    internal static DateTimeOffset ParseDateTime(string text)
    {
        var match = DateTimePattern().Match(text);
        if (!match.Success) throw new FormatException($"\"{text}\" is not an RFC 3339 date-time (e.g. \"2026-11-21T08:30:00Z\").");
        try
        {
            int Part(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
            var seconds = match.Groups["s"].Success ? Part("s") : 0;
            // A leap second (23:59:60) is held as the last tick of its minute.
            var leap = seconds == 60;
            var local = new DateTime(Part("y"), Part("M"), Part("d"), Part("h"), Part("m"), leap ? 59 : seconds, DateTimeKind.Unspecified);
            var fraction = match.Groups["f"].Value;
            if (fraction.Length > 0) local = local.AddTicks(long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture));
            if (leap) local = local.AddTicks(TimeSpan.TicksPerSecond - 1 - local.Ticks % TimeSpan.TicksPerSecond);
            var offset = TimeSpan.Zero;
            if (match.Groups["oh"].Success)
            {
                offset = new TimeSpan(Part("oh"), match.Groups["om"].Success ? Part("om") : 0, 0);
                if (offset.TotalHours >= 24 || match.Groups["om"].Success && Part("om") > 59) throw new FormatException();
                if (match.Groups["sign"].Value == "-") offset = -offset;
            }
            return new DateTimeOffset(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc));
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or FormatException or OverflowException)
        {
            throw new FormatException($"\"{text}\" is not a valid date-time: a part is out of range.");
        }
    }

    [GeneratedRegex(@"^\s*(?<y>[0-9]{4})-(?<M>[0-9]{2})-(?<d>[0-9]{2})[Tt ](?<h>[0-9]{2}):(?<m>[0-9]{2})(?::(?<s>[0-9]{2})(?:[.,](?<f>[0-9]+))?)?\s*(?:[Zz]|(?<sign>[+-])(?<oh>[0-9]{2})(?::?(?<om>[0-9]{2}))?)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();
}
