using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Console.Tests.Support;

/// <summary>
/// Until the gateway serves <c>Query.orders</c> (branch orders-lists), answers the page's order-list queries
/// in the browser with the given orders, read through the real gateway with the selection the page asked for
/// and filtered by the statuses it asked for. Everything else (the mutations above all) goes to the gateway.
/// Only for the desk tests that run before the merge; the skipped ones use the real list.
/// </summary>
public static class OrdersStandIn
{
    public static Task RouteAsync(IBrowserContext context, Market market, params string[] orderIds) =>
        context.RouteAsync("**/graphql", async route =>
        {
            var body = route.Request.PostData is { } data ? JsonNode.Parse(data) : null;
            var query = body?["query"]?.GetValue<string>() ?? "";
            if (!query.Contains("orders(filter:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }
            var selection = Selection(query, "nodes {");
            var statuses = body!["variables"]?["filter"]?["status"]?.AsArray().Select(s => s!.GetValue<string>()).ToHashSet() ?? [];
            var nodes = new JsonArray();
            foreach (var id in orderIds)
            {
                var order = (await market.Client.PostAsync($"query($id: ID!) {{ order(id: $id) {{ status {selection} }} }}", new { id }, market.Admin)).Ok()["order"]!;
                if (statuses.Count == 0 || statuses.Contains(order["status"]!.GetValue<string>())) nodes.Add(order.DeepClone());
            }
            var answer = new JsonObject
            {
                ["data"] = new JsonObject
                {
                    ["orders"] = new JsonObject
                    {
                        ["totalCount"] = nodes.Count,
                        ["pageInfo"] = new JsonObject { ["hasNextPage"] = false, ["endCursor"] = null },
                        ["nodes"] = nodes,
                    },
                },
            };
            await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = answer.ToJsonString() });
        });

    /// <summary>The text inside the braces that follow <paramref name="opening"/> (nested braces included).</summary>
    private static string Selection(string query, string opening)
    {
        var start = query.IndexOf(opening, StringComparison.Ordinal) + opening.Length;
        var depth = 1;
        for (var i = start; i < query.Length; i++)
        {
            if (query[i] == '{') depth++;
            else if (query[i] == '}' && --depth == 0) return query[start..i];
        }
        throw new InvalidOperationException("Unbalanced selection in: " + query);
    }
}
