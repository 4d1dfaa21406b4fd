using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Validation.Support;

/// <summary>The directive location a node with directives corresponds to.</summary>
internal static class DirectivePlaces
{
    public static DirectiveLocation? LocationOf(SyntaxNode node) => node switch
    {
        OperationDefinitionNode { Operation: OperationType.Query } => DirectiveLocation.QUERY,
        OperationDefinitionNode { Operation: OperationType.Mutation } => DirectiveLocation.MUTATION,
        OperationDefinitionNode => DirectiveLocation.SUBSCRIPTION,
        FieldNode => DirectiveLocation.FIELD,
        FragmentSpreadNode => DirectiveLocation.FRAGMENT_SPREAD,
        InlineFragmentNode => DirectiveLocation.INLINE_FRAGMENT,
        FragmentDefinitionNode => DirectiveLocation.FRAGMENT_DEFINITION,
        VariableDefinitionNode => DirectiveLocation.VARIABLE_DEFINITION,
        _ => null,
    };
}
