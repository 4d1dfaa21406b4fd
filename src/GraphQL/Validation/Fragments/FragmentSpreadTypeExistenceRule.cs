using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Validation.Support;

namespace Marketplace.GraphQL.Validation.Fragments;

/// <summary>Spec 5.5.1.2: type conditions of fragments and inline fragments name types of the schema.</summary>
public sealed class FragmentSpreadTypeExistenceRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterFragmentDefinition(FragmentDefinitionNode node) => Check(node.TypeCondition);

        public override void EnterInlineFragment(InlineFragmentNode node)
        {
            if (node.TypeCondition is { } condition) Check(condition);
        }

        private void Check(NamedTypeNode condition)
        {
            var name = condition.Name.Value;
            if (context.Schema.GetType(name) is not null) return;
            var hint = Suggestions.DidYouMean(Suggestions.Similar(name, context.Schema.TypeList.Where(t => !t.IsIntrospectionType).Select(t => t.Name)));
            context.ReportError($"Unknown type \"{name}\".{hint}", condition);
        }
    }
}
