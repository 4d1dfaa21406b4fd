using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Fragments;

/// <summary>Spec 5.5.1.3: fragments can only condition on objects, interfaces and unions.</summary>
public sealed class FragmentsOnCompositeTypesRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterFragmentDefinition(FragmentDefinitionNode node)
        {
            if (IsNonComposite(node.TypeCondition))
                context.ReportError($"Fragment \"{node.Name.Value}\" cannot condition on non composite type \"{node.TypeCondition.Name.Value}\".", node.TypeCondition);
        }

        public override void EnterInlineFragment(InlineFragmentNode node)
        {
            if (node.TypeCondition is { } condition && IsNonComposite(condition))
                context.ReportError($"Fragment cannot condition on non composite type \"{condition.Name.Value}\".", condition);
        }

        // Unknown types are reported by Fragment Spread Type Existence.
        private bool IsNonComposite(NamedTypeNode condition) =>
            context.Schema.GetType(condition.Name.Value) is { IsCompositeType: false };
    }
}
