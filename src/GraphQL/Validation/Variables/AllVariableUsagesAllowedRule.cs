using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Validation.Variables;

/// <summary>
/// Spec 5.8.5 (IsVariableUsageAllowed): a variable's type fits every place it is used. A nullable
/// variable may stand in a non-null place only when the variable has a non-null default or the
/// place has a default; a field of a @oneOf input object counts as a non-null place.
/// </summary>
public sealed class AllVariableUsagesAllowedRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            var definitions = new Dictionary<string, VariableDefinitionNode>(StringComparer.Ordinal);
            foreach (var definition in node.VariableDefinitions) definitions.TryAdd(definition.Variable.Name.Value, definition);

            foreach (var usage in context.GetRecursiveVariableUsages(node))
            {
                if (usage.Type is not { } locationType || !definitions.TryGetValue(usage.Node.Name.Value, out var definition)) continue;
                // Unknown or non-input variable types are reported by Variables Are Input Types.
                if (context.Schema.FromTypeNode(definition.Type) is not { IsInputType: true } variableType) continue;
                var name = usage.Node.Name.Value;

                if (IsAllowed(variableType, definition, usage, locationType)) continue;
                if (usage.OneOfObject is { } oneOf && !variableType.IsNonNull)
                    context.ReportError($"Variable \"${name}\" is of type \"{variableType}\" but must be non-nullable to be used for OneOf Input Object \"{oneOf.Name}\".", definition, usage.Node);
                else
                    context.ReportError($"Variable \"${name}\" of type \"{variableType}\" used in position expecting type \"{locationType}\".", definition, usage.Node);
            }
        }

        private bool IsAllowed(GraphQLType variableType, VariableDefinitionNode definition, VariableUsage usage, GraphQLType locationType)
        {
            var nonNullPosition = locationType.IsNonNull || usage.OneOfObject is not null;
            if (nonNullPosition && variableType is not NonNullType)
            {
                var hasNonNullVariableDefault = definition.DefaultValue is not null and not NullValueNode;
                if (!hasNonNullVariableDefault && !usage.HasLocationDefault) return false;
                return TypeComparisons.IsSubtype(context.Schema, variableType, locationType.Nullable);
            }

            return TypeComparisons.IsSubtype(context.Schema, variableType, locationType);
        }
    }
}
