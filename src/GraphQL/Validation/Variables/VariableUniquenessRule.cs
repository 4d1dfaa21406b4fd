using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Variables;

/// <summary>Spec 5.8.1: an operation defines each variable once.</summary>
public sealed class VariableUniquenessRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            var first = new Dictionary<string, VariableNode>(StringComparer.Ordinal);
            foreach (var definition in node.VariableDefinitions)
            {
                var variable = definition.Variable;
                if (first.TryGetValue(variable.Name.Value, out var earlier))
                    context.ReportError($"There can be only one variable named \"${variable.Name.Value}\".", earlier, variable);
                else first[variable.Name.Value] = variable;
            }
        }
    }
}
