using System.Collections.Concurrent;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Tests.DataLoader;

public class DataLoaderTests
{
    [Fact]
    public async Task Fifty_items_loading_their_seller_make_one_batch_call_with_distinct_keys()
    {
        var batches = new ConcurrentQueue<IReadOnlyList<string>>();
        var items = Enumerable.Range(0, 50).Select(i => new Dictionary<string, object?> { ["id"] = $"i{i}", ["sellerId"] = $"s{i % 7}" }).ToList();
        var schema = new SchemaBuilder()
            .Object("Seller", t => t.Field("id", "ID!").Field("name", "String!"))
            .Object("Item", t => t.Field("id", "ID!").Field("seller", "Seller", async ctx =>
            {
                var loader = ctx.GetDataLoader<string, Dictionary<string, object?>>("sellers", async (keys, ct) =>
                {
                    batches.Enqueue(keys);
                    await Task.Delay(1, ct);
                    return keys.ToDictionary(k => k, k => new Dictionary<string, object?> { ["id"] = k, ["name"] = "Seller " + k });
                });
                return await loader.LoadAsync((string)((IReadOnlyDictionary<string, object?>)ctx.Source!)["sellerId"]!);
            }))
            .Object("Query", t => t.Field("items", "[Item!]!", _ => items))
            .Build();

        var result = await new DocumentExecutor(schema).ExecuteAsync(new ExecutionRequest { Query = "{ items { id seller { id name } } }" });

        Assert.Null(result.Errors);
        var batch = Assert.Single(batches);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"s{i}").Order(), batch.Order());
        var list = (IReadOnlyList<object?>)result.Data!["items"]!;
        Assert.Equal(50, list.Count);
        Assert.Equal("Seller s3", ((IReadOnlyDictionary<string, object?>)((IReadOnlyDictionary<string, object?>)list[10]!)["seller"]!)["name"]);
    }

    [Fact]
    public async Task Loads_after_other_async_work_still_complete_and_results_are_cached()
    {
        var calls = 0;
        var schema = new SchemaBuilder()
            .Object("Query", t => t.Field("pair", "[String!]!", async ctx =>
            {
                await Task.Yield(); // loader used after the executor went idle
                var loader = ctx.GetDataLoader<int, string>("n", (keys, _) =>
                {
                    Interlocked.Increment(ref calls);
                    return ValueTask.FromResult<IReadOnlyDictionary<int, string>>(keys.ToDictionary(k => k, k => "v" + k));
                });
                var first = await loader.LoadAsync(1);
                var again = await loader.LoadAsync(1);
                return new[] { first!, again! };
            }))
            .Build();
        var result = await new DocumentExecutor(schema).ExecuteAsync(new ExecutionRequest { Query = "{ pair }" });
        Assert.Equal("""{"data":{"pair":["v1","v1"]}}""", result.ToJson());
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Batch_failure_fails_each_waiting_field()
    {
        var schema = new SchemaBuilder()
            .Object("Query", t => t.Field("v", "String", f => f.Argument("k", "Int!").Resolve(async ctx =>
                await ctx.GetDataLoader<int, string>("failing", (_, _) => throw new GraphQLException("store down", "UNAVAILABLE")).LoadAsync(ctx.GetArgument<int>("k")))))
            .Build();
        var result = await new DocumentExecutor(schema).ExecuteAsync(new ExecutionRequest { Query = "{ a: v(k: 1) b: v(k: 2) }" });
        Assert.Equal(2, result.Errors!.Count);
        Assert.All(result.Errors, e => Assert.Equal("UNAVAILABLE", e.Code));
    }
}
