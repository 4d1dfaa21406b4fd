using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Validation.Arguments;

/// <summary>
/// Spec 5.4.2.1: non-null arguments without a default must be given (an explicit null is caught by
/// Values of Correct Type).
/// </summary>
public sealed class RequiredArgumentsRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterField(FieldNode node)
        {
            if (context.TypeInfo.FieldDefinition is not { } field) return;
            foreach (var missing in Missing(field.Arguments, node.Arguments))
                context.ReportError($"Field \"{field.Name}\" argument \"{missing.Name}\" of type \"{missing.Type}\" is required, but it was not provided.", node);
        }

        public override void EnterDirective(DirectiveNode node)
        {
            if (context.TypeInfo.Directive is not { } directive) return;
            foreach (var missing in Missing(directive.Arguments, node.Arguments))
                context.ReportError($"Directive \"@{directive.Name}\" argument \"{missing.Name}\" of type \"{missing.Type}\" is required, but it was not provided.", node);
        }

        private static IEnumerable<InputValueDefinition> Missing(IReadOnlyList<InputValueDefinition> definitions, IReadOnlyList<ArgumentNode> given) =>
            definitions.Where(d => d.Type.IsNonNull && !d.HasDefaultValue && !given.Any(a => a.Name.Value == d.Name));
    }
}
