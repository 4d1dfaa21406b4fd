using System.Text.Json;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Tests.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Tests.Introspection;

public class IntrospectionTests : ExecutionTestBase
{
    private static readonly Schema Schema = new SchemaBuilder().AddTypeDefinitions("""
        "The root"
        type Query { item(id: ID!, legacy: String @deprecated(reason: "gone")): Item old: Int @deprecated }
        type Item { id: ID! price: Money }
        scalar Money @specifiedBy(url: "https://example.com/money")
        input Pick @oneOf { a: Int b: Int }
        input Plain { a: Int = 3 old: Int @deprecated }
        directive @tag(name: String!) repeatable on FIELD_DEFINITION
        """).Build();

    [Fact]
    public async Task Type_query_reports_deprecations_and_spec_2025_fields()
    {
        var r = await RunAsync(Schema, """
            {
              q: __type(name: "Query") { kind name description
                fields { name }
                all: fields(includeDeprecated: true) { name isDeprecated deprecationReason
                  args(includeDeprecated: true) { name isDeprecated deprecationReason type { kind ofType { name kind } } } } }
              money: __type(name: "Money") { specifiedByURL }
              pick: __type(name: "Pick") { isOneOf }
              plain: __type(name: "Plain") { isOneOf inputFields { name defaultValue } allInput: inputFields(includeDeprecated: true) { name } }
              missing: __type(name: "Nope") { name }
            }
            """);
        var data = r.GetProperty("data");
        Assert.Equal("OBJECT", data.GetProperty("q").GetProperty("kind").GetString());
        Assert.Equal("The root", data.GetProperty("q").GetProperty("description").GetString());
        Assert.Equal(["item"], data.GetProperty("q").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        var all = data.GetProperty("q").GetProperty("all");
        Assert.Equal("No longer supported", all[1].GetProperty("deprecationReason").GetString());
        var legacy = all[0].GetProperty("args")[1];
        Assert.True(legacy.GetProperty("isDeprecated").GetBoolean());
        Assert.Equal("NON_NULL", all[0].GetProperty("args")[0].GetProperty("type").GetProperty("kind").GetString());
        Assert.Equal("ID", all[0].GetProperty("args")[0].GetProperty("type").GetProperty("ofType").GetProperty("name").GetString());
        Assert.Equal("https://example.com/money", data.GetProperty("money").GetProperty("specifiedByURL").GetString());
        Assert.True(data.GetProperty("pick").GetProperty("isOneOf").GetBoolean());
        Assert.False(data.GetProperty("plain").GetProperty("isOneOf").GetBoolean());
        Assert.Equal("3", data.GetProperty("plain").GetProperty("inputFields")[0].GetProperty("defaultValue").GetString());
        Assert.Equal(1, data.GetProperty("plain").GetProperty("inputFields").GetArrayLength());
        Assert.Equal(2, data.GetProperty("plain").GetProperty("allInput").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("missing").ValueKind);
    }

    [Fact]
    public async Task Full_introspection_query_runs_without_errors()
    {
        var r = await RunAsync(Schema, IntrospectionQuery);
        Assert.False(r.TryGetProperty("errors", out _), r.GetRawText());
        var schema = r.GetProperty("data").GetProperty("__schema");
        Assert.Equal("Query", schema.GetProperty("queryType").GetProperty("name").GetString());
        var names = schema.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("__Schema", names);
        Assert.Contains("Money", names);
        var tag = schema.GetProperty("directives").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "tag");
        Assert.True(tag.GetProperty("isRepeatable").GetBoolean());
        Assert.Equal("FIELD_DEFINITION", tag.GetProperty("locations")[0].GetString());
        var directives = schema.GetProperty("directives").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Equal(["include", "skip", "deprecated", "specifiedBy", "oneOf", "tag"], directives);
    }

    [Fact]
    public async Task Introspection_can_be_disabled_but_typename_still_works()
    {
        var options = new ExecutionOptions { EnableIntrospection = false };
        var result = await ExecuteAsync(Schema, "{ __schema { queryType { name } } }", options: options);
        Assert.False(result.HasData);
        Assert.Equal(ErrorCodes.IntrospectionDisabled, Assert.Single(result.Errors!).Code);
        var viaFragment = await ExecuteAsync(Schema, "{ ...F } fragment F on Query { __type(name: \"Item\") { name } }", options: options);
        Assert.Equal(ErrorCodes.IntrospectionDisabled, Assert.Single(viaFragment.Errors!).Code);
        var typename = await ExecuteAsync(Schema, "{ __typename }", options: options);
        Assert.Equal("""{"data":{"__typename":"Query"}}""", typename.ToJson());
    }

    internal const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            description
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description specifiedByURL isOneOf
          fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields(includeDeprecated: true) { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
        fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
        """;
}
