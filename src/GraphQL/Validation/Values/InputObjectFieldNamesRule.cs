using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;
using Marketplace.GraphQL.Validation.Support;

namespace Marketplace.GraphQL.Validation.Values;

/// <summary>Spec 5.6.2: every field of an input object literal is defined by the input type.</summary>
public sealed class InputObjectFieldNamesRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterObjectField(ObjectFieldNode node)
        {
            // The walker has entered the field: the enclosing object's type is the parent input type.
            if (context.TypeInfo.ParentInputType?.Named is not InputObjectType type || type.GetField(node.Name.Value) is not null) return;
            var hint = Suggestions.DidYouMean(Suggestions.Similar(node.Name.Value, type.Fields.Select(f => f.Name)));
            context.ReportError($"Field \"{node.Name.Value}\" is not defined by type \"{type.Name}\".{hint}", node);
        }
    }
}
