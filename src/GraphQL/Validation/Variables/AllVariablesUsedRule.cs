using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Variables;

/// <summary>Spec 5.8.4: every variable an operation defines is used by it or a fragment it reaches.</summary>
public sealed class AllVariablesUsedRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            if (node.VariableDefinitions.Count == 0) return;
            var used = context.GetRecursiveVariableUsages(node).Select(u => u.Node.Name.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var definition in node.VariableDefinitions)
            {
                var name = definition.Variable.Name.Value;
                if (used.Contains(name)) continue;
                var message = node.Name is null
                    ? $"Variable \"${name}\" is never used."
                    : $"Variable \"${name}\" is never used in operation \"{node.Name.Value}\".";
                context.ReportError(message, definition);
            }
        }
    }
}
