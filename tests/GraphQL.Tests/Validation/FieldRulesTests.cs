using Marketplace.GraphQL.Validation.Fields;
using static Marketplace.GraphQL.Tests.Validation.ValidationAssert;

namespace Marketplace.GraphQL.Tests.Validation;

public sealed class FieldRulesTests
{
    [Fact]
    public void Fields_defined_on_objects_interfaces_and_union_typename_are_valid() =>
        Valid(new FieldSelectionsRule(), """
            fragment interfaceFieldSelection on Pet { name }
            fragment inDirectFieldSelectionOnUnion on CatOrDog {
              __typename
              ... on Pet { name }
              ... on Dog { barkVolume }
            }
            fragment definedOnImplementorsQueriedOnImplementor on Dog { barkVolume }
            """);

    [Fact]
    public void Undefined_field_on_object_is_rejected_with_suggestion() =>
        Invalid(new FieldSelectionsRule(), """
            fragment fieldNotDefined on Dog {
              meowVolume
              barkVolum
            }
            """,
            Error("Cannot query field \"meowVolume\" on type \"Dog\". Did you mean \"barkVolume\"?", (2, 3)),
            Error("Cannot query field \"barkVolum\" on type \"Dog\". Did you mean \"barkVolume\"?", (3, 3)));

    [Fact]
    public void Field_of_implementor_on_interface_suggests_inline_fragment() =>
        Invalid(new FieldSelectionsRule(), """
            fragment definedOnImplementorsButNotInterface on Pet {
              nickname
            }
            """,
            Error("Cannot query field \"nickname\" on type \"Pet\". Did you mean to use an inline fragment on \"Cat\" or \"Dog\"?", (2, 3)));

    [Fact]
    public void Direct_field_on_union_is_rejected() =>
        Invalid(new FieldSelectionsRule(), """
            fragment directFieldSelectionOnUnion on CatOrDog {
              directField
            }
            """,
            Error("Cannot query field \"directField\" on type \"CatOrDog\".", (2, 3)));

    [Fact]
    public void Leaf_fields_without_selection_and_composites_with_one_are_valid() =>
        Valid(new LeafFieldSelectionsRule(), """
            fragment scalarSelection on Dog { barkVolume }
            query directQueryOnObjectWithSubFields { human { name pets { name } } }
            """);

    [Fact]
    public void Selection_on_scalar_is_rejected() =>
        Invalid(new LeafFieldSelectionsRule(), """
            fragment scalarSelectionsNotAllowedOnInt on Dog {
              barkVolume {
                sinceWhen
              }
            }
            """,
            Error("Field \"barkVolume\" must not have a selection since type \"Int\" has no subfields.", (2, 14)));

    [Fact]
    public void Composite_fields_without_selection_are_rejected() =>
        Invalid(new LeafFieldSelectionsRule(), """
            query directQueryOnObjectWithoutSubFields {
              human
            }
            query directQueryOnInterfaceWithoutSubFields { pet }
            query listOfObjects { human { pets } }
            """,
            Error("Field \"human\" of type \"Human\" must have a selection of subfields. Did you mean \"human { ... }\"?", (2, 3)),
            Error("Field \"pet\" of type \"Pet\" must have a selection of subfields. Did you mean \"pet { ... }\"?", (4, 48)),
            Error("Field \"pets\" of type \"[Pet!]\" must have a selection of subfields. Did you mean \"pets { ... }\"?", (5, 31)));
}
