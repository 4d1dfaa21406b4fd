using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Offers;
using Marketplace.Grains.Offers;
using Orleans;
using Orleans.Runtime;

namespace Marketplace.Grains.Items;

/// <summary>The item's part of bargaining: its copy of every offer, the seller's policy and the markdown schedule.</summary>
public sealed class ItemOffersState
{
    /// <summary>Every offer made on the item, oldest first, each at the newest version its grain reported.</summary>
    public List<OfferView> Offers { get; set; } = [];
    /// <summary>Every version of every offer the item took, in that order (append-only): offerChanged sends each once, like an order's history.</summary>
    public List<OfferView> Changes { get; set; } = [];
    public Bargaining? Bargaining { get; set; }
    public AutoMarkdown? Markdown { get; set; }
}

/// <summary>
/// Offers and auto markdown on the item (docs/offers.md). The item is the gate for "one open offer per buyer" and,
/// through <see cref="ReserveForOfferAsync"/>, for "exactly one winner" between acceptances and plain orders: both
/// reserve in this turn-based grain. The item never calls an offer grain (offers call the item), so no call cycle.
/// </summary>
public sealed partial class ItemGrain
{
    internal const string MarkdownReminder = "auto-markdown";

    private ItemOffersState Deals => State.Offers;

    public async Task<Result<OfferAdmission>> AdmitOfferAsync(OfferView offer)
    {
        if (State.Item is not { } item) return UserError.NotFound($"No item '{offer.ItemId}'.");
        if (Deals.Offers.FirstOrDefault(o => o.Id == offer.Id) is { } known) return Result.Ok(new OfferAdmission(known, Deals.Bargaining));
        if (item.SellerId == offer.BuyerId) return UserError.Forbidden("Sellers do not make offers on their own items.");
        if (item.Mode == ListingMode.RENTAL) return UserError.InvalidState("A RENTAL item is rented, not bargained for.");
        if (item.Status != ItemStatus.LISTED) return new UserError(ErrorCodes.ItemNotAvailable, $"The item is {item.Status}.");
        if (offer.Amount >= item.Price) return UserError.InvalidInput("amount", $"An offer must be below the price ({item.Price}).");
        if (Deals.Offers.Any(o => o.IsOpen && o.BuyerId == offer.BuyerId))
            return UserError.InvalidState("You already have an open offer on this item.");

        var recorded = offer with { SellerId = item.SellerId, ListPrice = item.Price };
        Deals.Offers.Add(recorded);
        try
        {
            await SaveOffersAsync(item, recorded);
        }
        catch
        {
            Deals.Offers.Remove(recorded);
            throw;
        }
        return Result.Ok(new OfferAdmission(recorded, Deals.Bargaining));
    }

    public async Task RecordOfferAsync(OfferView offer)
    {
        if (State.Item is not { } item) return;
        var index = Deals.Offers.FindIndex(o => o.Id == offer.Id);
        if (index < 0 || Deals.Offers[index].Version >= offer.Version) return; // unknown (forgotten) or a repeat / older report
        var previous = Deals.Offers[index];
        Deals.Offers[index] = offer;
        try
        {
            await SaveOffersAsync(item, offer);
        }
        catch
        {
            Deals.Offers[index] = previous;
            throw;
        }
    }

    public async Task ForgetOfferAsync(string offerId)
    {
        var index = Deals.Offers.FindIndex(o => o.Id == offerId);
        if (index < 0 || State.Item is not { } item) return;
        var forgotten = Deals.Offers[index];
        Deals.Offers.RemoveAt(index);
        try
        {
            // Announced as closed, so whoever saw it open (subscribers, figures) does not keep it open.
            await SaveOffersAsync(item, forgotten with { Status = OfferStatus.WITHDRAWN, Version = forgotten.Version + 1 });
        }
        catch
        {
            Deals.Offers.Insert(index, forgotten);
            throw;
        }
    }

    public async Task<Result<ItemReservation>> ReserveForOfferAsync(string orderId, string buyerId, string offerId)
    {
        if (State.Item is not { } item) return UserError.NotFound("No such item.");
        if (item.Status == ItemStatus.RESERVED && item.ReservedByOrderId == orderId) return Result.Ok(Reservation(item));
        if (item.Status != ItemStatus.LISTED) return new UserError(ErrorCodes.ItemNotAvailable, $"The item is {item.Status}.");
        if (Deals.Offers.FirstOrDefault(o => o.Id == offerId) is not { } offer || offer.BuyerId != buyerId || !offer.IsOpen)
            return UserError.InvalidState("The offer is not open on this item.");
        var agreed = offer.AgreedAmount;
        var reserved = item with
        {
            Status = ItemStatus.RESERVED,
            ReservedByOrderId = orderId,
            Price = agreed,
            PriceHistory = agreed == item.Price ? item.PriceHistory : [.. item.PriceHistory, new PricePoint(agreed, Now, PriceChangeReason.OFFER_ACCEPTED)],
        };
        await SaveAsync(reserved, notifySeller: true, (snapshot, at) => new ItemReserved(snapshot, at, orderId));
        return Result.Ok(Reservation(reserved));
    }

    public Task<OfferChangePage> GetOfferChangesAsync(int skip) =>
        Task.FromResult(new OfferChangePage(Deals.Changes.Count, skip >= Deals.Changes.Count ? [] : [.. Deals.Changes.Skip(Math.Max(0, skip))]));

    public Task<ItemDeals?> GetDealsAsync() =>
        Task.FromResult(State.Item is null ? null : new ItemDeals([.. Deals.Offers], Deals.Bargaining, Deals.Markdown));

    public async Task<Result<ItemView>> SetBargainingAsync(Bargaining policy, CallerContext caller)
    {
        if (State.Item is not { } item) return UserError.NotFound("No such item.");
        if (!caller.Is(item.SellerId)) return UserError.Forbidden("Only the item's seller sets its bargaining policy.");
        if (item.Mode == ListingMode.RENTAL) return UserError.InvalidState("A RENTAL item takes no offers.");
        if (item.Status != ItemStatus.LISTED) return UserError.InvalidState($"The item is {item.Status}.");
        if (OfferRules.ValidateBargaining(policy, item.Price) is { } error) return error;
        var previous = Deals.Bargaining;
        Deals.Bargaining = policy.AutoAcceptAt is null && policy.AutoDeclineBelow is null ? null : policy;
        try
        {
            await WriteStateAsync();
        }
        catch
        {
            Deals.Bargaining = previous;
            throw;
        }
        return Result.Ok(item);
    }

    public async Task<Result<ItemView>> SetAutoMarkdownAsync(double percent, decimal floor, CallerContext caller)
    {
        if (State.Item is not { } item) return UserError.NotFound("No such item.");
        if (!caller.Is(item.SellerId)) return UserError.Forbidden("Only the item's seller schedules a markdown.");
        if (item.Mode == ListingMode.RENTAL) return UserError.InvalidState("Only SALE items are marked down.");
        if (item.Status != ItemStatus.LISTED) return UserError.InvalidState($"The item is {item.Status}.");
        if (OfferRules.ValidateMarkdown(percent, floor, item.Price) is { } error) return error;
        var schedule = new AutoMarkdown(percent, floor, Now + Options.Markdown.Period);
        await SetMarkdownAsync(schedule);
        await AimMarkdownReminderAsync(schedule);
        return Result.Ok(item);
    }

    public async Task<Result<ItemView>> CancelAutoMarkdownAsync(CallerContext caller)
    {
        if (State.Item is not { } item) return UserError.NotFound("No such item.");
        if (!caller.Is(item.SellerId)) return UserError.Forbidden("Only the item's seller cancels its markdown.");
        if (Deals.Markdown is not null) await SetMarkdownAsync(null);
        await AimMarkdownReminderAsync(null);
        return Result.Ok(item);
    }

    /// <summary>
    /// The markdown reminder. The next step's due time is stored with the price it produced (one write), so a step is
    /// applied once per period whatever the reminder does: a late, repeated or restarted tick finds the stored due time
    /// in the future and does nothing; ticks missed while no silo ran are caught up, one step per period that passed.
    /// </summary>
    private async Task OnMarkdownReminderAsync()
    {
        while (Deals.Markdown is { NextAt: { } due } schedule && due <= Now)
        {
            if (State.Item is not { Status: ItemStatus.LISTED } item)
            {
                await SetMarkdownAsync(schedule with { NextAt = null }); // left LISTED: the schedule stops for good
                break;
            }
            var price = OfferRules.MarkdownStep(item.Price, schedule.Percent, schedule.Floor);
            if (price >= item.Price)
            {
                await SetMarkdownAsync(schedule with { NextAt = null });
                break;
            }
            var next = schedule with { NextAt = price <= schedule.Floor ? null : due + Options.Markdown.Period };
            Deals.Markdown = next;
            try
            {
                await SaveAsync(item with { Price = price, PriceHistory = [.. item.PriceHistory, new PricePoint(price, Now, PriceChangeReason.AUTO_MARKDOWN)] }, false,
                    (snapshot, at) => new ItemPriceChanged(snapshot, at, item.Price, PriceChangeReason.AUTO_MARKDOWN));
            }
            catch
            {
                Deals.Markdown = schedule;
                throw;
            }
        }
        await AimMarkdownReminderAsync(Deals.Markdown);
    }

    private async Task SetMarkdownAsync(AutoMarkdown? schedule)
    {
        var previous = Deals.Markdown;
        Deals.Markdown = schedule;
        try
        {
            await WriteStateAsync();
        }
        catch
        {
            Deals.Markdown = previous;
            throw;
        }
    }

    /// <summary>One reminder aimed at the next due step (its period only matters if a tick's handling fails).</summary>
    private async Task AimMarkdownReminderAsync(AutoMarkdown? schedule)
    {
        if (schedule?.NextAt is { } due)
        {
            var dueIn = due - Now;
            var period = Options.Markdown.Period < MinimumReminderPeriod ? MinimumReminderPeriod : Options.Markdown.Period;
            await this.RegisterOrUpdateReminder(MarkdownReminder, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, period);
        }
        else if (await this.GetReminder(MarkdownReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Writes the offer's new version into the change log, with the item's open-offer count and the offer's event
    /// (offerChanged subscribers and the figures read them); a failed write takes the log entry out again.
    /// </summary>
    private async Task SaveOffersAsync(ItemView item, OfferView offer)
    {
        Deals.Changes.Add(offer);
        try
        {
            await SaveAsync(item with { Offers = Deals.Offers.Count(o => o.IsOpen) }, false, (snapshot, at) => new ItemOfferChanged(snapshot, at, offer));
        }
        catch
        {
            Deals.Changes.RemoveAt(Deals.Changes.Count - 1);
            throw;
        }
    }
}
