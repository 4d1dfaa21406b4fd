using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Arguments;

/// <summary>Spec 5.4.2: a field or directive gets each argument at most once.</summary>
public sealed class ArgumentUniquenessRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterField(FieldNode node) => Check(node.Arguments);
        public override void EnterDirective(DirectiveNode node) => Check(node.Arguments);

        private void Check(IReadOnlyList<ArgumentNode> arguments)
        {
            if (arguments.Count < 2) return;
            var first = new Dictionary<string, ArgumentNode>(StringComparer.Ordinal);
            foreach (var argument in arguments)
            {
                if (first.TryGetValue(argument.Name.Value, out var earlier))
                    context.ReportError($"There can be only one argument named \"{argument.Name.Value}\".", earlier.Name, argument.Name);
                else first[argument.Name.Value] = argument;
            }
        }
    }
}
