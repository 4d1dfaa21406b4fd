using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Validation.Support;

namespace Marketplace.GraphQL.Validation.Arguments;

/// <summary>Spec 5.4.1: every argument is defined by its field or directive.</summary>
public sealed class ArgumentNamesRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterArgument(ArgumentNode node)
        {
            var typeInfo = context.TypeInfo;
            if (typeInfo.Argument is not null) return;
            var name = node.Name.Value;
            if (typeInfo.InDirective)
            {
                // Unknown directives are reported by their own rule.
                if (typeInfo.Directive is not { } directive) return;
                var hint = Suggestions.DidYouMean(Suggestions.Similar(name, directive.Arguments.Select(a => a.Name)));
                context.ReportError($"Unknown argument \"{name}\" on directive \"@{directive.Name}\".{hint}", node);
            }
            else if (typeInfo.FieldDefinition is { } field && typeInfo.ParentType is { } parent)
            {
                var hint = Suggestions.DidYouMean(Suggestions.Similar(name, field.Arguments.Select(a => a.Name)));
                context.ReportError($"Unknown argument \"{name}\" on field \"{parent.Name}.{field.Name}\".{hint}", node);
            }
        }
    }
}
