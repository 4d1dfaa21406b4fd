using System.Collections.Concurrent;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Tests.Execution;

public class ExecutionTests : ExecutionTestBase
{
    private static readonly Schema Library = TestSchemas.Library().Build();

    [Fact]
    public async Task Fragments_aliases_and_typename_shape_the_response()
    {
        var result = await ExecuteAsync(Library, """
            query { first: book(id: "b1") { ...Info ... on Book { pages } __typename } }
            fragment Info on Publication { id title }
            """);
        Assert.Equal("""{"data":{"first":{"id":"b1","title":"Dune","pages":412,"__typename":"Book"}}}""", result.ToJson());
    }

    [Fact]
    public async Task Skip_and_include_follow_literals_and_variables()
    {
        var result = await ExecuteAsync(Library, """
            query($yes: Boolean!, $no: Boolean!) { book(id: "b1") {
              id @skip(if: $yes) title @include(if: $yes) pages @include(if: $no)
              ... @include(if: $yes) { __typename } ...F @skip(if: true) } }
            fragment F on Book { author { id } }
            """, new { yes = true, no = false });
        Assert.Equal("""{"data":{"book":{"title":"Dune","__typename":"Book"}}}""", result.ToJson());
    }

    [Fact]
    public async Task Arguments_get_defaults_and_input_objects_are_coerced()
    {
        var r = await RunAsync(Library, """{ books(filter: {minPages: 300}) { id } byPages: books(sort: PAGES) { id } }""");
        Assert.Equal("""{"data":{"books":[{"id":"b1"},{"id":"b2"}],"byPages":[{"id":"b3"},{"id":"b2"},{"id":"b1"}]}}""", Compact(r.GetRawText()));
        var v = await RunAsync(Library, "query($f: BookFilter) { books(filter: $f) { id } }", new { f = new { minPages = 400 } });
        Assert.Equal("""{"data":{"books":[{"id":"b1"}]}}""", Compact(v.GetRawText()));
    }

    [Theory]
    [InlineData("""{"id": 5.5}""", "Variable \"$id\" got invalid value 5.5; ID cannot represent value: 5.5")]
    [InlineData("""{}""", "Variable \"$id\" of required type \"ID!\" was not provided.")]
    [InlineData("""{"id": null}""", "Variable \"$id\" of non-null type \"ID!\" must not be null.")]
    public async Task Variable_coercion_errors_are_request_errors(string variables, string message)
    {
        var executor = new DocumentExecutor(Library);
        var result = await executor.ExecuteAsync(new ExecutionRequest
        {
            Query = "query($id: ID!) { book(id: $id) { id } }",
            VariablesJson = System.Text.Json.JsonDocument.Parse(variables).RootElement,
        });
        Assert.False(result.HasData);
        var error = Assert.Single(result.Errors!);
        Assert.Equal(message, error.Message);
        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
        Assert.Equal(1, error.Locations![0].Line);
        Assert.DoesNotContain("\"data\"", result.ToJson());
    }

    [Fact]
    public async Task Nested_input_variable_errors_name_the_path()
    {
        var result = await ExecuteAsync(Library, "query($f: BookFilter) { books(filter: $f) { id } }", new { f = new { minPages = "many" } });
        Assert.Equal("Variable \"$f\" got invalid value {\"minPages\":\"many\"} at \"f.minPages\"; Int cannot represent non-integer value: \"many\"", Assert.Single(result.Errors!).Message);
        var unknown = await ExecuteAsync(Library, "query($f: BookFilter) { books(filter: $f) { id } }", new { f = new { nope = 1 } });
        Assert.Contains("Field \"nope\" is not defined by type \"BookFilter\".", Assert.Single(unknown.Errors!).Message);
    }

    [Fact]
    public async Task Null_in_non_null_field_propagates_to_nearest_nullable_parent_with_path()
    {
        var result = await ExecuteAsync(Library, """{ books { id requiredAuthor { id } } other: book(id: "b3") { id author { id } } }""");
        // books is [Book!]! and Query.books is non-null, so the null reaches data itself.
        Assert.Null(result.Data);
        Assert.True(result.HasData);
        var error = Assert.Single(result.Errors!);
        Assert.Equal("Cannot return null for non-nullable field Book.requiredAuthor.", error.Message);
        Assert.Equal(new object[] { "books", 2, "requiredAuthor" }, error.Path);
        Assert.Equal(1, error.Locations![0].Line);
        Assert.Equal(14, error.Locations[0].Column);

        var nullable = await ExecuteAsync(Library, """{ book(id: "b3") { id requiredAuthor { id } } asyncValue }""");
        Assert.Equal("""{"errors":[{"message":"Cannot return null for non-nullable field Book.requiredAuthor.","locations":[{"line":1,"column":23}],"path":["book","requiredAuthor"]}],"data":{"book":null,"asyncValue":42}}""", nullable.ToJson());
    }

    [Fact]
    public async Task Resolver_exceptions_are_generic_unless_development()
    {
        var prod = await ExecuteAsync(Library, "{ boom deliberate }");
        Assert.Equal("""{"errors":[{"message":"Unexpected error.","locations":[{"line":1,"column":3}],"path":["boom"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},{"message":"Nope.","locations":[{"line":1,"column":8}],"path":["deliberate"],"extensions":{"code":"NOT_FOUND"}}],"data":{"boom":null,"deliberate":null}}""", prod.ToJson());
        Assert.DoesNotContain("secret", prod.ToJson());

        var dev = await ExecuteAsync(Library, "{ boom }", options: new ExecutionOptions { IncludeExceptionDetails = true });
        var error = Assert.Single(dev.Errors!);
        Assert.Equal("secret detail", error.Message);
        Assert.Contains("InvalidOperationException", dev.ToJson());
    }

    [Fact]
    public async Task Abstract_types_resolve_by_is_type_of()
    {
        var result = await ExecuteAsync(Library, """
            { search { __typename ... on Book { title pages } ... on Magazine { title issue } }
              publications { id ... on Magazine { issue } } }
            """);
        Assert.Equal("""{"data":{"search":[{"__typename":"Book","title":"Dune","pages":412},{"__typename":"Magazine","title":"Wired","issue":7}],"publications":[{"id":"m1","issue":7},{"id":"b2"}]}}""", result.ToJson());
    }

    [Fact]
    public async Task Mutation_fields_run_one_after_another_in_document_order()
    {
        var log = new ConcurrentQueue<string>();
        var schema = new SchemaBuilder()
            .Object("Query", t => t.Field("x", "Int", _ => 1))
            .Object("Mutation", t => t.Field("step", "String", f => f.Argument("name", "String!").Argument("delay", "Int!").Resolve(async ctx =>
            {
                var name = ctx.GetArgument<string>("name")!;
                log.Enqueue("start " + name);
                await Task.Delay(ctx.GetArgument<int>("delay"));
                log.Enqueue("end " + name);
                return name;
            })))
            .Build();
        var result = await ExecuteAsync(schema, """mutation { a: step(name: "a", delay: 60) b: step(name: "b", delay: 1) c: step(name: "c", delay: 20) }""");
        Assert.Equal("""{"data":{"a":"a","b":"b","c":"c"}}""", result.ToJson());
        Assert.Equal(["start a", "end a", "start b", "end b", "start c", "end c"], log);
    }

    [Fact]
    public async Task Query_fields_resolve_concurrently()
    {
        // Both resolvers must be running at the same time for either to finish.
        var arrived = 0;
        var bothArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var schema = new SchemaBuilder()
            .Object("Query", t => t.Field("wait", "Int", f => f.Argument("n", "Int!").Resolve(async ctx =>
            {
                if (Interlocked.Increment(ref arrived) == 2) bothArrived.SetResult();
                await bothArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
                return ctx.GetArgument<int>("n");
            })))
            .Build();
        var result = await ExecuteAsync(schema, "{ a: wait(n: 1) b: wait(n: 2) }");
        Assert.Equal("""{"data":{"a":1,"b":2}}""", result.ToJson());
    }

    [Fact]
    public async Task Authorization_hook_denies_with_code_and_skips_the_resolver()
    {
        var called = false;
        var schema = new SchemaBuilder()
            .Object("Query", t => t
                .Field("secret", "String", f => f
                    .Authorize(ctx => ctx.UserContext is "admin" ? AuthorizationResult.Allow() : AuthorizationResult.Deny("Only admins.", "FORBIDDEN"))
                    .Resolve(_ => { called = true; return "s3cret"; })))
            .Build();
        var denied = await ExecuteAsync(schema, "{ secret }", context: "user");
        Assert.Equal("""{"errors":[{"message":"Only admins.","locations":[{"line":1,"column":3}],"path":["secret"],"extensions":{"code":"FORBIDDEN"}}],"data":{"secret":null}}""", denied.ToJson());
        Assert.False(called);
        var allowed = await ExecuteAsync(schema, "{ secret }", context: "admin");
        Assert.Equal("""{"data":{"secret":"s3cret"}}""", allowed.ToJson());
    }

    [Fact]
    public async Task Operation_selection_errors()
    {
        var multiple = await ExecuteAsync(Library, "query A { asyncValue } query B { asyncValue }");
        Assert.Equal("Must provide operation name if query contains multiple operations.", Assert.Single(multiple.Errors!).Message);
        var named = await ExecuteAsync(Library, "query A { asyncValue } query B { echo(value: \"b\", count: 2) }", operationName: "B");
        Assert.Equal("""{"data":{"echo":"b2"}}""", named.ToJson());
        var unknown = await ExecuteAsync(Library, "query A { asyncValue }", operationName: "C");
        Assert.Equal("Unknown operation named \"C\".", Assert.Single(unknown.Errors!).Message);
    }

    [Fact]
    public async Task Syntax_errors_are_request_errors_with_location()
    {
        var result = await ExecuteAsync(Library, "{ book(id: ) }");
        Assert.Equal("""{"errors":[{"message":"Syntax Error: Unexpected \")\".","locations":[{"line":1,"column":12}],"extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}""", result.ToJson());
    }

    [Fact]
    public async Task Execution_timeout_cancels_and_reports_code()
    {
        var clock = new ManualTimeProvider();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var schema = new SchemaBuilder()
            .Object("Query", t => t.Field("slow", "Int", async ctx =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                return 1;
            }))
            .Build();
        var executor = new DocumentExecutor(schema, new ExecutionOptions { ExecutionTimeout = TimeSpan.FromSeconds(5) }, timeProvider: clock);
        var pending = executor.ExecuteAsync(new ExecutionRequest { Query = "{ slow }" });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(pending.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(6));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(result.Errors!, e => e.Code == ErrorCodes.ExecutionTimeout);
        Assert.Null(result.Data);
    }

    [Fact]
    public async Task Documents_are_cached_by_text()
    {
        var executor = new DocumentExecutor(Library, new ExecutionOptions { DocumentCacheSize = 2 });
        foreach (var q in new[] { "{ asyncValue }", "{ asyncValue }", "{ a: asyncValue }", "{ b: asyncValue }" })
            Assert.Null((await executor.ExecuteAsync(new ExecutionRequest { Query = q })).Errors);
        Assert.Equal(2, executor.CachedDocumentCount);
    }

    [Fact]
    public async Task Subscription_maps_each_event_through_the_selection_set()
    {
        static async IAsyncEnumerable<object?> Events()
        {
            for (var i = 1; i <= 3; i++)
            {
                await Task.Yield();
                yield return new Dictionary<string, object?> { ["n"] = i };
            }
        }

        var schema = new SchemaBuilder()
            .Object("Query", t => t.Field("x", "Int", _ => 1))
            .Object("Event", t => t.Field("n", "Int!").Field("double", "Int!", ctx => (int)((IReadOnlyDictionary<string, object?>)ctx.Source!)["n"]! * 2))
            .Object("Subscription", t => t.Field("ticks", "Event!", f => f.Subscribe(_ => Events())))
            .Build();
        var executor = new DocumentExecutor(schema);
        var subscription = await executor.SubscribeAsync(new ExecutionRequest { Query = "subscription { ticks { n double } }" });
        Assert.True(subscription.IsStream);
        var results = new List<string>();
        await foreach (var r in subscription.Stream!) results.Add(r.ToJson());
        Assert.Equal(
        [
            """{"data":{"ticks":{"n":1,"double":2}}}""",
            """{"data":{"ticks":{"n":2,"double":4}}}""",
            """{"data":{"ticks":{"n":3,"double":6}}}""",
        ], results);

        var query = await executor.ExecuteAsync(new ExecutionRequest { Query = "subscription { ticks { n } }" });
        Assert.Equal(ErrorCodes.OperationNotAllowed, Assert.Single(query.Errors!).Code);
    }

    [Fact]
    public async Task Allowed_operations_refuse_mutations_for_get_requests()
    {
        var schema = new SchemaBuilder().Object("Query", t => t.Field("x", "Int", _ => 1)).Object("Mutation", t => t.Field("y", "Int", _ => 2)).Build();
        var result = await new DocumentExecutor(schema).ExecuteAsync(new ExecutionRequest
        {
            Query = "mutation { y }",
            AllowedOperations = new HashSet<Marketplace.GraphQL.Language.Ast.OperationType> { Marketplace.GraphQL.Language.Ast.OperationType.Query },
        });
        Assert.Equal(ErrorCodes.OperationNotAllowed, Assert.Single(result.Errors!).Code);
        Assert.False(result.HasData);
    }
}
