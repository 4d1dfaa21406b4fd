using Marketplace.GraphQL.Validation.Variables;
using static Marketplace.GraphQL.Tests.Validation.ValidationAssert;

namespace Marketplace.GraphQL.Tests.Validation;

public sealed class VariableRulesTests
{
    private static readonly AllVariableUsagesAllowedRule Usages = new();

    [Fact]
    public void Same_variable_name_in_different_operations_is_valid() =>
        Valid(new VariableUniquenessRule(), """
            query A($atOtherHomes: Boolean) {
              ...HouseTrainedFragment
            }

            query B($atOtherHomes: Boolean) {
              ...HouseTrainedFragment
            }

            fragment HouseTrainedFragment on Query {
              dog {
                isHouseTrained(atOtherHomes: $atOtherHomes)
              }
            }
            """);

    [Fact]
    public void Duplicate_variables_are_rejected() =>
        Invalid(new VariableUniquenessRule(), """
            query houseTrainedQuery($atOtherHomes: Boolean, $atOtherHomes: Boolean) {
              dog {
                isHouseTrained(atOtherHomes: $atOtherHomes)
              }
            }
            """,
            Error("There can be only one variable named \"$atOtherHomes\".", (1, 25), (1, 49)));

    [Fact]
    public void Input_typed_variables_are_valid() =>
        Valid(new VariablesAreInputTypesRule(), """
            query takesBoolean($atOtherHomes: Boolean) { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }
            query takesComplexInput($search: FindDogInput) { findDog(searchBy: $search) { name } }
            query TakesListOfBooleanBang($booleans: [Boolean!]) { booleanList(booleanListArg: $booleans) }
            """);

    [Fact]
    public void Output_typed_and_unknown_variables_are_rejected() =>
        Invalid(new VariablesAreInputTypesRule(), """
            query takesCat($cat: Cat) { dog { name } }
            query takesDogBang($dog: Dog!) { dog { name } }
            query takesListOfPet($pets: [Pet]) { dog { name } }
            query takesCatOrDog($catOrDog: CatOrDog) { dog { name } }
            query unknown($x: Strin) { dog { name } }
            """,
            Error("Variable \"$cat\" cannot be non-input type \"Cat\".", (1, 22)),
            Error("Variable \"$dog\" cannot be non-input type \"Dog!\".", (2, 26)),
            Error("Variable \"$pets\" cannot be non-input type \"[Pet]\".", (3, 29)),
            Error("Variable \"$catOrDog\" cannot be non-input type \"CatOrDog\".", (4, 32)),
            Error("Unknown type \"Strin\". Did you mean \"String\"?", (5, 19)));

    [Fact]
    public void Variables_defined_for_every_operation_using_a_fragment_are_valid() =>
        Valid(new AllVariableUsesDefinedRule(), """
            query variableIsDefinedUsedInSingleFragment($atOtherHomes: Boolean) {
              dog {
                ...isHouseTrainedFragment
              }
            }

            fragment isHouseTrainedFragment on Dog {
              isHouseTrained(atOtherHomes: $atOtherHomes)
            }
            """);

    [Fact]
    public void Variables_undefined_in_one_of_the_operations_are_rejected() =>
        Invalid(new AllVariableUsesDefinedRule(), """
            query housetrainedQueryOne($atOtherHomes: Boolean) {
              dog {
                ...isHouseTrainedFragment
              }
            }

            query housetrainedQueryTwoNotDefined {
              dog {
                ...isHouseTrainedFragment
              }
            }

            fragment isHouseTrainedFragment on Dog {
              isHouseTrained(atOtherHomes: $atOtherHomes)
            }
            { dog { isHouseTrained(atOtherHomes: $x) } }
            """,
            Error("Variable \"$atOtherHomes\" is not defined by operation \"housetrainedQueryTwoNotDefined\".", (14, 32), (7, 1)),
            Error("Variable \"$x\" is not defined.", (16, 38), (16, 1)));

    [Fact]
    public void Variables_used_through_fragments_are_valid() =>
        Valid(new AllVariablesUsedRule(), """
            query variableUsedInFragment($atOtherHomes: Boolean) {
              dog {
                ...isHouseTrainedFragment
              }
            }

            fragment isHouseTrainedFragment on Dog {
              isHouseTrained(atOtherHomes: $atOtherHomes)
            }
            """);

    [Fact]
    public void Unused_variables_are_rejected() =>
        Invalid(new AllVariablesUsedRule(), """
            query variableUnused($atOtherHomes: Boolean) {
              dog {
                isHouseTrained
              }
            }
            query ($x: Int) { dog { name } }
            """,
            Error("Variable \"$atOtherHomes\" is never used in operation \"variableUnused\".", (1, 22)),
            Error("Variable \"$x\" is never used.", (6, 8)));

    [Fact]
    public void Compatible_variable_usages_are_valid() =>
        Valid(Usages, """
            query nonNullListToList($nonNullBooleanList: [Boolean]!) {
              arguments { booleanListArgField(booleanListArg: $nonNullBooleanList) }
            }
            query booleanArgQueryWithDefault($booleanArg: Boolean) {
              arguments { optionalNonNullBooleanArgField(optionalBooleanArg: $booleanArg) }
            }
            query booleanArgQueryWithVariableDefault($booleanArg: Boolean = true) {
              arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) }
            }
            query itemInList($b: Boolean!) { booleanList(booleanListArg: [$b]) }
            mutation oneOfNonNull($dog: DogInput!) { addPet(pet: { dog: $dog }) { name } }
            mutation wholeOneOf($pet: PetInput!) { addPet(pet: $pet) { name } }
            """);

    [Fact]
    public void Incompatible_variable_usages_are_rejected() =>
        Invalid(Usages, """
            query intCannotGoIntoBoolean($intArg: Int) {
              arguments { booleanArgField(booleanArg: $intArg) }
            }
            query booleanListCannotGoIntoBoolean($booleanListArg: [Boolean]) {
              arguments { booleanArgField(booleanArg: $booleanListArg) }
            }
            query booleanArgQuery($booleanArg: Boolean) {
              arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) }
            }
            query listToNonNullList($booleanList: [Boolean]) {
              arguments { nonNullListOfBooleans(list: $booleanList) }
            }
            query nullDefaultDoesNotHelp($booleanArg: Boolean = null) {
              arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) }
            }
            """,
            Error("Variable \"$intArg\" of type \"Int\" used in position expecting type \"Boolean\".", (1, 30), (2, 43)),
            Error("Variable \"$booleanListArg\" of type \"[Boolean]\" used in position expecting type \"Boolean\".", (4, 38), (5, 43)),
            Error("Variable \"$booleanArg\" of type \"Boolean\" used in position expecting type \"Boolean!\".", (7, 23), (8, 57)),
            Error("Variable \"$booleanList\" of type \"[Boolean]\" used in position expecting type \"[Boolean!]!\".", (10, 25), (11, 43)),
            Error("Variable \"$booleanArg\" of type \"Boolean\" used in position expecting type \"Boolean!\".", (13, 30), (14, 57)));

    [Fact]
    public void Nullable_variable_in_a_oneOf_field_is_rejected_even_inside_lists() =>
        Invalid(Usages, """
            mutation addPet($cat: CatInput, $dog: DogInput) {
              addPet(pet: { cat: $cat }) { name }
              addPets(pets: [{ dog: $dog }]) { name }
            }
            """,
            Error("Variable \"$cat\" is of type \"CatInput\" but must be non-nullable to be used for OneOf Input Object \"PetInput\".", (1, 17), (2, 22)),
            Error("Variable \"$dog\" is of type \"DogInput\" but must be non-nullable to be used for OneOf Input Object \"PetInput\".", (1, 33), (3, 25)));

    [Fact]
    public void Variable_usages_inside_fragments_are_checked_per_operation() =>
        Invalid(Usages, """
            query ok($atOtherHomes: Boolean) { dog { ...F } }
            query bad($atOtherHomes: Int) { dog { ...F } }
            fragment F on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }
            """,
            Error("Variable \"$atOtherHomes\" of type \"Int\" used in position expecting type \"Boolean\".", (2, 11), (3, 50)));
}
