using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Values;

/// <summary>Spec 5.6.3: an input object literal names each field at most once.</summary>
public sealed class InputObjectFieldUniquenessRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterObjectValue(ObjectValueNode node)
        {
            if (node.Fields.Count < 2) return;
            var first = new Dictionary<string, NameNode>(StringComparer.Ordinal);
            foreach (var field in node.Fields)
            {
                if (first.TryGetValue(field.Name.Value, out var earlier))
                    context.ReportError($"There can be only one input field named \"{field.Name.Value}\".", earlier, field.Name);
                else first[field.Name.Value] = field.Name;
            }
        }
    }
}
