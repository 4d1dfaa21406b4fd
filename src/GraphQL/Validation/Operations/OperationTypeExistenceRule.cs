using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Operations;

/// <summary>An operation needs its root type in the schema (e.g. no mutations on a read-only schema).</summary>
public sealed class OperationTypeExistenceRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            if (context.Schema.GetRootType(node.Operation) is not null) return;
            var kind = node.Operation.ToString().ToLowerInvariant();
            context.ReportError($"The schema does not support {kind} operations.", node);
        }
    }
}
