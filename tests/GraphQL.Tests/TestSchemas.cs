using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Tests;

public sealed record Book(string Id, string Title, string? AuthorId, int Pages);
public sealed record Magazine(string Id, string Title, int Issue);

internal static class TestSchemas
{
    public static readonly Book[] Books =
    [
        new("b1", "Dune", "a1", 412),
        new("b2", "Emma", "a2", 320),
        new("b3", "Null Author", null, 10),
    ];

    public static SchemaBuilder Library() => new SchemaBuilder()
        .Interface("Publication", i => i.Field("id", "ID!").Field("title", "String!"))
        .Object("Book", t => t.Implements("Publication").IsTypeOf<Book>()
            .Field("id", "ID!").Field("title", "String!").Field("pages", "Int")
            .Field("author", "Author", ctx => ((Book)ctx.Source!).AuthorId is { } id ? new Dictionary<string, object?> { ["id"] = id, ["name"] = "Author " + id } : null)
            .Field("requiredAuthor", "Author!", ctx => ((Book)ctx.Source!).AuthorId is { } id ? new Dictionary<string, object?> { ["id"] = id, ["name"] = "Author " + id } : null))
        .Object("Magazine", t => t.Implements("Publication").IsTypeOf<Magazine>().Field("id", "ID!").Field("title", "String!").Field("issue", "Int!"))
        .Object("Author", t => t.Field("id", "ID!").Field("name", "String!"))
        .Union("SearchResult", u => u.Members("Book", "Magazine"))
        .Enum("Sort", e => e.Value("TITLE").Value("PAGES").Value("OLD", deprecationReason: "use TITLE"))
        .InputObject("BookFilter", i => i.Field("minPages", "Int", defaultValue: "0").Field("titles", "[String!]"))
        .Object("Query", t => t
            .Field("books", "[Book!]!", f => f
                .Argument("filter", "BookFilter")
                .Argument("sort", "Sort", defaultValue: "TITLE")
                .Resolve(ctx =>
                {
                    var filter = ctx.GetArgument<IReadOnlyDictionary<string, object?>>("filter");
                    var min = filter?["minPages"] as int? ?? 0;
                    var books = Books.Where(b => b.Pages >= min);
                    return ctx.GetArgument<string>("sort") == "PAGES" ? books.OrderBy(b => b.Pages).ToList() : books.OrderBy(b => b.Title).ToList();
                }))
            .Field("book", "Book", f => f.Argument("id", "ID!").Resolve(ctx => Books.FirstOrDefault(b => b.Id == ctx.GetArgument<string>("id"))))
            .Field("search", "[SearchResult!]!", ctx => new object[] { Books[0], new Magazine("m1", "Wired", 7) })
            .Field("publications", "[Publication]", ctx => new object[] { new Magazine("m1", "Wired", 7), Books[1] })
            .Field("boom", "String", ctx => throw new InvalidOperationException("secret detail"))
            .Field("deliberate", "String", ctx => throw new GraphQLException("Nope.", "NOT_FOUND"))
            .Field("asyncValue", "Int!", async ctx => { await Task.Yield(); return 42; })
            .Field("echo", "String", f => f.Argument("value", "String").Argument("count", "Int").Resolve(ctx => ctx.GetArgument<string>("value") + ctx.GetArgument<int>("count"))));
}
