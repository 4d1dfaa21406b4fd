namespace Marketplace.GraphQL.Language.Ast;

public sealed class DocumentNode : SyntaxNode
{
    public required IReadOnlyList<DefinitionNode> Definitions { get; init; }
    /// <summary>The text the document was parsed from (for error messages and caching).</summary>
    public string? Source { get; init; }
    /// <summary>Number of lexical tokens (limits and diagnostics).</summary>
    public int TokenCount { get; init; }
    public override SyntaxKind Kind => SyntaxKind.Document;
}

public abstract class DefinitionNode : SyntaxNode;

/// <summary>Operations and fragments.</summary>
public abstract class ExecutableDefinitionNode : DefinitionNode, IHasDirectives
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public required SelectionSetNode SelectionSet { get; init; }
}

public sealed class OperationDefinitionNode : ExecutableDefinitionNode
{
    public OperationType Operation { get; init; }
    public NameNode? Name { get; init; }
    public IReadOnlyList<VariableDefinitionNode> VariableDefinitions { get; init; } = [];
    public override SyntaxKind Kind => SyntaxKind.OperationDefinition;
}

public sealed class VariableDefinitionNode : SyntaxNode, IHasDirectives
{
    public required VariableNode Variable { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public override SyntaxKind Kind => SyntaxKind.VariableDefinition;
}

public sealed class FragmentDefinitionNode : ExecutableDefinitionNode
{
    public required NameNode Name { get; init; }
    public required NamedTypeNode TypeCondition { get; init; }
    public override SyntaxKind Kind => SyntaxKind.FragmentDefinition;
}

public sealed class SelectionSetNode : SyntaxNode
{
    public required IReadOnlyList<SelectionNode> Selections { get; init; }
    public override SyntaxKind Kind => SyntaxKind.SelectionSet;
}

public abstract class SelectionNode : SyntaxNode, IHasDirectives
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class FieldNode : SelectionNode
{
    public NameNode? Alias { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
    public SelectionSetNode? SelectionSet { get; init; }
    /// <summary>The key of this field in the response: alias if present, else name.</summary>
    public string ResponseKey => Alias?.Value ?? Name.Value;
    public override SyntaxKind Kind => SyntaxKind.Field;
}

public sealed class FragmentSpreadNode : SelectionNode
{
    public required NameNode Name { get; init; }
    public override SyntaxKind Kind => SyntaxKind.FragmentSpread;
}

public sealed class InlineFragmentNode : SelectionNode
{
    public NamedTypeNode? TypeCondition { get; init; }
    public required SelectionSetNode SelectionSet { get; init; }
    public override SyntaxKind Kind => SyntaxKind.InlineFragment;
}
