using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Validation.Support;

namespace Marketplace.GraphQL.Validation.Directives;

/// <summary>Spec 5.7.1: every directive used is defined by the schema.</summary>
public sealed class DirectivesAreDefinedRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterDirective(DirectiveNode node)
        {
            var name = node.Name.Value;
            if (context.Schema.GetDirective(name) is not null) return;
            var hint = Suggestions.DidYouMean(Suggestions.Similar(name, context.Schema.DirectiveList.Select(d => d.Name)).Select(n => "@" + n).ToArray());
            context.ReportError($"Unknown directive \"@{name}\".{hint}", node);
        }
    }
}
