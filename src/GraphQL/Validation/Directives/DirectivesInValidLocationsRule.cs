using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Validation.Support;

namespace Marketplace.GraphQL.Validation.Directives;

/// <summary>Spec 5.7.2: a directive is only used at locations its definition lists.</summary>
public sealed class DirectivesInValidLocationsRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void Enter(SyntaxNode node)
        {
            base.Enter(node);
            if (node is not IHasDirectives { Directives.Count: > 0 } owner || DirectivePlaces.LocationOf(node) is not { } location) return;
            foreach (var directive in owner.Directives)
            {
                if (context.Schema.GetDirective(directive.Name.Value) is not { } definition) continue;
                if (!definition.Locations.Contains(location))
                    context.ReportError($"Directive \"@{definition.Name}\" may not be used on {location}.", directive);
            }
        }
    }
}
