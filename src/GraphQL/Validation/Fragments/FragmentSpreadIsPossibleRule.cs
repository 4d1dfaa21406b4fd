using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;
using Marketplace.GraphQL.Validation.Support;

namespace Marketplace.GraphQL.Validation.Fragments;

/// <summary>Spec 5.5.2.3: a fragment may only be spread where some object could match both types.</summary>
public sealed class FragmentSpreadIsPossibleRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterInlineFragment(InlineFragmentNode node)
        {
            if (node.TypeCondition is null) return;
            if (Impossible(context.TypeInfo.Type?.Named, out var parent, out var fragmentType))
                context.ReportError($"Fragment cannot be spread here as objects of type \"{parent}\" can never be of type \"{fragmentType}\".", node);
        }

        public override void EnterFragmentSpread(FragmentSpreadNode node)
        {
            var fragment = context.GetFragment(node.Name.Value);
            if (fragment is null) return;
            if (Impossible(context.Schema.GetType(fragment.TypeCondition.Name.Value), out var parent, out var fragmentType))
                context.ReportError($"Fragment \"{node.Name.Value}\" cannot be spread here as objects of type \"{parent}\" can never be of type \"{fragmentType}\".", node);
        }

        private bool Impossible(NamedType? fragmentType, out NamedType? parent, out NamedType? fragment)
        {
            parent = context.TypeInfo.ParentType;
            fragment = fragmentType;
            return parent is not null && fragmentType is not null && fragmentType.IsCompositeType()
                && !TypeRelations.Overlap(context.Schema, fragmentType, parent);
        }
    }
}
