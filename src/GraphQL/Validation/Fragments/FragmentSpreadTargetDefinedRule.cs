using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Fragments;

/// <summary>Spec 5.5.2.1: every spread names a fragment defined in the document.</summary>
public sealed class FragmentSpreadTargetDefinedRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterFragmentSpread(FragmentSpreadNode node)
        {
            if (context.GetFragment(node.Name.Value) is null)
                context.ReportError($"Unknown fragment \"{node.Name.Value}\".", node.Name);
        }
    }
}
