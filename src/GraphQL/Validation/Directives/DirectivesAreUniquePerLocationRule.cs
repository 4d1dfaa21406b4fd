using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Directives;

/// <summary>Spec 5.7.3: a non-repeatable directive appears at most once at each location.</summary>
public sealed class DirectivesAreUniquePerLocationRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void Enter(SyntaxNode node)
        {
            base.Enter(node);
            if (node is not IHasDirectives { Directives.Count: > 1 } owner) return;
            var first = new Dictionary<string, DirectiveNode>(StringComparer.Ordinal);
            foreach (var directive in owner.Directives)
            {
                var name = directive.Name.Value;
                // Unknown directives are reported elsewhere; repeating them would only add noise.
                if (context.Schema.GetDirective(name) is not { IsRepeatable: false }) continue;
                if (first.TryGetValue(name, out var earlier))
                    context.ReportError($"The directive \"@{name}\" can only be used once at this location.", earlier, directive);
                else first[name] = directive;
            }
        }
    }
}
