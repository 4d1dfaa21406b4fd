using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Fragments;

/// <summary>Spec 5.5.1.1: fragment names are unique, so a spread names exactly one fragment.</summary>
public sealed class FragmentNameUniquenessRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        private readonly Dictionary<string, NameNode> _first = new(StringComparer.Ordinal);

        public override void EnterFragmentDefinition(FragmentDefinitionNode node)
        {
            var name = node.Name;
            if (_first.TryGetValue(name.Value, out var earlier))
                context.ReportError($"There can be only one fragment named \"{name.Value}\".", earlier, name);
            else _first[name.Value] = name;
        }
    }
}
