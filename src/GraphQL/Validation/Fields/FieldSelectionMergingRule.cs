using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Validation.Fields.Merging;

namespace Marketplace.GraphQL.Validation.Fields;

/// <summary>
/// Spec 5.3.2: fields with the same response name must be mergeable (same field and arguments where
/// they can meet, same response shape everywhere). Checked from every operation and from fragment
/// definitions not already covered, sharing one memo so each distinct field set is examined once per document.
/// </summary>
public sealed class FieldSelectionMergingRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterDocument(DocumentNode node) => new FieldMergeChecker(context).CheckDocument(node);
    }
}
