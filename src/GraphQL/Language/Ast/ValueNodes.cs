namespace Marketplace.GraphQL.Language.Ast;

public abstract class ValueNode : SyntaxNode;

public sealed class VariableNode : ValueNode
{
    public required NameNode Name { get; init; }
    public override SyntaxKind Kind => SyntaxKind.Variable;
}

/// <summary>Integer literal kept as text: the scalar decides the range.</summary>
public sealed class IntValueNode : ValueNode
{
    public required string Value { get; init; }
    public override SyntaxKind Kind => SyntaxKind.IntValue;
}

public sealed class FloatValueNode : ValueNode
{
    public required string Value { get; init; }
    public override SyntaxKind Kind => SyntaxKind.FloatValue;
}

public sealed class StringValueNode : ValueNode
{
    public required string Value { get; init; }
    public bool Block { get; init; }
    public override SyntaxKind Kind => SyntaxKind.StringValue;
}

public sealed class BooleanValueNode : ValueNode
{
    public static readonly BooleanValueNode True = new() { Value = true };
    public static readonly BooleanValueNode False = new() { Value = false };
    public required bool Value { get; init; }
    public override SyntaxKind Kind => SyntaxKind.BooleanValue;
}

public sealed class NullValueNode : ValueNode
{
    public static readonly NullValueNode Instance = new();
    public override SyntaxKind Kind => SyntaxKind.NullValue;
}

public sealed class EnumValueNode : ValueNode
{
    public required string Value { get; init; }
    public override SyntaxKind Kind => SyntaxKind.EnumValue;
}

public sealed class ListValueNode : ValueNode
{
    public required IReadOnlyList<ValueNode> Values { get; init; }
    public override SyntaxKind Kind => SyntaxKind.ListValue;
}

public sealed class ObjectValueNode : ValueNode
{
    public required IReadOnlyList<ObjectFieldNode> Fields { get; init; }
    public override SyntaxKind Kind => SyntaxKind.ObjectValue;
}

public sealed class ObjectFieldNode : SyntaxNode
{
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
    public override SyntaxKind Kind => SyntaxKind.ObjectField;
}

public abstract class TypeNode : SyntaxNode
{
    /// <summary>The innermost named type.</summary>
    public abstract NamedTypeNode NamedType { get; }
}

public sealed class NamedTypeNode : TypeNode
{
    public required NameNode Name { get; init; }
    public override NamedTypeNode NamedType => this;
    public override SyntaxKind Kind => SyntaxKind.NamedType;
    public override string ToString() => Name.Value;
}

public sealed class ListTypeNode : TypeNode
{
    public required TypeNode Type { get; init; }
    public override NamedTypeNode NamedType => Type.NamedType;
    public override SyntaxKind Kind => SyntaxKind.ListType;
    public override string ToString() => $"[{Type}]";
}

public sealed class NonNullTypeNode : TypeNode
{
    public required TypeNode Type { get; init; }
    public override NamedTypeNode NamedType => Type.NamedType;
    public override SyntaxKind Kind => SyntaxKind.NonNullType;
    public override string ToString() => $"{Type}!";
}
