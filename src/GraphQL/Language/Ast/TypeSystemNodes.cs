namespace Marketplace.GraphQL.Language.Ast;

public abstract class TypeSystemDefinitionNode : DefinitionNode, IHasDirectives
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class SchemaDefinitionNode : TypeSystemDefinitionNode
{
    public StringValueNode? Description { get; init; }
    public required IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; }
    public override SyntaxKind Kind => SyntaxKind.SchemaDefinition;
}

public sealed class SchemaExtensionNode : TypeSystemDefinitionNode
{
    public IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; } = [];
    public override SyntaxKind Kind => SyntaxKind.SchemaExtension;
}

public sealed class OperationTypeDefinitionNode : SyntaxNode
{
    public OperationType Operation { get; init; }
    public required NamedTypeNode Type { get; init; }
    public override SyntaxKind Kind => SyntaxKind.OperationTypeDefinition;
}

/// <summary>Type definitions and type extensions share name, directives and (for definitions) a description.</summary>
public abstract class TypeDefinitionNode : TypeSystemDefinitionNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    /// <summary>True for "extend type ..." forms.</summary>
    public abstract bool IsExtension { get; }
}

public sealed class ScalarTypeDefinitionNode : TypeDefinitionNode
{
    public bool Extension { get; init; }
    public override bool IsExtension => Extension;
    public override SyntaxKind Kind => Extension ? SyntaxKind.ScalarTypeExtension : SyntaxKind.ScalarTypeDefinition;
}

public sealed class ObjectTypeDefinitionNode : TypeDefinitionNode
{
    public bool Extension { get; init; }
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
    public override bool IsExtension => Extension;
    public override SyntaxKind Kind => Extension ? SyntaxKind.ObjectTypeExtension : SyntaxKind.ObjectTypeDefinition;
}

public sealed class InterfaceTypeDefinitionNode : TypeDefinitionNode
{
    public bool Extension { get; init; }
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
    public override bool IsExtension => Extension;
    public override SyntaxKind Kind => Extension ? SyntaxKind.InterfaceTypeExtension : SyntaxKind.InterfaceTypeDefinition;
}

public sealed class UnionTypeDefinitionNode : TypeDefinitionNode
{
    public bool Extension { get; init; }
    public IReadOnlyList<NamedTypeNode> Types { get; init; } = [];
    public override bool IsExtension => Extension;
    public override SyntaxKind Kind => Extension ? SyntaxKind.UnionTypeExtension : SyntaxKind.UnionTypeDefinition;
}

public sealed class EnumTypeDefinitionNode : TypeDefinitionNode
{
    public bool Extension { get; init; }
    public IReadOnlyList<EnumValueDefinitionNode> Values { get; init; } = [];
    public override bool IsExtension => Extension;
    public override SyntaxKind Kind => Extension ? SyntaxKind.EnumTypeExtension : SyntaxKind.EnumTypeDefinition;
}

public sealed class InputObjectTypeDefinitionNode : TypeDefinitionNode
{
    public bool Extension { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Fields { get; init; } = [];
    public override bool IsExtension => Extension;
    public override SyntaxKind Kind => Extension ? SyntaxKind.InputObjectTypeExtension : SyntaxKind.InputObjectTypeDefinition;
}

public sealed class FieldDefinitionNode : SyntaxNode, IHasDirectives
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];
    public required TypeNode Type { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public override SyntaxKind Kind => SyntaxKind.FieldDefinition;
}

/// <summary>Argument definitions and input object fields.</summary>
public sealed class InputValueDefinitionNode : SyntaxNode, IHasDirectives
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public override SyntaxKind Kind => SyntaxKind.InputValueDefinition;
}

public sealed class EnumValueDefinitionNode : SyntaxNode, IHasDirectives
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public override SyntaxKind Kind => SyntaxKind.EnumValueDefinition;
}

public sealed class DirectiveDefinitionNode : TypeSystemDefinitionNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];
    public bool Repeatable { get; init; }
    public required IReadOnlyList<NameNode> Locations { get; init; }
    public override SyntaxKind Kind => SyntaxKind.DirectiveDefinition;
}
