using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Types;
using Marketplace.GraphQL.Validation;

namespace Marketplace.GraphQL.Tests.Validation;

/// <summary>All rules together, and how validation errors leave the executor.</summary>
public sealed class SpecifiedRulesTests
{
    [Fact]
    public void Every_spec_section_5_rule_is_registered_once()
    {
        var names = SpecifiedRules.All.Select(r => r.GetType().Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        var expected = typeof(SpecifiedRules).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Marketplace.GraphQL.Validation", StringComparison.Ordinal) == true
                && typeof(Marketplace.GraphQL.Analysis.IValidationRule).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.Name);
        Assert.Equal(expected.Order(), names.Order());
        Assert.True(names.Count >= 29);
    }

    [Fact]
    public void A_realistic_valid_document_passes_all_rules()
    {
        var errors = SpecifiedRules.Validate(ValidationTestSchema.Schema, Parser.Parse("""
            query DogPage($command: DogCommand!, $home: Boolean = false, $withOwner: Boolean!) @onQuery {
              dog {
                ...DogFields
                knows: doesKnowCommand(dogCommand: $command)
                owner @include(if: $withOwner) { name pets { name ... on Cat { meowVolume } } }
              }
              catOrDog { __typename ... on Dog { name } ... on Cat { name } }
              findPet(pet: { dog: { name: "Rex", barkVolume: 3 } }) { name }
              priceOf(price: "19.99")
            }

            fragment DogFields on Dog {
              name
              nickname
              isHouseTrained(atOtherHomes: $home)
            }

            mutation AddDog($dog: DogInput!) {
              addPet(pet: { dog: $dog }) { name }
            }

            subscription OnMessage { newMessage { body sender } }
            """));
        Assert.True(errors.Count == 0, string.Join(" | ", errors.Select(e => e.Message)));
    }

    [Fact]
    public void Each_problem_is_reported_once_by_its_rule()
    {
        var errors = SpecifiedRules.Validate(ValidationTestSchema.Schema, Parser.Parse("""
            query Q($unused: Int) {
              dog { name: nickname name barkVolume { x } ...Missing }
              arguments { nonNullBooleanArgField(nonNullBooleanArg: "yes") }
            }
            """));
        string[] expected =
        [
            "Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
            "Field \"barkVolume\" must not have a selection since type \"Int\" has no subfields.",
            "Unknown fragment \"Missing\".",
            "Expected value of type \"Boolean!\", found \"yes\"; Boolean cannot represent a non boolean value: \"yes\"",
            "Variable \"$unused\" is never used in operation \"Q\".",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), errors.Select(e => e.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Executor_answers_invalid_documents_with_validation_errors_not_exceptions()
    {
        var schema = new SchemaBuilder()
            .AddTypeDefinitions("type Query { hello(name: String!): String }")
            .Resolve("Query", "hello", c => "hi")
            .Build();
        var executor = new DocumentExecutor(schema);

        var result = await executor.ExecuteAsync(new ExecutionRequest { Query = "{ hello goodbye }" });

        Assert.True(result.IsRequestError);
        Assert.Null(result.Data);
        Assert.NotNull(result.Errors);
        Assert.Equal(
        [
            "Cannot query field \"goodbye\" on type \"Query\".",
            "Field \"hello\" argument \"name\" of type \"String!\" is required, but it was not provided.",
        ], result.Errors!.Select(e => e.Message).Order(StringComparer.Ordinal).ToArray());
        Assert.All(result.Errors!, e => Assert.Equal(ErrorCodes.ValidationFailed, e.Code));
        Assert.Equal(new Marketplace.GraphQL.Language.Ast.SourceLocation(1, 9), result.Errors!.Single(e => e.Message.StartsWith("Cannot", StringComparison.Ordinal)).Locations![0]);
    }
}
