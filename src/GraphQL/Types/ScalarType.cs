using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Types;

/// <summary>
/// A leaf type defined by three conversions. Each throws (any exception; its message is reported)
/// when the value is not valid for the scalar.
/// </summary>
public sealed class ScalarType : NamedType
{
    public ScalarType(string name, Func<object, object?> serialize, Func<object, object?> parseValue, Func<ValueNode, object?> parseLiteral)
        : base(name)
    {
        Serialize = serialize;
        ParseValue = parseValue;
        ParseLiteral = parseLiteral;
    }

    public override TypeKind Kind => TypeKind.SCALAR;

    /// <summary>Internal value to a JSON-writable value (string, bool, int, long, double, decimal, lists, dictionaries).</summary>
    public Func<object, object?> Serialize { get; }
    /// <summary>Variable input (string, bool, long/decimal/double, lists, dictionaries) to the internal value.</summary>
    public Func<object, object?> ParseValue { get; }
    /// <summary>Literal in a document (never a variable, never null) to the internal value.</summary>
    public Func<ValueNode, object?> ParseLiteral { get; }
    public string? SpecifiedByUrl { get; internal set; }
    public bool IsBuiltIn => BuiltInScalars.IsBuiltIn(Name);
}
