using Marketplace.Grains.Common;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Trust;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Items;

public sealed class ItemState
{
    public ItemView? Item { get; set; }
    /// <summary>Users who favorited the item: each counts once.</summary>
    public HashSet<string> FavoritedBy { get; set; } = [];
    /// <summary>Bumped with every published change: the Sequence of the item's market events.</summary>
    public long Version { get; set; }
    public List<string> CategoryPath { get; set; } = [];
    public bool HighValueCategory { get; set; }
    /// <summary>Market events written with the change they announce and not yet known to be published (outbox).</summary>
    public List<MarketEvent> Outbox { get; set; } = [];
    /// <summary>Bookings of a RENTAL item (ItemGrain.Rentals.cs).</summary>
    public ItemRentalState Rentals { get; set; } = new();
    /// <summary>Offers on the item, the bargaining policy and the markdown schedule (ItemGrain.Offers.cs).</summary>
    public ItemOffersState Offers { get; set; } = new();
}

/// <summary>
/// One item. Turn-based (not reentrant), so concurrent <see cref="ReserveAsync"/> calls run one after
/// the other and only the first finds the item LISTED. Every change (status, price, views, ...) publishes
/// its market event through the persisted outbox (<see cref="MarketEventOutbox"/>).
/// </summary>
[GrainType("item")]
public sealed partial class ItemGrain(
    [PersistentState("item")] IPersistentState<ItemState> state, IOptions<MarketplaceOptions> options, TimeProvider time, ILogger<ItemGrain> logger) : Grain, IItemGrain
{
    private MarketEventOutbox? _outbox;
    private MarketEventOutbox Outbox => _outbox ??= new(this, () => state.State.Outbox, state.WriteStateAsync, options.Value.Events, logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Outbox.OnActivateAsync();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Outbox.OnDeactivateAsync(reason);

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName switch
    {
        MarketEventOutbox.RetryReminder => Outbox.OnRetryReminderAsync(),
        MarkdownReminder => OnMarkdownReminderAsync(),
        _ => Task.CompletedTask,
    };

    // For the other parts of this partial class (primary-constructor parameters are visible in this part only).
    private ItemState State => state.State;
    private MarketplaceOptions Options => options.Value;
    private DateTimeOffset Now => time.GetUtcNow();
    private Task WriteStateAsync() => state.WriteStateAsync();

    public async Task<Result<ItemView>> ListAsync(ListItem command, CallerContext caller)
    {
        if (caller.UserId is not { } sellerId || !caller.Has(Role.USER)) return UserError.Forbidden("Only users list items.");
        if (state.State.Item is not null) return new UserError(ErrorCodes.AlreadyExists, "An item with this id already exists.");
        var error = Validation.RequiredText(command.Title, "title", 200)
            ?? Validation.OptionalText(command.Description, "description", 10_000)
            ?? Money.ValidatePrice(command.Price, "price")
            ?? ListingModeRules.Validate(command.Mode, command.RentalTerms)
            ?? (command.RepairHistory ?? []).Select((r, i) => Validation.RequiredText(r, "repairHistory", 1_000)).FirstOrDefault(e => e is not null);
        if (error is not null) return error;
        if (await GrainFactory.GetGrain<ICategoryGrain>(command.CategoryId).GetAsync() is not { } category)
            return UserError.InvalidInput("categoryId", $"Unknown category '{command.CategoryId}'.");
        if (await GrainFactory.GetGrain<IRegionGrain>(command.RegionId).GetAsync() is null)
            return UserError.InvalidInput("regionId", $"Unknown region '{command.RegionId}'.");

        var now = time.GetUtcNow();
        var item = new ItemView(
            this.GetPrimaryKeyString(), sellerId, command.CategoryId, command.RegionId, command.Title.Trim(), command.Description ?? "",
            command.ClaimedGrade, null, command.AccessoriesComplete, [.. (command.RepairHistory ?? []).Select(r => r.Trim())],
            command.Price, [new PricePoint(command.Price, now, PriceChangeReason.LISTED)], ItemStatus.LISTED,
            0, 0, 0, now, now, null, null, command.Mode, command.RentalTerms);
        state.State.CategoryPath = await CategoryPathAsync(category);
        state.State.HighValueCategory = category.HighValue;
        return await SaveAsync(item, notifySeller: true, (snapshot, at) => new ItemListed(snapshot, at));
    }

    public Task<ItemView?> GetAsync() => Task.FromResult(state.State.Item);

    public async Task<Result<ItemView>> ChangePriceAsync(decimal price, CallerContext caller, PriceChangeReason reason = PriceChangeReason.SELLER_CHANGE)
    {
        if (state.State.Item is not { } item) return UserError.NotFound("No such item.");
        if (!caller.Is(item.SellerId)) return UserError.Forbidden("Only the item's seller changes its price.");
        if (Money.ValidatePrice(price, "price") is { } error) return error;
        if (item.Status is not (ItemStatus.LISTED or ItemStatus.DRAFT)) return UserError.InvalidState($"The price of a {item.Status} item cannot change.");
        if (reason == PriceChangeReason.LISTED) return UserError.InvalidInput("reason", "LISTED is not a price change.");
        return await SaveAsync(item with { Price = price, PriceHistory = [.. item.PriceHistory, new PricePoint(price, time.GetUtcNow(), reason)] }, false,
            (snapshot, at) => new ItemPriceChanged(snapshot, at, item.Price, reason));
    }

    public async Task<Result<ItemView>> DelistAsync(CallerContext caller)
    {
        if (state.State.Item is not { } item) return UserError.NotFound("No such item.");
        if (!caller.Is(item.SellerId)) return UserError.Forbidden("Only the item's seller delists it.");
        if (item.Status is not (ItemStatus.LISTED or ItemStatus.DRAFT)) return UserError.InvalidState($"A {item.Status} item cannot be delisted.");
        return await SaveAsync(item with { Status = ItemStatus.DELISTED }, notifySeller: true, (snapshot, at) => new ItemDelisted(snapshot, at));
    }

    public async Task<Result<ItemView>> RecordViewAsync()
    {
        if (state.State.Item is not { } item) return UserError.NotFound("No such item.");
        return await SaveAsync(item with { Views = item.Views + 1 }, false, (snapshot, at) => new ItemViewed(snapshot, at));
    }

    public async Task<Result<ItemView>> FavoriteAsync(CallerContext caller)
    {
        if (state.State.Item is not { } item) return UserError.NotFound("No such item.");
        if (caller.UserId is not { } userId) return UserError.Forbidden("Only users favorite items.");
        if (state.State.FavoritedBy.Contains(userId)) return Result.Ok(item);
        await GrainFactory.GetGrain<IBuyerGrain>(userId).AddFavoriteAsync(item.Id);
        state.State.FavoritedBy.Add(userId);
        return await SaveAsync(item with { Favorites = state.State.FavoritedBy.Count }, false, (snapshot, at) => new ItemFavorited(snapshot, at, userId));
    }

    public async Task<Result<ItemReservation>> ReserveAsync(string orderId, string buyerId)
    {
        if (state.State.Item is not { } item) return UserError.NotFound("No such item.");
        if (item.Status == ItemStatus.RESERVED && item.ReservedByOrderId == orderId) return Result.Ok(Reservation(item));
        if (item.Mode == ListingMode.RENTAL) return UserError.InvalidState("A RENTAL item is rented, not bought.");
        if (item.SellerId == buyerId)
        {
            // Written to the outbox (the item itself does not change) so the alert survives a failed publish too.
            await Outbox.WriteWithAsync(new SelfPurchaseAttempted(
                "self-" + Guid.NewGuid().ToString("N"), time.GetUtcNow(), item.Id, item.SellerId, item.CategoryId, state.State.CategoryPath, item.RegionId));
            await Outbox.PublishAsync();
            return new UserError(ErrorCodes.SelfPurchase, "Sellers cannot buy their own items.");
        }
        if (item.Status != ItemStatus.LISTED) return new UserError(ErrorCodes.ItemNotAvailable, $"The item is {item.Status}.");
        var reserved = item with { Status = ItemStatus.RESERVED, ReservedByOrderId = orderId };
        await SaveAsync(reserved, notifySeller: true, (snapshot, at) => new ItemReserved(snapshot, at, orderId));
        return Result.Ok(Reservation(reserved));
    }

    public async Task ReleaseAsync(string orderId, bool relist)
    {
        if (state.State.Item is not { Status: ItemStatus.RESERVED } item || item.ReservedByOrderId != orderId) return;
        await SaveAsync(item with { Status = relist ? ItemStatus.LISTED : ItemStatus.DELISTED, ReservedByOrderId = null }, notifySeller: true,
            (snapshot, at) => relist ? new ItemRelisted(snapshot, at, orderId) : new ItemDelisted(snapshot, at));
    }

    public async Task MarkSoldAsync(string orderId)
    {
        if (state.State.Item is not { Status: ItemStatus.RESERVED } item || item.ReservedByOrderId != orderId) return;
        await SaveAsync(item with { Status = ItemStatus.SOLD, SoldAt = time.GetUtcNow() }, notifySeller: true, (snapshot, at) => new ItemSold(snapshot, at, orderId));
    }

    public async Task SetVerifiedGradeAsync(string orderId, Grade verifiedGrade)
    {
        if (state.State.Item is not { } item || item.ReservedByOrderId != orderId) return;
        await SaveAsync(item with { VerifiedGrade = verifiedGrade }, false, (snapshot, at) => new ItemGradeVerified(snapshot, at));
    }

    private ItemReservation Reservation(ItemView item) =>
        new(item.Id, item.SellerId, item.CategoryId, item.RegionId, item.Price, item.ClaimedGrade, item.ListedAt, item.VerifiedGrade, state.State.CategoryPath);

    /// <summary>Root first, ending with the category itself (bounded, in case of a corrupt parent loop).</summary>
    private async Task<List<string>> CategoryPathAsync(CategoryView category)
    {
        var path = new List<string> { category.Id };
        for (var parent = category.ParentId; parent is not null && path.Count < 32 && !path.Contains(parent);)
        {
            path.Insert(0, parent);
            parent = (await GrainFactory.GetGrain<ICategoryGrain>(parent).GetAsync())?.ParentId;
        }
        return path;
    }

    private ItemSnapshot Snapshot(ItemView item) => new(
        item.Id, state.State.Version, item.SellerId, item.CategoryId, state.State.CategoryPath, item.RegionId, item.Title, item.Description,
        item.ClaimedGrade, item.VerifiedGrade, item.Price, item.Status, item.ListedAt, item.SoldAt, item.Views, item.Favorites, state.State.HighValueCategory)
    {
        PriceHistory = item.PriceHistory,
        Mode = item.Mode,
    };

    /// <summary>Write the change with its market event, publish it, then tell the seller about status changes.</summary>
    private async Task<Result<ItemView>> SaveAsync(ItemView item, bool notifySeller, Func<ItemSnapshot, DateTimeOffset, ItemEvent> marketEvent)
    {
        var (previous, previousVersion) = (state.State.Item, state.State.Version);
        state.State.Item = item;
        state.State.Version++;
        try
        {
            await Outbox.WriteWithAsync(marketEvent(Snapshot(item), time.GetUtcNow()));
        }
        catch
        {
            // Not durable: the version must not be used by a later change's event for different content.
            (state.State.Item, state.State.Version) = (previous, previousVersion);
            throw;
        }
        await Outbox.PublishAsync();
        if (notifySeller)
            await GrainFactory.GetGrain<ISellerGrain>(item.SellerId).RecordItemStatusAsync(item.Id, item.Status, time.GetUtcNow());
        return Result.Ok(item);
    }
}
