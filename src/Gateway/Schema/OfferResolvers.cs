using System.Runtime.CompilerServices;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Loading;
using Marketplace.Gateway.Subscriptions;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Offers;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

using static Marketplace.Gateway.Schema.Payloads;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// Offers, bargaining and auto markdown (Schema/Extensions/offers.graphql, docs/offers.md). The gateway checks what it
/// knows without the offer (token, USER role); the offer and item grains check seller / buyer facts and answer FORBIDDEN,
/// which becomes the GraphQL error. Lists and the open count are read from the item's copy of its offers.
/// </summary>
internal static class OfferResolvers
{
    /// <summary>Typed inputs of the mutations (bound by <see cref="SchemaBinding.Input{T}"/>).</summary>
    internal sealed record RespondToOfferInput(string OfferId, OfferResponse Response, decimal? CounterAmount = null);
    internal sealed record OfferIdInput(string OfferId);
    internal sealed record SetBargainingInput(string ItemId, decimal? AutoAcceptAt = null, decimal? AutoDeclineBelow = null);
    internal sealed record SetAutoMarkdownInput(string ItemId, double Percent, decimal Floor);
    internal sealed record ItemIdInput(string ItemId);

    public static void Bind(SchemaBuilder builder)
    {
        BindQueryAndMutations(builder);
        BindSubscription(builder);
        BindFields(builder);
    }

    private static void BindQueryAndMutations(SchemaBuilder builder)
    {
        builder.Field("Query", "offer", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var offer = await Offer(context, context.GetArgument<string>("id")!).GetAsync();
            if (offer is null) return null;
            if (!caller.Is(offer.BuyerId) && !caller.Is(offer.SellerId) && !caller.IsOperatorOrAdmin)
                throw Access.Deny("Only the offer's buyer, the item's seller, operators and admins see an offer.");
            return offer;
        });

        builder.Field("Mutation", "makeOffer", async context =>
        {
            var caller = Access.RequireUser(context);
            var command = context.Input<MakeOffer>();
            var offerId = OfferIds.ForOffer(caller.UserId!, command.IdempotencyKey);
            return OfferPayload(context, await Offer(context, offerId).MakeAsync(command, caller.ToCallerContext()));
        });
        builder.Field("Mutation", "respondToOffer", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var input = context.Input<RespondToOfferInput>();
            var offer = Offer(context, input.OfferId);
            if (await offer.GetAsync() is null) return Failed("offer", UserError.NotFound($"No offer '{input.OfferId}'."));
            return OfferPayload(context, await offer.RespondAsync(input.Response, input.CounterAmount, caller.ToCallerContext()));
        });
        builder.Field("Mutation", "withdrawOffer", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var input = context.Input<OfferIdInput>();
            var offer = Offer(context, input.OfferId);
            if (await offer.GetAsync() is null) return Failed("offer", UserError.NotFound($"No offer '{input.OfferId}'."));
            return OfferPayload(context, await offer.WithdrawAsync(caller.ToCallerContext()));
        });

        builder.Field("Mutation", "setBargaining", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var input = context.Input<SetBargainingInput>();
            return Payload(await Item(context, input.ItemId).SetBargainingAsync(new Bargaining(input.AutoAcceptAt, input.AutoDeclineBelow), caller.ToCallerContext()), "item");
        });
        builder.Field("Mutation", "setAutoMarkdown", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var input = context.Input<SetAutoMarkdownInput>();
            return Payload(await Item(context, input.ItemId).SetAutoMarkdownAsync(input.Percent, input.Floor, caller.ToCallerContext()), "item");
        });
        builder.Field("Mutation", "cancelAutoMarkdown", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var input = context.Input<ItemIdInput>();
            return Payload(await Item(context, input.ItemId).CancelAutoMarkdownAsync(caller.ToCallerContext()), "item");
        });
    }

    private static void BindSubscription(SchemaBuilder builder)
    {
        builder.Field("Subscription", "offerChanged", context => context.Source);
        builder.Subscribe("Subscription", "offerChanged", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var itemId = context.GetArgument<string>("itemId")!;
            var item = GrainLoaders.Client(context).GetGrain<IItemGrain>(itemId);
            var view = await item.GetAsync() ?? throw new GraphQLException($"No item '{itemId}'.", "NOT_FOUND");
            var seen = (await item.GetOfferChangesAsync(int.MaxValue)).Total; // changes made before subscribing are not news
            // The item publishes an event for every change of an offer on it (ItemOfferChanged), so its stream wakes us.
            var feed = await SubscriptionResolvers.OpenFeedAsync(context, MarketStreams.EventsNamespace, itemId, ChangeSignals.ItemKey(itemId));
            feed.Wake(); // re-read once: a change made while subscribing is still sent
            return OfferChanges(item, caller, view.SellerId, seen, feed, context.CancellationToken);
        });
    }

    /// <summary>
    /// Each change of an offer the caller may see, once, in the order the item took them: the item's change log is
    /// append-only, so (as with an order's history) everything past the index already sent is news, and a burst of
    /// changes between two wake-ups (e.g. an offer answered at once by the bargaining policy) still sends each.
    /// </summary>
    private static async IAsyncEnumerable<object?> OfferChanges(IItemGrain item, GatewayCaller caller, string sellerId, int seen, ChangeFeed feed,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var _ = feed;
        await foreach (var __ in feed.WakeupsAsync(cancellationToken))
        {
            var page = await SubscriptionResolvers.ReadThroughFailoverAsync(() => item.GetOfferChangesAsync(seen), cancellationToken);
            seen = Math.Max(seen, page.Total);
            foreach (var offer in Visible(caller, sellerId, page.Changes)) yield return offer;
        }
    }

    /// <summary>The seller sees every offer on the item; anyone else their own.</summary>
    private static IEnumerable<OfferView> Visible(GatewayCaller caller, string sellerId, IEnumerable<OfferView> offers) =>
        caller.Is(sellerId) ? offers : offers.Where(o => caller.Is(o.BuyerId));

    private static void BindFields(SchemaBuilder builder)
    {
        builder.Field("Offer", "item", async context => await GrainLoaders.Item(context, context.SourceAs<OfferView>().ItemId));
        builder.Field("Offer", "order", async context =>
            context.SourceAs<OfferView>().OrderId is { } orderId ? await GrainLoaders.Order(context, orderId) : null);

        builder.Field("Item", "openOffers", async context => context.Source switch
        {
            ItemView view => view.Offers,
            ItemSnapshot snapshot => (await GrainLoaders.Item(context, snapshot.ItemId))?.Offers ?? 0,
            _ => 0,
        });
        builder.Field("Item", "offers", async context =>
        {
            var (itemId, sellerId) = ItemKeys(context);
            var caller = Access.Caller(context);
            if (caller.UserId is null) return Array.Empty<OfferView>();
            var deals = await Deals(context, itemId);
            return Page(context, Visible(caller, sellerId, deals?.Offers ?? []));
        });
        builder.Field("Item", "bargaining", async context =>
        {
            var (itemId, sellerId) = ItemKeys(context);
            return SellerOrOperator(context, sellerId) ? (await Deals(context, itemId))?.Bargaining : null;
        });
        builder.Field("Item", "autoMarkdown", async context =>
        {
            var (itemId, sellerId) = ItemKeys(context);
            return SellerOrOperator(context, sellerId) ? (await Deals(context, itemId))?.AutoMarkdown : null;
        });

        // Figures: read from the stats fetched once per MarketStats object, like its other fields.
        builder.Field("MarketStats", "offers", async context => (await context.SourceAs<StatsSource>().GetAsync()).Offers);

        // Buyer objects are reached only by those who may read them (buyer(id), User.asBuyer check it).
        builder.Field("Buyer", "offers", async context =>
        {
            var client = GrainLoaders.Client(context);
            var ids = await client.GetGrain<IBuyerOffersGrain>(context.SourceAs<BuyerView>().BuyerId).GetOfferIdsAsync();
            var offers = await Task.WhenAll(ids.Take(MaxScan).Select(id => client.GetGrain<IOfferGrain>(id).GetAsync()));
            return Page(context, offers.OfType<OfferView>());
        });
    }

    /// <summary>How many of a buyer's newest offers a status filter looks through.</summary>
    private const int MaxScan = 500;

    /// <summary>Newest first, optionally one status, at most <c>first</c> (1 to the page limit).</summary>
    private static OfferView[] Page(IResolveContext context, IEnumerable<OfferView> offers)
    {
        var status = context.GetArgument<OfferStatus?>("status");
        var first = Math.Clamp(context.GetArgument("first", 20), 0, QueryResolvers.MaxPageSize);
        return [.. offers.Where(o => status is null || o.Status == status)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id, StringComparer.Ordinal).Take(first)];
    }

    private static bool SellerOrOperator(IResolveContext context, string sellerId)
    {
        var caller = Access.Caller(context);
        return caller.Is(sellerId) || (caller.IsAuthenticated && caller.IsOperatorOrAdmin);
    }

    private static (string ItemId, string SellerId) ItemKeys(IResolveContext context) => context.Source switch
    {
        ItemView view => (view.Id, view.SellerId),
        ItemSnapshot snapshot => (snapshot.ItemId, snapshot.SellerId),
        _ => throw new InvalidOperationException($"Unexpected Item source {context.Source?.GetType().Name}."),
    };

    /// <summary>The item's offers, policy and schedule, batched per request like the other grain loads.</summary>
    private static Task<ItemDeals?> Deals(IResolveContext context, string itemId) =>
        context.GetDataLoader<string, ItemDeals?>("itemDeals", async (keys, _) =>
        {
            var client = GrainLoaders.Client(context);
            var calls = keys.Select(key => client.GetGrain<IItemGrain>(key).GetDealsAsync()).ToArray();
            await Task.WhenAll(calls);
            return keys.Select((key, i) => (key, calls[i].Result)).ToDictionary(p => p.key, p => p.Result, StringComparer.Ordinal);
        }).LoadAsync(itemId);

    private static object OfferPayload(IResolveContext context, Result<OfferView> result)
    {
        if (result.Value is { } offer) context.RequestServices!.GetRequiredService<ChangeSignals>().Notify(ChangeSignals.ItemKey(offer.ItemId));
        return Payload(result, "offer");
    }

    private static IOfferGrain Offer(IResolveContext context, string id) => GrainLoaders.Client(context).GetGrain<IOfferGrain>(id);
    private static IItemGrain Item(IResolveContext context, string id) => GrainLoaders.Client(context).GetGrain<IItemGrain>(id);
}
