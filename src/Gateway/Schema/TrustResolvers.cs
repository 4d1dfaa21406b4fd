using Marketplace.Gateway.Loading;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Recommendations;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// Buyer trust (docs/trust-score.md) and recommendations (docs/recommendations.md). The trust fields and
/// Buyer.recommended are private, as buyer(id): a Buyer is also reachable through Order.buyer, where the
/// order's seller may read the public buyer fields but not these.
/// </summary>
internal static class TrustResolvers
{
    public static void Bind(SchemaBuilder builder)
    {
        builder.Field("Buyer", "trustScore", async context => (await TrustAsync(context)).Score);
        builder.Field("Buyer", "trustBand", async context => (await TrustAsync(context)).Band);
        builder.Field("Buyer", "trustFactors", async context => (await TrustAsync(context)).Factors);
        builder.Field("Buyer", "depositWaived", async context => (await TrustAsync(context)).DepositWaived);

        builder.Field("Buyer", "recommended", async context =>
        {
            var (buyerId, caller) = PrivateBuyer(context);
            return await Recommendations(context).RecommendedAsync(buyerId, caller.UserId, First(context, 20));
        });
        builder.Field("Item", "similar", async context =>
        {
            var itemId = context.Source switch
            {
                Grains.Interfaces.Items.ItemView view => view.Id,
                Grains.Interfaces.Analytics.ItemSnapshot snapshot => snapshot.ItemId,
                _ => throw new InvalidOperationException($"Unexpected Item source {context.Source?.GetType().Name}."),
            };
            return await Recommendations(context).SimilarAsync(itemId, Access.Caller(context).UserId, First(context, 10));
        });
    }

    /// <summary>The buyer's trust, fetched once per request for all four fields (recomputed by the grain on each read).</summary>
    private static async Task<BuyerTrust> TrustAsync(IResolveContext context)
    {
        var (buyerId, _) = PrivateBuyer(context);
        var loader = context.GetDataLoader<string, BuyerTrust?>("buyerTrust", async (keys, _) =>
        {
            var client = GrainLoaders.Client(context);
            var calls = keys.Select(k => client.GetGrain<IBuyerGrain>(k).GetTrustAsync()).ToArray();
            await Task.WhenAll(calls);
            IReadOnlyDictionary<string, BuyerTrust?> trusts = keys.Select((k, i) => (k, calls[i].Result)).ToDictionary(p => p.k, p => (BuyerTrust?)p.Result);
            return trusts;
        });
        return await loader.LoadAsync(buyerId) ?? throw new InvalidOperationException("The buyer grain returned no trust.");
    }

    private static (string BuyerId, Auth.GatewayCaller Caller) PrivateBuyer(IResolveContext context)
    {
        var buyerId = context.SourceAs<BuyerView>().BuyerId;
        var caller = Access.RequireAuthenticated(context);
        if (!caller.Is(buyerId) && !caller.IsOperatorOrAdmin) throw Access.Deny("Only that buyer, operators and admins see the buyer's trust and recommendations.");
        return (buyerId, caller);
    }

    private static IRecommendationGrain Recommendations(IResolveContext context) =>
        GrainLoaders.Client(context).GetGrain<IRecommendationGrain>(IRecommendationGrain.Key);

    private static int First(IResolveContext context, int fallback)
    {
        var first = context.GetArgument("first", fallback);
        return first is < 0 or > IRecommendationGrain.MaxFirst
            ? throw InputErrors.Invalid($"first must be between 0 and {IRecommendationGrain.MaxFirst}.", "first")
            : first;
    }
}
