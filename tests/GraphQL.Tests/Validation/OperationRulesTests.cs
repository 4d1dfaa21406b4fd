using Marketplace.GraphQL.Validation.Documents;
using Marketplace.GraphQL.Validation.Operations;
using static Marketplace.GraphQL.Tests.Validation.ValidationAssert;

namespace Marketplace.GraphQL.Tests.Validation;

public sealed class OperationRulesTests
{
    [Fact]
    public void Executable_definitions_accept_operations_and_fragments() =>
        Valid(new ExecutableDefinitionsRule(), """
            query getDogName { dog { ...dogName } }
            fragment dogName on Dog { name }
            """);

    [Fact]
    public void Executable_definitions_reject_type_system_definitions() =>
        Invalid(new ExecutableDefinitionsRule(), """
            query getDogName {
              dog { name }
            }

            extend type Dog {
              color: String
            }
            schema { query: Query }
            """,
            Error("The \"Dog\" definition is not executable.", (5, 1)),
            Error("The schema definition is not executable.", (8, 1)));

    [Fact]
    public void Operation_names_may_differ() =>
        Valid(new OperationNameUniquenessRule(), """
            query getDogName { dog { name } }
            query getOwnerName { dog { owner { name } } }
            """);

    [Fact]
    public void Operation_names_must_be_unique_even_across_operation_types() =>
        Invalid(new OperationNameUniquenessRule(), """
            query dogOperation { dog { name } }
            mutation dogOperation { addPet(pet: {dog: {name: "x"}}) { name } }
            """,
            Error("There can be only one operation named \"dogOperation\".", (1, 7), (2, 10)));

    [Fact]
    public void Lone_anonymous_operation_is_fine() =>
        Valid(new LoneAnonymousOperationRule(), "{ dog { name } }");

    [Fact]
    public void Anonymous_operation_next_to_another_is_rejected() =>
        Invalid(new LoneAnonymousOperationRule(), """
            {
              dog { name }
            }

            query getName {
              dog { owner { name } }
            }
            """,
            Error("This anonymous operation must be the only defined operation.", (1, 1)));

    [Fact]
    public void Operation_type_must_exist_in_schema()
    {
        var schema = new Marketplace.GraphQL.Types.SchemaBuilder().AddTypeDefinitions("type Query { a: Int }").Build();
        var errors = Validate(new OperationTypeExistenceRule(), "mutation M { a }", schema);
        Assert.Equal("The schema does not support mutation operations.", Assert.Single(errors).Message);
        Assert.Empty(Validate(new OperationTypeExistenceRule(), "query Q { a }", schema));
    }

    [Fact]
    public void Subscription_with_one_root_field_through_fragments_is_valid() =>
        Valid(new SubscriptionSingleRootFieldRule(), """
            subscription sub {
              ...newMessageFields
            }

            fragment newMessageFields on Subscription {
              newMessage {
                body
                sender
              }
            }
            subscription sameKeyTwice { newMessage { body } newMessage { sender } }
            """);

    [Fact]
    public void Subscription_with_two_root_fields_via_fragment_is_rejected() =>
        Invalid(new SubscriptionSingleRootFieldRule(), """
            subscription sub {
              ...multipleSubscriptions
            }

            fragment multipleSubscriptions on Subscription {
              newMessage {
                body
              }
              disallowedSecondRootField
            }
            """,
            Error("Subscription \"sub\" must select only one top level field.", (9, 3)));

    [Fact]
    public void Anonymous_subscription_with_two_root_fields_is_rejected() =>
        Invalid(new SubscriptionSingleRootFieldRule(), """
            subscription {
              newMessage { body }
              disallowedSecondRootField
            }
            """,
            Error("Anonymous Subscription must select only one top level field.", (3, 3)));

    [Fact]
    public void Subscription_must_not_select_introspection_root_field() =>
        Invalid(new SubscriptionSingleRootFieldRule(), """
            subscription sub {
              __typename
            }
            """,
            Error("Subscription \"sub\" must not select an introspection top level field.", (2, 3)));

    [Fact]
    public void Subscription_root_must_not_use_skip_or_include() =>
        Invalid(new SubscriptionSingleRootFieldRule(), """
            subscription sub($bool: Boolean = true) {
              newMessage @skip(if: $bool) { body }
              ... on Subscription @include(if: $bool) { disallowedSecondRootField }
            }
            """,
            Error("Subscription \"sub\" must not use `@skip` or `@include` directives in the top level selection.", (2, 14)),
            Error("Subscription \"sub\" must not use `@skip` or `@include` directives in the top level selection.", (3, 23)),
            Error("Subscription \"sub\" must select only one top level field.", (3, 45)));
}
