using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Validation.Fields.Merging;

namespace Marketplace.GraphQL.Validation.Fields;

/// <summary>
/// Spec 5.3.2: fields with the same response name must be mergeable (same field and arguments where
/// they can meet, same response shape everywhere). Checked from every operation and every fragment
/// definition, sharing one memo so each distinct field set is examined once per document.
/// </summary>
public sealed class FieldSelectionMergingRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        private readonly FieldMergeChecker _checker = new(context);

        public override void EnterOperationDefinition(OperationDefinitionNode node) =>
            _checker.Check(node.SelectionSet, context.Schema.GetRootType(node.Operation));

        public override void EnterFragmentDefinition(FragmentDefinitionNode node) =>
            _checker.Check(node.SelectionSet, _checker.CompositeType(node.TypeCondition));
    }
}
