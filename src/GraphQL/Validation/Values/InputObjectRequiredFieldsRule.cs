using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Validation.Values;

/// <summary>
/// Spec 5.6.4: non-null input fields without a default must be present in an input object literal
/// (an explicit null there is caught by Values of Correct Type).
/// </summary>
public sealed class InputObjectRequiredFieldsRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterObjectValue(ObjectValueNode node)
        {
            // A single object where a list is expected counts as a one-item list.
            var type = context.TypeInfo.InputType?.Nullable;
            while (type is ListType list) type = list.OfType.Nullable;
            if (type is not InputObjectType inputObject) return;
            foreach (var field in inputObject.Fields)
            {
                if (!field.Type.IsNonNull || field.HasDefaultValue) continue;
                if (node.Fields.Any(f => f.Name.Value == field.Name)) continue;
                context.ReportError($"Field \"{inputObject.Name}.{field.Name}\" of required type \"{field.Type}\" was not provided.", node);
            }
        }
    }
}
