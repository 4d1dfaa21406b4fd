using Marketplace.GraphQL.Validation.Arguments;
using static Marketplace.GraphQL.Tests.Validation.ValidationAssert;

namespace Marketplace.GraphQL.Tests.Validation;

public sealed class ArgumentRulesTests
{
    [Fact]
    public void Known_arguments_on_fields_and_directives_are_valid() =>
        Valid(new ArgumentNamesRule(), """
            fragment argOnRequiredArg on Dog {
              doesKnowCommand(dogCommand: SIT)
            }

            fragment argOnOptional on Dog {
              isHouseTrained(atOtherHomes: true) @include(if: true)
            }
            """);

    [Fact]
    public void Unknown_field_argument_is_rejected() =>
        Invalid(new ArgumentNamesRule(), """
            fragment invalidArgName on Dog {
              doesKnowCommand(command: CLEAN_UP_HOUSE)
            }
            """,
            Error("Unknown argument \"command\" on field \"Dog.doesKnowCommand\". Did you mean \"dogCommand\"?", (2, 19)));

    [Fact]
    public void Unknown_directive_argument_is_rejected_and_not_confused_with_field_arguments() =>
        Invalid(new ArgumentNamesRule(), """
            fragment invalidArgName on Dog {
              isHouseTrained(atOtherHomes: true) @include(unless: false, if: true)
              name @unknown(atOtherHomes: true)
            }
            """,
            Error("Unknown argument \"unless\" on directive \"@include\".", (2, 47)));

    [Fact]
    public void Misspelled_argument_gets_a_suggestion() =>
        Invalid(new ArgumentNamesRule(), "{ dog { isHouseTrained(atOtherHome: true) } }",
            Error("Unknown argument \"atOtherHome\" on field \"Dog.isHouseTrained\". Did you mean \"atOtherHomes\"?", (1, 24)));

    [Fact]
    public void Arguments_in_any_order_once_each_are_valid() =>
        Valid(new ArgumentUniquenessRule(), """
            fragment multipleArgs on Arguments {
              multipleRequirements(x: 1, y: 2)
            }

            fragment multipleArgsReverseOrder on Arguments {
              multipleRequirements(y: 2, x: 1)
            }
            """);

    [Fact]
    public void Repeated_arguments_are_rejected_on_fields_and_directives() =>
        Invalid(new ArgumentUniquenessRule(), """
            fragment f on Arguments {
              multipleRequirements(x: 1, x: 2, y: 3)
              intArgField @skip(if: true, if: false)
            }
            """,
            Error("There can be only one argument named \"x\".", (2, 24), (2, 30)),
            Error("There can be only one argument named \"if\".", (3, 21), (3, 31)));

    [Fact]
    public void Required_arguments_given_or_defaulted_are_valid() =>
        Valid(new RequiredArgumentsRule(), """
            fragment goodBooleanArg on Arguments {
              booleanArgField(booleanArg: true)
            }

            fragment goodNonNullArg on Arguments {
              nonNullBooleanArgField(nonNullBooleanArg: true)
            }

            fragment goodBooleanArgDefault on Arguments {
              booleanArgField
            }

            fragment optionalNonNull on Arguments {
              optionalNonNullBooleanArgField
            }
            """);

    [Fact]
    public void Missing_required_arguments_are_rejected() =>
        Invalid(new RequiredArgumentsRule(), """
            fragment missingRequiredArg on Arguments {
              nonNullBooleanArgField
            }
            fragment missingDirectiveArg on Dog {
              name @include
            }
            """,
            Error("Field \"nonNullBooleanArgField\" argument \"nonNullBooleanArg\" of type \"Boolean!\" is required, but it was not provided.", (2, 3)),
            Error("Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.", (5, 8)));
}
