using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Tests.Types;

public class SchemaBuilderTests
{
    private const string Sdl = """"
        """Things you can look up"""
        interface Node {
          id: ID!
        }

        interface Named implements Node {
          id: ID!
          name: String
        }

        type Item implements Node & Named {
          id: ID!
          name: String

          """Price in the item's currency"""
          price(
            """Currency code"""
            currency: String = "EUR"
            round: Boolean @deprecated(reason: "always rounded")
          ): Money!
          tags(first: Int = 10, after: String): [String!]! @deprecated
          kind: Kind
        }

        scalar Money @specifiedBy(url: "https://example.com/money")

        enum Kind {
          NEW

          """Used before"""
          USED @deprecated(reason: "Use GOOD")
          GOOD
        }

        union Result = Item | Other

        type Other {
          note: String
        }

        input Filter @oneOf {
          id: ID
          name: String
        }

        input Range {
          min: Int = 0
          max: Int
          kinds: [Kind!] = [NEW, GOOD]
        }

        type Query {
          item(id: ID!): Item
          search(filter: Filter, range: Range = {min: 1}): [Result!]!
        }
        """";

    [Fact]
    public void Sdl_round_trips_through_the_schema_model()
    {
        var schema = new SchemaBuilder().AddTypeDefinitions(Sdl).Build();
        Assert.Equal(Sdl, SchemaPrinter.Print(schema));
        var item = (ObjectType)schema.GetType("Item")!;
        Assert.Equal("always rounded", item.GetField("price")!.GetArgument("round")!.DeprecationReason);
        Assert.Equal("EUR", item.GetField("price")!.GetArgument("currency")!.DefaultValue);
        Assert.True(((InputObjectType)schema.GetType("Filter")!).IsOneOf);
        Assert.Equal("https://example.com/money", ((ScalarType)schema.GetType("Money")!).SpecifiedByUrl);
        Assert.Equal(["Node"], ((InterfaceType)schema.GetType("Named")!).Interfaces.Select(i => i.Name));
    }

    [Fact]
    public void Code_first_and_sdl_build_the_same_schema()
    {
        var code = new SchemaBuilder()
            .Enum("Kind", e => e.Value("NEW").Value("USED", deprecationReason: "Use GOOD"))
            .Object("Item", t => t.Field("id", "ID!").Field("kind", "Kind").Field("tags", "[String!]!", f => f.Argument("first", "Int", "10").Deprecated()))
            .Object("Query", t => t.Field("item", "Item", f => f.Argument("id", "ID!").Resolve(_ => null)))
            .Build();
        var sdl = new SchemaBuilder().AddTypeDefinitions("""
            enum Kind { NEW USED @deprecated(reason: "Use GOOD") }
            type Item { id: ID! kind: Kind tags(first: Int = 10): [String!]! @deprecated }
            type Query { item(id: ID!): Item }
            """).Build();
        Assert.Equal(SchemaPrinter.Print(sdl), SchemaPrinter.Print(code));
    }

    [Fact]
    public async Task Resolvers_bind_to_sdl_fields_by_name_including_extensions()
    {
        var schema = new SchemaBuilder()
            .AddTypeDefinitions("type Query { hello(name: String!): String } extend type Query { count: Int! }")
            .Resolve("Query", "hello", ctx => "Hello " + ctx.GetArgument<string>("name"))
            .Resolve("Query", "count", _ => 3)
            .Build();
        var result = await new DocumentExecutor(schema).ExecuteAsync(new ExecutionRequest { Query = "{ hello(name: \"you\") count }" });
        Assert.Equal("""{"data":{"hello":"Hello you","count":3}}""", result.ToJson());
    }

    [Fact]
    public void Invalid_schemas_list_every_problem()
    {
        var ex = Assert.Throws<SchemaValidationException>(() => new SchemaBuilder().AddTypeDefinitions("""
            interface Node { id: ID! name(x: Int): String }
            type A implements Node { id: String name: String }
            type Query { a: A b: Missing in: In }
            input In { a: A }
            union U = Node
            """).Resolve("Query", "nope", _ => null).Build());
        Assert.Contains(ex.Errors, e => e.Contains("Unknown type \"Missing\""));
        Assert.Contains(ex.Errors, e => e.Contains("Cannot bind \"Query.nope\""));
        Assert.Contains(ex.Errors, e => e.Contains("can only include Object types"));
        var again = Assert.Throws<SchemaValidationException>(() => new SchemaBuilder().AddTypeDefinitions("""
            interface Node { id: ID! name(x: Int): String }
            type A implements Node { id: String name: String }
            type Query { a: A in(x: In): Int }
            input In { a: A }
            """).Build());
        Assert.Contains(again.Errors, e => e.Contains("The type of In.a must be Input Type but got: A."));
        Assert.Contains(again.Errors, e => e.Contains("expects type ID! but A.id is type String"));
        Assert.Contains(again.Errors, e => e.Contains("Node.name(x:) expected but A.name does not provide it"));
    }

    [Fact]
    public void Marketplace_contract_builds_and_prints_stably()
    {
        var path = Path.Combine(FindRepoRoot(), "..", "shared", "contract", "schema.graphql");
        Assert.True(File.Exists(path), $"contract not found at {path}");
        var first = SchemaPrinter.Print(new SchemaBuilder().AddTypeDefinitions(File.ReadAllText(path)).Build());
        var second = SchemaPrinter.Print(new SchemaBuilder().AddTypeDefinitions(first).Build());
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Custom_scalars_and_clr_enums()
    {
        var schema = new SchemaBuilder()
            .Scalar("Money", s => s.Serialize(v => ((decimal)v).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))
                .ParseValue(v => v is string s ? decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : throw new GraphQLCoercionException("Money must be a string."))
                .ParseLiteral(n => n is StringValueNode s ? decimal.Parse(s.Value, System.Globalization.CultureInfo.InvariantCulture) : throw new GraphQLCoercionException("Money must be a string."))
                .SpecifiedBy("https://example.com/money"))
            .Enum<DayOfWeek>("Day")
            .Object("Query", t => t
                .Field("double", "Money!", f => f.Argument("amount", "Money!").Resolve(ctx => ctx.GetArgument<decimal>("amount") * 2))
                .Field("day", "Day!", f => f.Argument("d", "Day!").Resolve(ctx => ctx.GetArgument<DayOfWeek>("d"))))
            .Build();
        Assert.Contains("SUNDAY", SchemaPrinter.Print(schema));
        var result = await new DocumentExecutor(schema).ExecuteAsync(new ExecutionRequest { Query = "{ double(amount: \"1.25\") day(d: FRIDAY) }" });
        Assert.Equal("""{"data":{"double":"2.50","day":"FRIDAY"}}""", result.ToJson());
        var bad = await new DocumentExecutor(schema).ExecuteAsync(new ExecutionRequest { Query = "{ double(amount: 3) }" });
        Assert.Contains("Money must be a string.", Assert.Single(bad.Errors!).Message);
    }

    internal static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Marketplace.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Marketplace.sln not found above the test directory.");
    }
}
