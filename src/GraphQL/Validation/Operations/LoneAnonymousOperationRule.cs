using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Operations;

/// <summary>Spec 5.2.2.1: an anonymous operation must be alone, otherwise it cannot be selected.</summary>
public sealed class LoneAnonymousOperationRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterDocument(DocumentNode node)
        {
            var operations = context.Operations.ToList();
            if (operations.Count < 2) return;
            foreach (var operation in operations)
                if (operation.Name is null)
                    context.ReportError("This anonymous operation must be the only defined operation.", operation);
        }
    }
}
