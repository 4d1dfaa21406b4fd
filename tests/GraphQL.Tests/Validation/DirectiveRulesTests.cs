using Marketplace.GraphQL.Validation.Directives;
using static Marketplace.GraphQL.Tests.Validation.ValidationAssert;

namespace Marketplace.GraphQL.Tests.Validation;

public sealed class DirectiveRulesTests
{
    [Fact]
    public void Defined_directives_are_valid() =>
        Valid(new DirectivesAreDefinedRule(), "{ dog { name @skip(if: true) nickname @include(if: false) @tag(name: \"a\") } }");

    [Fact]
    public void Undefined_directives_are_rejected() =>
        Invalid(new DirectivesAreDefinedRule(), """
            {
              dog @unknown { name @skipp(if: true) }
            }
            """,
            Error("Unknown directive \"@unknown\".", (2, 7)),
            Error("Unknown directive \"@skipp\". Did you mean \"@skip\"?", (2, 23)));

    [Fact]
    public void Directives_in_their_locations_are_valid() =>
        Valid(new DirectivesInValidLocationsRule(), """
            query q($v: Int @onVariable) @onQuery {
              dog { name @skip(if: true) ...F @tag(name: "x") ... on Dog @include(if: true) { name } }
            }
            fragment F on Dog { name }
            """);

    [Fact]
    public void Directives_outside_their_locations_are_rejected() =>
        Invalid(new DirectivesInValidLocationsRule(), """
            query @skip(if: $foo) {
              field
            }
            mutation m @onQuery { addPet(pet: {}) @onVariable { name } }
            """,
            Error("Directive \"@skip\" may not be used on QUERY.", (1, 7)),
            Error("Directive \"@onQuery\" may not be used on MUTATION.", (4, 12)),
            Error("Directive \"@onVariable\" may not be used on FIELD.", (4, 39)));

    [Fact]
    public void Repeatable_directives_and_one_per_location_are_valid() =>
        Valid(new DirectivesAreUniquePerLocationRule(), """
            query ($foo: Boolean = true, $bar: Boolean = false) {
              field @skip(if: $foo) {
                subfieldA
              }
              field @skip(if: $bar) {
                subfieldB
              }
              dog { name @tag(name: "a") @tag(name: "b") }
            }
            """);

    [Fact]
    public void Repeated_non_repeatable_directives_are_rejected() =>
        Invalid(new DirectivesAreUniquePerLocationRule(), """
            query ($foo: Boolean = true, $bar: Boolean = false) {
              field @skip(if: $foo) @skip(if: $bar)
            }
            """,
            Error("The directive \"@skip\" can only be used once at this location.", (2, 9), (2, 25)));
}
