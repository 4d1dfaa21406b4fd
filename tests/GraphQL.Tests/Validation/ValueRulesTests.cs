using Marketplace.GraphQL.Validation.Values;
using static Marketplace.GraphQL.Tests.Validation.ValidationAssert;

namespace Marketplace.GraphQL.Tests.Validation;

public sealed class ValueRulesTests
{
    private static readonly ValuesOfCorrectTypeRule Values = new();

    [Fact]
    public void Coercible_literals_are_valid() =>
        Valid(Values, """
            fragment goodBooleanArg on Arguments {
              booleanArgField(booleanArg: true)
            }

            fragment coercedIntIntoFloatArg on Arguments {
              floatArgField(floatArg: 123)
            }

            query goodComplexDefaultValue($search: FindDogInput = { name: "Fido" }) {
              findDog(searchBy: $search) { name }
            }

            query lists {
              arguments { booleanListArgField(booleanListArg: [true, null]) single: booleanListArgField(booleanListArg: false) }
              booleanList(booleanListArg: true)
              dog { doesKnowCommand(dogCommand: HEEL) }
              priceOf(price: "12.50")
              other: priceOf(price: 3)
            }

            mutation addPet($dog: DogInput!) {
              addPet(pet: { dog: $dog }) { name }
              more: addPets(pets: [{ cat: { name: "Brontie" } }, { dog: { name: "Rex" } }]) { name }
            }
            """);

    [Fact]
    public void Non_coercible_scalars_are_rejected_with_the_scalar_reason() =>
        Invalid(Values, """
            fragment stringIntoInt on Arguments {
              intArgField(intArg: "123")
            }

            query badComplexValue {
              findDog(searchBy: { name: 123 }) {
                name
              }
            }
            """,
            Error("Expected value of type \"Int\", found \"123\"; Int cannot represent non-integer value: \"123\"", (2, 23)),
            Error("Expected value of type \"String\", found 123; String cannot represent a non string value: 123", (6, 29)));

    [Fact]
    public void Custom_scalar_literal_parsing_decides_validity() =>
        Invalid(Values, """
            {
              priceOf(price: "-1")
              again: priceOf(price: true)
            }
            """,
            Error("Expected value of type \"Price!\", found \"-1\"; Price cannot be negative.", (2, 18)),
            Error("Expected value of type \"Price!\", found true; Price must be a string or a number.", (3, 25)));

    [Fact]
    public void Null_is_rejected_where_non_null_is_required() =>
        Invalid(Values, """
            {
              arguments {
                nonNullBooleanArgField(nonNullBooleanArg: null)
                nonNullListOfBooleans(list: [true, null])
              }
            }
            """,
            Error("Expected value of type \"Boolean!\", found null.", (3, 47)),
            Error("Expected value of type \"Boolean!\", found null.", (4, 40)));

    [Fact]
    public void Enum_values_must_exist_and_be_enum_literals() =>
        Invalid(Values, """
            {
              dog {
                a: doesKnowCommand(dogCommand: JUMP)
                b: doesKnowCommand(dogCommand: "SIT")
                c: doesKnowCommand(dogCommand: SITT)
              }
            }
            """,
            Error("Value \"JUMP\" does not exist in \"DogCommand\" enum.", (3, 36)),
            Error("Enum \"DogCommand\" cannot represent non-enum value: \"SIT\". Did you mean the enum value \"SIT\"?", (4, 36)),
            Error("Value \"SITT\" does not exist in \"DogCommand\" enum. Did you mean \"SIT\"?", (5, 36)));

    [Fact]
    public void A_list_where_a_single_value_is_expected_is_reported_once() =>
        Invalid(Values, """
            {
              arguments { intArgField(intArg: [1, "two"]) }
              dog { name: doesKnowCommand(dogCommand: {x: SIT}) }
            }
            """,
            Error("Expected value of type \"Int\", found [1, \"two\"]; Int cannot represent non-integer value: [1, \"two\"]", (2, 35)),
            Error("Enum \"DogCommand\" cannot represent non-enum value: {x: SIT}.", (3, 43)));

    [Fact]
    public void OneOf_input_objects_need_exactly_one_non_null_field() =>
        Invalid(Values, """
            mutation oneOfWithNoFields {
              addPet(pet: {}) { name }
            }

            mutation oneOfWithTwoFields($dog: DogInput) {
              addPet(pet: { cat: { name: "Brontie" }, dog: $dog }) { name }
            }

            mutation oneOfWithNull {
              addPet(pet: { cat: null }) { name }
            }
            """,
            Error("OneOf Input Object \"PetInput\" must specify exactly one key.", (2, 15)),
            Error("OneOf Input Object \"PetInput\" must specify exactly one key.", (6, 15)),
            Error("Field \"PetInput.cat\" must be non-null.", (10, 17)));

    [Fact]
    public void Variable_default_values_are_checked() =>
        Invalid(Values, """
            query q($a: Int = "one", $b: DogCommand! = SIT) { arguments { intArgField(intArg: $a) } }
            """,
            Error("Expected value of type \"Int\", found \"one\"; Int cannot represent non-integer value: \"one\"", (1, 19)));

    [Fact]
    public void Input_object_fields_defined_by_the_type_are_valid() =>
        Valid(new InputObjectFieldNamesRule(), """
            {
              findDog(searchBy: { name: "Fido" }) { name }
              findPets(pets: [{ cat: { name: "Tom", meowVolume: 3 } }]) { name }
            }
            """);

    [Fact]
    public void Undefined_input_object_fields_are_rejected() =>
        Invalid(new InputObjectFieldNamesRule(), """
            {
              findDog(searchBy: { favoriteCookieFlavor: "Bacon" }) {
                name
              }
              findPets(pets: { dog: { name: "Rex", nicknam: "R" } }) { name }
            }
            """,
            Error("Field \"favoriteCookieFlavor\" is not defined by type \"FindDogInput\".", (2, 23)),
            Error("Field \"nicknam\" is not defined by type \"DogInput\". Did you mean \"nickname\"?", (5, 40)));

    [Fact]
    public void Input_object_fields_given_once_are_valid() =>
        Valid(new InputObjectFieldUniquenessRule(), """{ findDog(searchBy: { name: "Fido", owner: "Ann" }) { name } }""");

    [Fact]
    public void Repeated_input_object_fields_are_rejected() =>
        Invalid(new InputObjectFieldUniquenessRule(), """
            {
              findDog(searchBy: { name: "Fido", name: "Fido" }) {
                name
              }
            }
            """,
            Error("There can be only one input field named \"name\".", (2, 23), (2, 37)));

    [Fact]
    public void Required_input_fields_given_or_defaulted_are_valid() =>
        Valid(new InputObjectRequiredFieldsRule(), """
            { complicated(input: { required: 1 }) findPet(pet: { dog: { name: "Rex" } }) { name } }
            """);

    [Fact]
    public void Missing_required_input_fields_are_rejected() =>
        Invalid(new InputObjectRequiredFieldsRule(), """
            {
              complicated(input: { name: "x" })
              findPets(pets: [{ cat: { nickname: "Tom" } }]) { name }
            }
            """,
            Error("Field \"ComplexInput.required\" of required type \"Int!\" was not provided.", (2, 22)),
            Error("Field \"CatInput.name\" of required type \"String!\" was not provided.", (3, 26)));
}
