using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Validation.Fields;

/// <summary>Spec 5.3.3: scalar and enum fields take no selection; object, interface and union fields need one.</summary>
public sealed class LeafFieldSelectionsRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterField(FieldNode node)
        {
            if (context.TypeInfo.Type is not { } type) return;
            var name = node.Name.Value;
            if (type.IsLeafType && node.SelectionSet is { } selection)
                context.ReportError($"Field \"{name}\" must not have a selection since type \"{type}\" has no subfields.", selection);
            else if (type.IsCompositeType && node.SelectionSet is null)
                context.ReportError($"Field \"{name}\" of type \"{type}\" must have a selection of subfields. Did you mean \"{name} {{ ... }}\"?", node);
        }
    }
}
