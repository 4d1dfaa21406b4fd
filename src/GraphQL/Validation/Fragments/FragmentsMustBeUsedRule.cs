using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Fragments;

/// <summary>Spec 5.5.1.4: every fragment is reachable from some operation of the document.</summary>
public sealed class FragmentsMustBeUsedRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void LeaveDocument(DocumentNode node)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var operation in context.Operations)
                foreach (var fragment in context.GetRecursivelyReferencedFragments(operation))
                    used.Add(fragment.Name.Value);
            foreach (var fragment in node.Definitions.OfType<FragmentDefinitionNode>())
                if (!used.Contains(fragment.Name.Value))
                    context.ReportError($"Fragment \"{fragment.Name.Value}\" is never used.", fragment);
        }
    }
}
