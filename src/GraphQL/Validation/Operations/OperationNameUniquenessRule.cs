using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Operations;

/// <summary>Spec 5.2.1.1: named operations have distinct names (the client picks one by name).</summary>
public sealed class OperationNameUniquenessRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterDocument(DocumentNode node)
        {
            var first = new Dictionary<string, NameNode>(StringComparer.Ordinal);
            foreach (var operation in context.Operations)
            {
                if (operation.Name is not { } name) continue;
                if (first.TryGetValue(name.Value, out var earlier))
                    context.ReportError($"There can be only one operation named \"{name.Value}\".", earlier, name);
                else first[name.Value] = name;
            }
        }
    }
}
