using Marketplace.GraphQL.Validation.Fields;
using static Marketplace.GraphQL.Tests.Validation.ValidationAssert;

namespace Marketplace.GraphQL.Tests.Validation;

public sealed class FieldSelectionMergingTests
{
    private static readonly FieldSelectionMergingRule Rule = new();

    [Fact]
    public void Spec_examples_that_merge_are_valid() =>
        Valid(Rule, """
            fragment mergeIdenticalFields on Dog {
              name
              name
            }

            fragment mergeIdenticalAliasesAndFields on Dog {
              otherName: name
              otherName: name
            }

            fragment mergeIdenticalFieldsWithIdenticalArgs on Dog {
              doesKnowCommand(dogCommand: SIT)
              doesKnowCommand(dogCommand: SIT)
            }

            fragment mergeIdenticalFieldsWithIdenticalValues on Dog {
              doesKnowCommand(dogCommand: $dogCommand)
              doesKnowCommand(dogCommand: $dogCommand)
            }

            fragment safeDifferingFields on Pet {
              ... on Dog {
                volume: barkVolume
              }
              ... on Cat {
                volume: meowVolume
              }
            }

            fragment safeDifferingArgs on Pet {
              ... on Dog {
                doesKnowCommand(dogCommand: SIT)
              }
              ... on Cat {
                doesKnowCommand(catCommand: JUMP)
              }
            }
            """);

    [Fact]
    public void Same_alias_for_different_fields_conflicts() =>
        Invalid(Rule, """
            fragment conflictingBecauseAlias on Dog {
              name: nickname
              name
            }
            """,
            Error("Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", (2, 3), (3, 3)));

    [Fact]
    public void Differing_arguments_conflict() =>
        Invalid(Rule, """
            fragment conflictingArgsOnValues on Dog {
              doesKnowCommand(dogCommand: SIT)
              doesKnowCommand(dogCommand: HEEL)
            }

            fragment conflictingArgsValueAndVar on Dog {
              doesKnowCommand(dogCommand: SIT)
              doesKnowCommand(dogCommand: $dogCommand)
            }

            fragment differingArgs on Dog {
              doesKnowCommand(dogCommand: SIT)
              doesKnowCommand
            }
            """,
            Error("Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", (2, 3), (3, 3)),
            Error("Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", (7, 3), (8, 3)),
            Error("Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", (12, 3), (13, 3)));

    [Fact]
    public void Different_object_parents_may_differ_but_not_in_shape() =>
        Invalid(Rule, """
            fragment conflictingDifferingResponses on Pet {
              ... on Dog {
                someValue: nickname
              }
              ... on Cat {
                someValue: meowVolume
              }
            }
            """,
            Error("Fields \"someValue\" conflict because they return conflicting types \"String\" and \"Int\". Use different aliases on the fields to fetch both if this was intentional.", (3, 5), (6, 5)));

    [Fact]
    public void Nested_conflicts_name_the_path_and_all_fields() =>
        Invalid(Rule, """
            {
              dog {
                owner { id: name }
              }
              dog {
                owner { id: __typename }
              }
            }
            """,
            Error("Fields \"dog\" conflict because subfields \"owner\" conflict because subfields \"id\" conflict because \"name\" and \"__typename\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
                (2, 3), (3, 5), (3, 13), (5, 3), (6, 5), (6, 13)));

    [Fact]
    public void Conflicts_across_fragment_spreads_are_found() =>
        Invalid(Rule, """
            {
              dog { ...A ...B }
            }
            fragment A on Dog { x: name }
            fragment B on Dog { x: barkVolume }
            """,
            Error("Fields \"x\" conflict because \"name\" and \"barkVolume\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", (4, 21), (5, 21)));

    [Fact]
    public void Shapes_must_match_below_different_parents_too() =>
        Invalid(Rule, """
            {
              catOrDog {
                ... on Dog { friend: owner { name } }
                ... on Cat { friend: owner { name } }
              }
              pet {
                ... on Dog { x: barkVolume }
                ... on Cat { x: nickname }
              }
            }
            """,
            Error("Fields \"x\" conflict because they return conflicting types \"Int\" and \"String\". Use different aliases on the fields to fetch both if this was intentional.", (7, 18), (8, 18)));

    [Fact]
    public void Non_null_and_list_wrappers_must_match() =>
        Invalid(Rule, """
            {
              dogOrHuman {
                ... on Dog { n: name }
                ... on Human { n: pets { name } }
              }
            }
            """,
            Error("Fields \"n\" conflict because they return conflicting types \"String!\" and \"[Pet!]\". Use different aliases on the fields to fetch both if this was intentional.", (3, 18), (4, 20)));

    [Fact]
    public void A_conflict_inside_a_fragment_used_twice_is_reported_once() =>
        Invalid(Rule, """
            {
              dog { ...F }
              other: dog { ...F }
            }
            fragment F on Dog { a: name a: nickname }
            """,
            Error("Fields \"a\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", (5, 21), (5, 29)));

    [Fact]
    public void Fragment_cycles_do_not_hang_the_check()
    {
        var errors = Validate(Rule, """
            { dog { ...A } }
            fragment A on Dog { owner { pets { ...B } } }
            fragment B on Pet { ... on Dog { ...A } }
            """);
        Assert.Empty(errors);
    }
}
