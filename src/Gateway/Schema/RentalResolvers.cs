using System.Runtime.CompilerServices;
using Marketplace.Gateway.Loading;
using Marketplace.Gateway.Subscriptions;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Listings;
using Marketplace.Grains.Interfaces.Rentals;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

using static Marketplace.Gateway.Schema.Payloads;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// Rentals (contract "Rentals", docs/rentals.md): queries, mutations, the status subscription, the rental lists and the
/// rental fields of Item, Seller and Buyer. The gateway checks what it knows without the rental (token, USER); the
/// rental grain checks renter / owner and answers FORBIDDEN, which becomes the GraphQL error. A Rental is the grain's
/// <see cref="RentalView"/>; list rows (<see cref="RentalListRow"/>) are turned into views through a request-scoped batch load.
/// </summary>
internal static class RentalResolvers
{
    // Typed inputs of the rental mutations (RequestRentalInput binds to the grain's RequestRental directly).
    private sealed record PayRentalInput(string RentalId, string IdempotencyKey);
    private sealed record RentalIdInput(string RentalId);
    private sealed record CheckRentalInput(string RentalId, decimal DamageCharge = 0m, string? DamageNotes = null);
    private sealed record CancelRentalInput(string RentalId, string? Reason = null);

    public static void Bind(SchemaBuilder builder)
    {
        BindQueries(builder);
        BindMutations(builder);
        BindSubscription(builder);
        BindLists(builder);
        BindFields(builder);
    }

    private static void BindQueries(SchemaBuilder builder)
    {
        builder.Field("Query", "rental", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var rental = await Load(context, context.GetArgument<string>("id")!);
            if (rental is null) return null;
            if (!caller.Is(rental.RenterId) && !caller.Is(rental.OwnerId) && !caller.IsOperatorOrAdmin)
                throw Access.Deny("Only the rental's renter and owner, operators and admins see a rental.");
            return rental;
        });
        builder.Field("Query", "rentals", context =>
        {
            Access.RequireOperator(context);
            var filter = context.Arguments.TryGetValue("filter", out var f) ? f as IReadOnlyDictionary<string, object?> : null;
            return QueryAsync(context, filter is null ? new RentalListQuery() : new RentalListQuery(
                Statuses: filter.Get<IReadOnlyList<RentalStatus>>("status"), OwnerId: filter.Get<string>("ownerId"),
                RenterId: filter.Get<string>("renterId"), CategoryId: filter.Get<string>("categoryId"), RegionId: filter.Get<string>("regionId")));
        });
    }

    private static void BindMutations(SchemaBuilder builder)
    {
        builder.Field("Mutation", "requestRental", async context =>
        {
            var caller = Access.RequireUser(context);
            var command = context.Input<RequestRental>();
            var rentalId = RentalIds.ForRequest(caller.UserId!, command.IdempotencyKey);
            return RentalPayload(context, rentalId, await Rental(context, rentalId).RequestAsync(command, caller.ToCallerContext()));
        });
        RentalMutation<PayRentalInput>(builder, "payRental", i => i.RentalId, (rental, input, caller) => rental.PayAsync(input.IdempotencyKey ?? "", caller));
        RentalMutation<RentalIdInput>(builder, "handOverRental", i => i.RentalId, (rental, _, caller) => rental.HandOverAsync(caller));
        RentalMutation<RentalIdInput>(builder, "returnRental", i => i.RentalId, (rental, _, caller) => rental.ReturnAsync(caller));
        RentalMutation<CheckRentalInput>(builder, "checkRental", i => i.RentalId, (rental, input, caller) => rental.CheckAsync(input.DamageCharge, input.DamageNotes, caller));
        RentalMutation<CancelRentalInput>(builder, "cancelRental", i => i.RentalId, (rental, input, caller) => rental.CancelAsync(input.Reason, caller));
    }

    private static void RentalMutation<TInput>(SchemaBuilder builder, string field, Func<TInput, string> rentalIdOf,
        Func<IRentalGrain, TInput, CallerContext, Task<Result<RentalView>>> call) where TInput : class =>
        builder.Field("Mutation", field, async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var input = context.Input<TInput>();
            var rentalId = rentalIdOf(input);
            var rental = Rental(context, rentalId);
            // A rental grain that was never requested has no renter or owner: NOT_FOUND, nothing activated to change.
            if (await rental.GetAsync() is null) return Failed("rental", UserError.NotFound($"No rental '{rentalId}'."));
            return RentalPayload(context, rentalId, await call(rental, input, caller.ToCallerContext()));
        });

    private static object RentalPayload(IResolveContext context, string rentalId, Result<RentalView> result)
    {
        if (result.IsSuccess) context.RequestServices!.GetRequiredService<ChangeSignals>().Notify(ChangeSignals.RentalKey(rentalId));
        return Payload(result, "rental");
    }

    private static void BindSubscription(SchemaBuilder builder)
    {
        builder.Field("Subscription", "rentalStatusChanged", context => context.Source);
        builder.Subscribe("Subscription", "rentalStatusChanged", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var rentalId = context.GetArgument<string>("rentalId")!;
            var client = GrainLoaders.Client(context);
            var rental = await client.GetGrain<IRentalGrain>(rentalId).GetAsync()
                ?? throw new GraphQLException($"No rental '{rentalId}'.", "NOT_FOUND");
            if (!caller.Is(rental.RenterId) && !caller.Is(rental.OwnerId) && !caller.IsOperatorOrAdmin)
                throw Access.Deny("Only the rental's renter and owner, operators and admins follow a rental.");
            var feed = await SubscriptionResolvers.OpenFeedAsync(context, MarketStreams.EventsNamespace, rentalId, ChangeSignals.RentalKey(rentalId));
            feed.Wake(); // re-read once: a status entered between the read above and the subscription is still sent
            return Statuses(client, rentalId, rental.History.Count, feed, context.CancellationToken);
        });
    }

    /// <summary>The rental once per status it enters, in order (as orderStatusChanged): each new history entry yields the rental as of it.</summary>
    private static async IAsyncEnumerable<object?> Statuses(IClusterClient client, string rentalId, int seen, ChangeFeed feed,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var _ = feed;
        await foreach (var __ in feed.WakeupsAsync(cancellationToken))
        {
            var rental = await SubscriptionResolvers.ReadThroughFailoverAsync(() => client.GetGrain<IRentalGrain>(rentalId).GetAsync(), cancellationToken);
            if (rental is null) continue;
            for (; seen < rental.History.Count; seen++)
            {
                var entry = rental.History[seen];
                yield return rental with { Status = entry.Status, History = rental.History.Take(seen + 1).ToArray() };
            }
        }
    }

    private static void BindLists(SchemaBuilder builder)
    {
        builder.Field("Seller", "rentalsOut", context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var ownerId = context.SourceAs<SellerRef>().Id;
            if (!caller.Is(ownerId) && !caller.IsOperatorOrAdmin) throw Access.Deny("Rentals out are for the owner themself, operators and admins.");
            return QueryAsync(context, new RentalListQuery(Statuses: StatusArgument(context), OwnerId: ownerId));
        });
        builder.Field("Buyer", "rentals", context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var renterId = context.SourceAs<BuyerView>().BuyerId;
            if (!caller.Is(renterId) && !caller.IsOperatorOrAdmin) throw Access.Deny("Rentals are for that renter, operators and admins.");
            return QueryAsync(context, new RentalListQuery(Statuses: StatusArgument(context), RenterId: renterId));
        });
        builder.Field("RentalConnection", "edges", context => context.SourceAs<RentalConnectionPage>().Edges);
        builder.Field("RentalConnection", "nodes", context => context.SourceAs<RentalConnectionPage>().Edges.Select(e => e.Node).ToArray());
        builder.Field("RentalConnection", "pageInfo", context => context.SourceAs<RentalConnectionPage>().Page);
        builder.Field("RentalConnection", "totalCount", context => context.SourceAs<RentalConnectionPage>().Page.TotalCount);
    }

    private static void BindFields(SchemaBuilder builder)
    {
        builder.Field("Rental", "item", async context => await GrainLoaders.Item(context, context.SourceAs<RentalView>().ItemId));
        builder.Field("Item", "bookings", async context =>
        {
            var (id, mode) = context.Source switch
            {
                ItemView v => (v.Id, v.Mode),
                ItemSnapshot s => (s.ItemId, s.Mode),
                _ => throw new InvalidOperationException($"Unexpected Item source {context.Source?.GetType().Name}."),
            };
            if (mode != ListingMode.RENTAL) return Array.Empty<BookedPeriod>();
            var now = ((TimeProvider?)context.RequestServices?.GetService(typeof(TimeProvider)) ?? TimeProvider.System).GetUtcNow();
            return await GrainLoaders.Client(context).GetGrain<IItemGrain>(id).GetBookingsAsync(now);
        });
        builder.Field("Buyer", "rentalsCompleted", async context => (await Trust(context)).RentalsCompleted);
        builder.Field("Buyer", "lateReturns", async context => (await Trust(context)).LateReturns);
    }

    private static Task<BuyerTrust> Trust(IResolveContext context) =>
        GrainLoaders.Client(context).GetGrain<IBuyerGrain>(context.SourceAs<BuyerView>().BuyerId).GetTrustAsync();

    private static IReadOnlyList<RentalStatus>? StatusArgument(IResolveContext context) =>
        context.GetArgument<RentalStatus?>("status") is { } status ? [status] : null;

    /// <summary>One page from the rental-list index; each row's rental is read from its grain, batched into one round.</summary>
    private static async Task<object?> QueryAsync(IResolveContext context, RentalListQuery query)
    {
        var first = context.GetArgument("first", 20);
        if (first is < 0 or > QueryResolvers.MaxPageSize)
            throw InputErrors.Invalid($"first must be between 0 and {QueryResolvers.MaxPageSize}.", "first");
        query = query with { First = Math.Max(first, 1), After = context.GetArgument<string>("after") };
        RentalListPage page;
        try
        {
            page = await GrainLoaders.Client(context).GetGrain<IRentalListIndexGrain>(IRentalListIndexGrain.All).QueryAsync(query);
        }
        catch (ArgumentException ex)
        {
            throw InputErrors.FromOrderListQuery(ex);
        }
        if (first == 0) page = page with { Edges = [], HasNextPage = page.TotalCount > 0 };
        var views = await Task.WhenAll(page.Edges.Select(e => Load(context, e.Row.RentalId)));
        var edges = page.Edges.Zip(views).Where(p => p.Second is not null).Select(p => new RentalEdgeValue(p.First.Cursor, p.Second!)).ToArray();
        return new RentalConnectionPage(page, edges);
    }

    private static Task<RentalView?> Load(IResolveContext context, string id) =>
        context.GetDataLoader<string, RentalView?>("rentals", async (keys, _) =>
        {
            var client = GrainLoaders.Client(context);
            var calls = keys.Select(k => client.GetGrain<IRentalGrain>(k).GetAsync()).ToArray();
            await Task.WhenAll(calls);
            return keys.Select((k, i) => (k, calls[i].Result)).ToDictionary(p => p.k, p => p.Result, StringComparer.Ordinal);
        }).LoadAsync(id);

    private static IRentalGrain Rental(IResolveContext context, string id) => GrainLoaders.Client(context).GetGrain<IRentalGrain>(id);

    private sealed record RentalConnectionPage(RentalListPage Page, IReadOnlyList<RentalEdgeValue> Edges);

    private sealed record RentalEdgeValue(string Cursor, RentalView Node);
}
