using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Validation.Fragments;
using static Marketplace.GraphQL.Tests.Validation.ValidationAssert;

namespace Marketplace.GraphQL.Tests.Validation;

public sealed class FragmentRulesTests
{
    [Fact]
    public void Distinct_fragment_names_are_valid() =>
        Valid(new FragmentNameUniquenessRule(), """
            { dog { ...fragmentOne ...fragmentTwo } }
            fragment fragmentOne on Dog { name }
            fragment fragmentTwo on Dog { owner { name } }
            """);

    [Fact]
    public void Duplicate_fragment_names_are_rejected() =>
        Invalid(new FragmentNameUniquenessRule(), """
            { dog { ...fragmentOne } }
            fragment fragmentOne on Dog { name }
            fragment fragmentOne on Dog { owner { name } }
            """,
            Error("There can be only one fragment named \"fragmentOne\".", (2, 10), (3, 10)));

    [Fact]
    public void Fragment_types_that_exist_are_valid() =>
        Valid(new FragmentSpreadTypeExistenceRule(), """
            fragment correctType on Dog { name }
            fragment inlineFragment on Dog { ... on Dog { name } }
            fragment inlineFragment2 on Dog { ... @include(if: true) { name } }
            """);

    [Fact]
    public void Unknown_fragment_types_are_rejected() =>
        Invalid(new FragmentSpreadTypeExistenceRule(), """
            fragment notOnExistingType on NotInSchema { name }
            fragment inlineNotExistingType on Dog {
              ... on NotInSchema { name }
              ... on Dgo { name }
            }
            """,
            Error("Unknown type \"NotInSchema\".", (1, 31)),
            Error("Unknown type \"NotInSchema\".", (3, 10)),
            Error("Unknown type \"Dgo\". Did you mean \"Dog\"?", (4, 10)));

    [Fact]
    public void Fragments_on_composite_types_are_valid() =>
        Valid(new FragmentsOnCompositeTypesRule(), """
            fragment fragOnObject on Dog { name }
            fragment fragOnInterface on Pet { name }
            fragment fragOnUnion on CatOrDog { ... on Dog { name } }
            """);

    [Fact]
    public void Fragments_on_scalars_and_input_objects_are_rejected() =>
        Invalid(new FragmentsOnCompositeTypesRule(), """
            fragment fragOnScalar on Int { something }
            fragment inlineFragOnScalar on Dog {
              ... on Boolean { somethingElse }
            }
            fragment fragOnInput on FindDogInput { name }
            """,
            Error("Fragment \"fragOnScalar\" cannot condition on non composite type \"Int\".", (1, 26)),
            Error("Fragment cannot condition on non composite type \"Boolean\".", (3, 10)),
            Error("Fragment \"fragOnInput\" cannot condition on non composite type \"FindDogInput\".", (5, 25)));

    [Fact]
    public void Fragments_used_directly_or_transitively_are_valid() =>
        Valid(new FragmentsMustBeUsedRule(), """
            { dog { ...a } }
            fragment a on Dog { ...b }
            fragment b on Dog { name }
            """);

    [Fact]
    public void Unused_fragments_are_rejected_even_when_only_used_by_other_unused_fragments() =>
        Invalid(new FragmentsMustBeUsedRule(), """
            fragment nameFragment on Dog {
              name
            }

            { dog { name } }
            fragment unused2 on Dog { ...nameFragment }
            """,
            Error("Fragment \"nameFragment\" is never used.", (1, 1)),
            Error("Fragment \"unused2\" is never used.", (6, 1)));

    [Fact]
    public void Spreads_of_defined_fragments_are_valid() =>
        Valid(new FragmentSpreadTargetDefinedRule(), "{ dog { ...nameFragment } } fragment nameFragment on Dog { name }");

    [Fact]
    public void Spreads_of_undefined_fragments_are_rejected() =>
        Invalid(new FragmentSpreadTargetDefinedRule(), """
            {
              dog {
                ...undefinedFragment
              }
            }
            """,
            Error("Unknown fragment \"undefinedFragment\".", (3, 8)));

    [Fact]
    public void Acyclic_fragment_graphs_are_valid() =>
        Valid(new FragmentSpreadsMustNotFormCyclesRule(), """
            { dog { ...nameFragment ...nameFragment } }
            fragment nameFragment on Dog { name ...barkVolumeFragment }
            fragment barkVolumeFragment on Dog { barkVolume ... on Dog { ...leaf } }
            fragment leaf on Dog { name }
            """);

    [Fact]
    public void Fragment_cycles_are_rejected_with_their_path() =>
        Invalid(new FragmentSpreadsMustNotFormCyclesRule(), """
            {
              dog {
                ...nameFragment
              }
            }

            fragment nameFragment on Dog {
              name
              ...barkVolumeFragment
            }

            fragment barkVolumeFragment on Dog {
              barkVolume
              ...nameFragment
            }
            fragment self on Dog { owner { pets { ... on Dog { ...self } } } }
            """,
            Error("Cannot spread fragment \"nameFragment\" within itself via \"barkVolumeFragment\".", (9, 3), (14, 3)),
            Error("Cannot spread fragment \"self\" within itself.", (16, 52)));

    [Fact]
    public void Long_fragment_chains_do_not_overflow_the_stack()
    {
        const int length = 3000;
        var text = new System.Text.StringBuilder("{ dog { ...F0 } }\n");
        for (var i = 0; i < length; i++) text.Append($"fragment F{i} on Dog {{ ...F{i + 1} }}\n");
        text.Append($"fragment F{length} on Dog {{ ...F0 }}\n");
        var errors = DocumentValidatorOver(new FragmentSpreadsMustNotFormCyclesRule(), text.ToString());
        var error = Assert.Single(errors);
        Assert.StartsWith("Cannot spread fragment \"F0\" within itself via \"F1\", \"F2\"", error.Message);
        Assert.Equal(length + 1, error.Locations!.Count);
    }

    [Fact]
    public void Possible_spreads_are_valid() =>
        Valid(new FragmentSpreadIsPossibleRule(), """
            fragment dogFragment on Dog { ... on Dog { barkVolume } }
            fragment petNameFragment on Pet { name }
            fragment interfaceWithinObjectFragment on Dog { ...petNameFragment }
            fragment catOrDogNameFragment on CatOrDog { ... on Cat { meowVolume } }
            fragment unionWithObjectFragment on Dog { ...catOrDogNameFragment }
            fragment petFragment on Pet { name ... on Dog { barkVolume } }
            fragment catOrDogFragment on CatOrDog { __typename ... on Cat { meowVolume } }
            fragment unionWithInterface on Pet { ...dogOrHumanFragment }
            fragment dogOrHumanFragment on DogOrHuman { ... on Dog { barkVolume } }
            """);

    [Fact]
    public void Impossible_spreads_are_rejected() =>
        Invalid(new FragmentSpreadIsPossibleRule(), """
            fragment catInDogFragmentInvalid on Dog {
              ... on Cat {
                meowVolume
              }
            }
            fragment sentientFragment on Sentient { ... on Dog { barkVolume } }
            fragment humanOrAlienFragment on HumanOrAlien { ... on Cat { meowVolume } }
            fragment nonIntersectingInterfaces on Pet { ...sentientFragment2 }
            fragment sentientFragment2 on Sentient { name }
            fragment unionWithInterfaceInvalid on Sentient { ...catOrDog }
            fragment catOrDog on CatOrDog { __typename }
            """,
            Error("Fragment cannot be spread here as objects of type \"Dog\" can never be of type \"Cat\".", (2, 3)),
            Error("Fragment cannot be spread here as objects of type \"Sentient\" can never be of type \"Dog\".", (6, 41)),
            Error("Fragment cannot be spread here as objects of type \"HumanOrAlien\" can never be of type \"Cat\".", (7, 49)),
            Error("Fragment \"sentientFragment2\" cannot be spread here as objects of type \"Pet\" can never be of type \"Sentient\".", (8, 45)),
            Error("Fragment \"catOrDog\" cannot be spread here as objects of type \"Sentient\" can never be of type \"CatOrDog\".", (10, 50)));

    private static IReadOnlyList<GraphQLError> DocumentValidatorOver(IValidationRule rule, string text) =>
        DocumentValidator.Validate(ValidationTestSchema.Schema,
            Parser.Parse(text, new ParserOptions { MaxTokens = int.MaxValue, MaxDocumentBytes = int.MaxValue }), [rule]);
}
