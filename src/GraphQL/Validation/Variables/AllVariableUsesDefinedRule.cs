using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Variables;

/// <summary>Spec 5.8.3: every variable used by an operation (in it or any fragment it reaches) is defined by it.</summary>
public sealed class AllVariableUsesDefinedRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            var defined = node.VariableDefinitions.Select(d => d.Variable.Name.Value).ToHashSet(StringComparer.Ordinal);
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var usage in context.GetRecursiveVariableUsages(node))
            {
                var name = usage.Node.Name.Value;
                if (defined.Contains(name) || !reported.Add(name)) continue;
                var message = node.Name is null
                    ? $"Variable \"${name}\" is not defined."
                    : $"Variable \"${name}\" is not defined by operation \"{node.Name.Value}\".";
                context.ReportError(message, usage.Node, node);
            }
        }
    }
}
