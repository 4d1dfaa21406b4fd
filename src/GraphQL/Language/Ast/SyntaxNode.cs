namespace Marketplace.GraphQL.Language.Ast;

/// <summary>Position of a node in the source text: offsets plus 1-based line and column.</summary>
public readonly record struct Location(int Start, int End, int Line, int Column)
{
    public SourceLocation ToSourceLocation() => new(Line, Column);
}

/// <summary>1-based line and column, as GraphQL errors report them.</summary>
public readonly record struct SourceLocation(int Line, int Column);

/// <summary>
/// Base of every AST node. Nodes are immutable classes (reference identity matters: caches and
/// validation key on the node instance, so value equality would be wrong and slow).
/// </summary>
public abstract class SyntaxNode
{
    public Location Location { get; init; }
    public abstract SyntaxKind Kind { get; }
}

public enum SyntaxKind
{
    Name, Document, OperationDefinition, VariableDefinition, SelectionSet, Field, Argument,
    FragmentSpread, InlineFragment, FragmentDefinition,
    Variable, IntValue, FloatValue, StringValue, BooleanValue, NullValue, EnumValue, ListValue,
    ObjectValue, ObjectField, Directive,
    NamedType, ListType, NonNullType,
    SchemaDefinition, OperationTypeDefinition, ScalarTypeDefinition, ObjectTypeDefinition,
    FieldDefinition, InputValueDefinition, InterfaceTypeDefinition, UnionTypeDefinition,
    EnumTypeDefinition, EnumValueDefinition, InputObjectTypeDefinition, DirectiveDefinition,
    SchemaExtension, ScalarTypeExtension, ObjectTypeExtension, InterfaceTypeExtension,
    UnionTypeExtension, EnumTypeExtension, InputObjectTypeExtension,
}

public enum OperationType { Query, Mutation, Subscription }

public sealed class NameNode : SyntaxNode
{
    public NameNode(string value) => Value = value;
    public string Value { get; }
    public override SyntaxKind Kind => SyntaxKind.Name;
    public override string ToString() => Value;
}

/// <summary>Nodes that may carry directives.</summary>
public interface IHasDirectives
{
    IReadOnlyList<DirectiveNode> Directives { get; }
}

public sealed class DirectiveNode : SyntaxNode
{
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
    public override SyntaxKind Kind => SyntaxKind.Directive;
}

public sealed class ArgumentNode : SyntaxNode
{
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
    public override SyntaxKind Kind => SyntaxKind.Argument;
}
