using System.Collections.ObjectModel;
using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Validation.Arguments;
using Marketplace.GraphQL.Validation.Directives;
using Marketplace.GraphQL.Validation.Documents;
using Marketplace.GraphQL.Validation.Fields;
using Marketplace.GraphQL.Validation.Fragments;
using Marketplace.GraphQL.Validation.Operations;
using Marketplace.GraphQL.Validation.Values;
using Marketplace.GraphQL.Validation.Variables;

namespace Marketplace.GraphQL.Validation;

/// <summary>
/// The rules of spec section 5 (September 2025), in spec order. Rules are stateless (state lives in
/// the visitor each creates per document), so one shared read-only list is safe.
/// </summary>
public static class SpecifiedRules
{
    public static IReadOnlyList<IValidationRule> All { get; } = new ReadOnlyCollection<IValidationRule>(
    [
        new ExecutableDefinitionsRule(),
        new OperationTypeExistenceRule(),
        new OperationNameUniquenessRule(),
        new LoneAnonymousOperationRule(),
        new SubscriptionSingleRootFieldRule(),
        new FieldSelectionsRule(),
        new FieldSelectionMergingRule(),
        new LeafFieldSelectionsRule(),
        new ArgumentNamesRule(),
        new ArgumentUniquenessRule(),
        new RequiredArgumentsRule(),
        new FragmentNameUniquenessRule(),
        new FragmentSpreadTypeExistenceRule(),
        new FragmentsOnCompositeTypesRule(),
        new FragmentsMustBeUsedRule(),
        new FragmentSpreadTargetDefinedRule(),
        new FragmentSpreadsMustNotFormCyclesRule(),
        new FragmentSpreadIsPossibleRule(),
        new ValuesOfCorrectTypeRule(),
        new InputObjectFieldNamesRule(),
        new InputObjectFieldUniquenessRule(),
        new InputObjectRequiredFieldsRule(),
        new DirectivesAreDefinedRule(),
        new DirectivesInValidLocationsRule(),
        new DirectivesAreUniquePerLocationRule(),
        new VariableUniquenessRule(),
        new VariablesAreInputTypesRule(),
        new AllVariableUsesDefinedRule(),
        new AllVariablesUsedRule(),
        new AllVariableUsagesAllowedRule(),
    ]);

    /// <summary>Validates <paramref name="document"/> against all specified rules.</summary>
    public static IReadOnlyList<Execution.GraphQLError> Validate(Types.Schema schema, Language.Ast.DocumentNode document, int maxErrors = 100) =>
        DocumentValidator.Validate(schema, document, All, maxErrors);
}
