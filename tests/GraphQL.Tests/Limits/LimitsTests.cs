using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Tests.Limits;

public class LimitsTests
{
    private static readonly Schema Schema = new SchemaBuilder()
        .Object("Node", t => t.Field("id", "ID!", _ => "n").Field("child", "Node", _ => new object())
            .Field("children", "[Node!]!", f => f.Argument("first", "Int").Resolve(_ => Array.Empty<object>()))
            .Field("expensive", "Int", f => f.WithCost(50).Resolve(_ => 1)))
        .Object("Query", t => t.Field("node", "Node", _ => new object()))
        .Build();

    private static Task<ExecutionResult> Run(string query, ExecutionOptions options, object? variables = null) =>
        new DocumentExecutor(Schema, options).ExecuteAsync(new ExecutionRequest
        {
            Query = query,
            Variables = variables as IReadOnlyDictionary<string, object?>,
        });

    [Fact]
    public async Task Depth_limit()
    {
        var ok = await Run("{ node { child { child { id } } } }", new ExecutionOptions { MaxDepth = 4 });
        Assert.Null(ok.Errors);
        var deep = await Run("{ node { child { child { child { id } } } } }", new ExecutionOptions { MaxDepth = 4 });
        Assert.Equal(ErrorCodes.MaxDepthExceeded, Assert.Single(deep.Errors!).Code);
        Assert.False(deep.HasData);
    }

    [Fact]
    public async Task Alias_limit_counts_aliases_through_fragments()
    {
        var result = await Run("{ node { ...F ...G } } fragment F on Node { a: id b: id } fragment G on Node { c: id ...F }", new ExecutionOptions { MaxAliases = 3 });
        Assert.Equal(ErrorCodes.MaxAliasesExceeded, Assert.Single(result.Errors!).Code);
    }

    [Fact]
    public async Task Cost_limit_multiplies_list_children_by_first_and_uses_field_costs()
    {
        var options = new ExecutionOptions { MaxCost = 100 };
        Assert.Null((await Run("{ node { children(first: 10) { id child { id } } } }", options)).Errors); // 1 + 1 + 10*3 = 32
        var tooMany = await Run("{ node { children(first: 40) { id child { id } } } }", options);
        Assert.Equal(ErrorCodes.CostLimitExceeded, Assert.Single(tooMany.Errors!).Code);
        var viaVariable = await Run("query($n: Int) { node { children(first: $n) { id } } }", options, new Dictionary<string, object?> { ["n"] = 500 });
        Assert.Equal(ErrorCodes.CostLimitExceeded, Assert.Single(viaVariable.Errors!).Code);
        var costly = await Run("{ node { a: expensive b: expensive } }", options);
        Assert.Equal(ErrorCodes.CostLimitExceeded, Assert.Single(costly.Errors!).Code);
    }

    [Fact]
    public async Task Limit_outcome_is_reused_across_requests_only_when_variables_cannot_change_it()
    {
        var executor = new DocumentExecutor(Schema, new ExecutionOptions { MaxCost = 100 });
        Task<ExecutionResult> Execute(string query, int? n = null) => executor.ExecuteAsync(new ExecutionRequest
        {
            Query = query,
            Variables = n is null ? null : new Dictionary<string, object?> { ["n"] = n },
        });

        const string byVariable = "query($n: Int) { node { children(first: $n) { id } } }";
        Assert.Null((await Execute(byVariable, 5)).Errors);
        Assert.Equal(ErrorCodes.CostLimitExceeded, Assert.Single((await Execute(byVariable, 500)).Errors!).Code);
        Assert.Null((await Execute(byVariable, 5)).Errors);

        const string costly = "{ node { a: expensive b: expensive } }";
        for (var i = 0; i < 2; i++)
            Assert.Equal(ErrorCodes.CostLimitExceeded, Assert.Single((await Execute(costly)).Errors!).Code);
    }

    [Fact]
    public async Task Fragment_bomb_is_refused_quickly()
    {
        // Each fragment spreads the next twice: 2^40 fields if expanded.
        var fragments = string.Concat(Enumerable.Range(0, 40).Select(i => $"fragment F{i} on Node {{ ...F{i + 1} ...F{i + 1} }}\n"));
        var query = "{ node { ...F0 } }\n" + fragments + "fragment F40 on Node { id }";
        var result = await Run(query, new ExecutionOptions()).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(ErrorCodes.CostLimitExceeded, Assert.Single(result.Errors!).Code);
    }

    [Fact]
    public async Task Huge_and_deeply_nested_documents_get_errors_not_crashes()
    {
        var deep = string.Concat(Enumerable.Repeat("{ node ", 50_000)) + new string('}', 50_000);
        var nested = await Run(deep, new ExecutionOptions());
        Assert.Equal("MAX_PARSER_DEPTH_EXCEEDED", Assert.Single(nested.Errors!).Code);

        var wide = "{ " + string.Concat(Enumerable.Repeat("node { id } ", 50_000)) + "}";
        var huge = await Run(wide, new ExecutionOptions { MaxTokens = 10_000 });
        Assert.Equal("MAX_TOKENS_EXCEEDED", Assert.Single(huge.Errors!).Code);
    }
}
