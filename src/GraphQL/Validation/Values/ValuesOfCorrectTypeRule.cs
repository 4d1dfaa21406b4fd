using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;
using Marketplace.GraphQL.Validation.Support;

namespace Marketplace.GraphQL.Validation.Values;

/// <summary>
/// Spec 5.6.1: every literal can be coerced to the type expected where it stands: scalars through
/// their literal parser (custom scalars included), enum values by name, lists item by item, null
/// only where nullable, and @oneOf input objects with exactly one non-null field. Variables are
/// checked by All Variable Usages Are Allowed. Unknown and missing input object fields have their
/// own rules. A value found wrong is reported once, not again for its parts.
/// </summary>
public sealed class ValuesOfCorrectTypeRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        /// <summary>A value already reported; its inner values are not checked again.</summary>
        private SyntaxNode? _reported;

        public override void Enter(SyntaxNode node)
        {
            if (_reported is not null || node is not ValueNode value || node is VariableNode) return;
            // Entering a list already moved TypeInfo to the item type; the list itself is checked against its parent.
            var expected = node is ListValueNode ? context.TypeInfo.ParentInputType : context.TypeInfo.InputType;
            if (expected is null) return;
            if (!IsValid(value, expected)) _reported = node;
        }

        public override void Leave(SyntaxNode node)
        {
            if (ReferenceEquals(node, _reported)) _reported = null;
        }

        /// <summary>Checks the node itself (children are visited on their own); false when reported.</summary>
        private bool IsValid(ValueNode node, GraphQLType expected)
        {
            if (node is NullValueNode)
            {
                if (!expected.IsNonNull) return true;
                context.ReportError($"Expected value of type \"{expected}\", found null.", node);
                return false;
            }

            var type = expected.Nullable;
            if (node is ListValueNode)
            {
                if (type is ListType) return true;
                return IsValidSingle(node, expected, type);
            }

            // A single value where a list is expected is coerced to a one-item list.
            while (type is ListType list) type = list.OfType.Nullable;
            return IsValidSingle(node, expected, type);
        }

        private bool IsValidSingle(ValueNode node, GraphQLType expected, GraphQLType type)
        {
            switch (type)
            {
                case InputObjectType inputObject:
                    if (node is ObjectValueNode objectValue) return IsValidOneOf(objectValue, inputObject);
                    return Mismatch(node, expected);
                case EnumType enumType:
                    return IsValidEnum(node, enumType);
                case ScalarType scalar:
                    return IsValidScalar(node, expected, scalar);
                default:
                    return Mismatch(node, expected);
            }
        }

        private bool IsValidOneOf(ObjectValueNode node, InputObjectType type)
        {
            if (!type.IsOneOf) return true;
            if (node.Fields.Count != 1)
            {
                context.ReportError($"OneOf Input Object \"{type.Name}\" must specify exactly one key.", node);
                return false;
            }

            var field = node.Fields[0];
            if (field.Value is not NullValueNode) return true;
            context.ReportError($"Field \"{type.Name}.{field.Name.Value}\" must be non-null.", field);
            return false;
        }

        private bool IsValidEnum(ValueNode node, EnumType type)
        {
            if (node is EnumValueNode enumValue)
            {
                if (type.GetValue(enumValue.Value) is not null) return true;
                var hint = Suggestions.DidYouMean(Suggestions.Similar(enumValue.Value, type.Values.Select(v => v.Name)));
                context.ReportError($"Value \"{enumValue.Value}\" does not exist in \"{type.Name}\" enum.{hint}", node);
                return false;
            }

            var text = node is StringValueNode s && type.GetValue(s.Value) is not null
                ? $" Did you mean the enum value \"{s.Value}\"?"
                : "";
            context.ReportError($"Enum \"{type.Name}\" cannot represent non-enum value: {AstPrinter.Print(node)}.{text}", node);
            return false;
        }

        private bool IsValidScalar(ValueNode node, GraphQLType expected, ScalarType scalar)
        {
            object? parsed;
            try
            {
                parsed = scalar.ParseLiteral(node);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Scalars signal bad literals by throwing; the reason is worth showing to the client.
                context.ReportError($"Expected value of type \"{expected}\", found {AstPrinter.Print(node)}; {ClientMessages.Of(ex)}", node);
                return false;
            }

            return parsed is not null || !expected.IsNonNull || Mismatch(node, expected);
        }

        private bool Mismatch(ValueNode node, GraphQLType expected)
        {
            context.ReportError($"Expected value of type \"{expected}\", found {AstPrinter.Print(node)}.", node);
            return false;
        }
    }
}
