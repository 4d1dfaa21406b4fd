using Marketplace.Grains.Common;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Offers;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Trust;
using Marketplace.Grains.Interfaces.Users;
using Orleans;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Offers;

public sealed class OfferState
{
    public OfferView? Offer { get; set; }
    /// <summary>Highest offer version the item confirmed (written with the next change; a lower stored value only means a repeat the item ignores).</summary>
    public long ItemKnows { get; set; }
    /// <summary>Accepted, and the other open offers on the item are not all declined yet.</summary>
    public bool DeclineOthers { get; set; }
}

/// <summary>
/// One offer (docs/offers.md). <see cref="OfferRules"/> decides, this grain persists first and then tells the item,
/// which keeps the copy every list, the open-offer gate and the reservation read. Acceptance places the order through
/// <see cref="IOrderGrain.PlaceAsync"/>, exactly as placeOrder, at the agreed price: the item's reservation decides
/// between concurrent acceptances and orders. One durable reminder is aimed at the expiry, or sooner while the item
/// still has to hear of a change or other offers still have to be declined after an acceptance.
/// Calls go offer -> item / order / other offers; the item never calls an offer, so there is no cycle through the item.
/// </summary>
[GrainType("offer")]
public sealed class OfferGrain(
    [PersistentState("offer")] IPersistentState<OfferState> state,
    IOptions<MarketplaceOptions> options, TimeProvider time, IRiskAlertSink alerts, ILogger<OfferGrain> logger) : Grain, IOfferGrain
{
    internal const string DeadlineReminder = "offer-deadline";
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMinutes(1);

    private MarketplaceOptions Options => options.Value;
    private DateTimeOffset Now => time.GetUtcNow();
    private string Id => this.GetPrimaryKeyString();

    public async Task<Result<OfferView>> MakeAsync(MakeOffer command, CallerContext caller)
    {
        if (caller.UserId is not { } buyerId || !caller.Has(Role.USER)) return UserError.Forbidden("Only users make offers.");
        if (state.State.Offer is { } existing)
            return existing.BuyerId == buyerId && existing.ItemId == command.ItemId && existing.Amount == command.Amount
                ? Result.Ok(existing)
                : new UserError(ErrorCodes.IdempotencyConflict, "This idempotency key was already used for a different offer.", ["input", "idempotencyKey"]);
        if (OfferRules.ValidateNew(command) is { } invalid) return invalid;

        var now = Now;
        var displayName = (await GrainFactory.GetGrain<IUserGrain>(buyerId).GetAsync())?.DisplayName ?? buyerId;
        var draft = new OfferView(Id, command.ItemId, "", buyerId, displayName, command.Amount, null, command.Message?.Trim(),
            OfferStatus.PENDING, now, now + Options.Deadlines.Offer, null, 0m, 1, now);
        var item = Item(command.ItemId);
        var admission = await item.AdmitOfferAsync(draft);
        if (!admission.IsSuccess)
            return admission.Error!.Code == ErrorCodes.NotFound ? UserError.InvalidInput("itemId", admission.Error.Message) with { Code = ErrorCodes.NotFound } : admission.Error;

        var offer = admission.Value!.Offer;
        state.State.Offer = offer;
        state.State.ItemKnows = offer.Version;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Offer = null;
            await item.ForgetOfferAsync(Id); // the item must not keep an open offer nobody stored
            throw;
        }
        await SyncReminderAsync();
        await CountForSpamAsync(offer);

        // The seller's standing answer (setBargaining), given at once; makeOffer reports the offer after it.
        var policy = admission.Value.Bargaining;
        if (policy?.AutoAcceptAt is { } acceptAt && offer.Amount >= acceptAt)
        {
            var accepted = await AcceptAsync();
            return accepted.IsSuccess ? accepted : Result.Ok(state.State.Offer!); // not available any more: stays PENDING
        }
        if (policy?.AutoDeclineBelow is { } declineBelow && offer.Amount < declineBelow)
            return await CommitAsync(OfferRules.Close(offer, OfferStatus.DECLINED, Now));
        return Result.Ok(offer);
    }

    public Task<OfferView?> GetAsync() => Task.FromResult(state.State.Offer);

    public async Task<Result<OfferView>> RespondAsync(OfferResponse response, decimal? counterAmount, CallerContext caller)
    {
        if (state.State.Offer is not { } offer) return UserError.NotFound("No such offer.");
        var (isSeller, isBuyer) = (caller.Is(offer.SellerId), caller.Is(offer.BuyerId));
        if (!isSeller && !isBuyer) return UserError.Forbidden("Only the item's seller and the offer's buyer answer an offer.");
        if (!offer.IsOpen) return UserError.InvalidState($"The offer is {offer.Status}.");
        if (isSeller && offer.Status != OfferStatus.PENDING) return UserError.Forbidden("The buyer answers a counter offer.");
        if (isBuyer && offer.Status != OfferStatus.COUNTERED) return UserError.Forbidden("The seller answers a pending offer.");
        if (await ExpireIfDueAsync()) return new UserError(ErrorCodes.DeadlinePassed, "The offer has expired.");

        switch (response)
        {
            case OfferResponse.ACCEPT:
                return await AcceptAsync();
            case OfferResponse.DECLINE:
                return await CommitAsync(OfferRules.Close(offer, OfferStatus.DECLINED, Now));
            case OfferResponse.COUNTER when isBuyer:
                return UserError.InvalidInput("response", "A buyer accepts or declines a counter offer.");
            default:
                var item = await Item(offer.ItemId).GetAsync();
                var countered = OfferRules.Counter(offer, counterAmount, item?.Price ?? 0m, Now, Options.Deadlines.Offer);
                return countered.IsSuccess ? await CommitAsync(countered.Value!) : countered;
        }
    }

    public async Task<Result<OfferView>> WithdrawAsync(CallerContext caller)
    {
        if (state.State.Offer is not { } offer) return UserError.NotFound("No such offer.");
        if (!caller.Is(offer.BuyerId)) return UserError.Forbidden("Only the offer's buyer withdraws it.");
        if (!offer.IsOpen) return UserError.InvalidState($"The offer is {offer.Status}.");
        if (await ExpireIfDueAsync()) return UserError.InvalidState("The offer has expired.");
        return await CommitAsync(OfferRules.Close(offer, OfferStatus.WITHDRAWN, Now));
    }

    public async Task DeclineForAcceptedAsync(string acceptedOfferId)
    {
        if (state.State.Offer is not { IsOpen: true } offer || acceptedOfferId == Id) return;
        logger.LogInformation("Offer {OfferId} declined: offer {Accepted} on item {ItemId} was accepted", Id, acceptedOfferId, offer.ItemId);
        await CommitAsync(OfferRules.Close(offer, OfferStatus.DECLINED, Now));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadlineReminder) return;
        if (state.State.Offer is null)
        {
            await UnregisterAsync();
            return;
        }
        await ExpireIfDueAsync();
        await SyncItemAsync();
        if (state.State.DeclineOthers) await DeclineOthersAsync();
        await SyncReminderAsync();
    }

    /// <summary>
    /// ACCEPT: the order is placed for the buyer exactly as placeOrder would, at the agreed price (the item reserves at
    /// the amount of its copy of this offer, so that copy must be current first). Refused (e.g. ITEM_NOT_AVAILABLE):
    /// the offer stays as it was. The order id is derived from the offer, so a retry after a crash finds the same order.
    /// </summary>
    private async Task<Result<OfferView>> AcceptAsync()
    {
        var offer = state.State.Offer!;
        await SyncItemAsync(throwOnFailure: true);
        var orderId = OfferIds.OrderFor(offer.Id);
        var placed = await GrainFactory.GetGrain<IOrderGrain>(orderId)
            .PlaceAsync(new PlaceOrder(offer.ItemId, OfferId: offer.Id), CallerContext.User(offer.BuyerId));
        if (!placed.IsSuccess) return placed.Error!;

        state.State.DeclineOthers = true;
        var accepted = await CommitAsync(OfferRules.Accept(offer, orderId, Now));
        await DeclineOthersAsync();
        return accepted;
    }

    /// <summary>Every other open offer on the item is DECLINED once one is accepted; retried by the reminder until done.</summary>
    private async Task DeclineOthersAsync()
    {
        var offer = state.State.Offer!;
        try
        {
            var deals = await Item(offer.ItemId).GetDealsAsync();
            foreach (var other in deals?.Offers.Where(o => o.IsOpen && o.Id != offer.Id) ?? [])
                await GrainFactory.GetGrain<IOfferGrain>(other.Id).DeclineForAcceptedAsync(offer.Id);
            state.State.DeclineOthers = false;
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Offer {OfferId}: declining the other offers on {ItemId} failed; the reminder retries", offer.Id, offer.ItemId);
        }
        await SyncReminderAsync();
    }

    private async Task<bool> ExpireIfDueAsync()
    {
        if (state.State.Offer is not { } offer || !OfferRules.IsDue(offer, Now)) return false;
        logger.LogInformation("Offer {OfferId} expired", offer.Id);
        await CommitAsync(OfferRules.Close(offer, OfferStatus.EXPIRED, Now));
        return true;
    }

    /// <summary>Persist first (the offer is the source of truth), then aim the reminder and tell the item.</summary>
    private async Task<Result<OfferView>> CommitAsync(OfferView after)
    {
        var before = state.State.Offer;
        state.State.Offer = after;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Offer = before;
            throw;
        }
        await SyncItemAsync();
        await SyncReminderAsync();
        return Result.Ok(after);
    }

    private async Task SyncItemAsync(bool throwOnFailure = false)
    {
        if (state.State.Offer is not { } offer || state.State.ItemKnows >= offer.Version) return;
        try
        {
            await Item(offer.ItemId).RecordOfferAsync(offer);
            state.State.ItemKnows = offer.Version;
        }
        catch (Exception ex) when (!throwOnFailure)
        {
            logger.LogWarning(ex, "Offer {OfferId}: the item did not take version {Version}; the reminder retries", offer.Id, offer.Version);
        }
    }

    private async Task SyncReminderAsync()
    {
        if (state.State.Offer is not { } offer)
        {
            await UnregisterAsync();
            return;
        }
        DateTimeOffset? due = offer.IsOpen ? offer.ExpiresAt : null;
        if (state.State.ItemKnows < offer.Version || state.State.DeclineOthers)
        {
            var retry = Now + RetryPeriod;
            due = due is { } expiry && expiry < retry ? expiry : retry;
        }
        if (due is { } at)
        {
            var dueIn = at - Now;
            await this.RegisterOrUpdateReminder(DeadlineReminder, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, RetryPeriod);
        }
        else
        {
            await UnregisterAsync();
        }
    }

    private async Task UnregisterAsync()
    {
        if (await this.GetReminder(DeadlineReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    /// <summary>The buyer's offer list; crossing the hourly threshold raises OFFER_SPAM once per crossing.</summary>
    private async Task CountForSpamAsync(OfferView offer)
    {
        var inLastHour = await GrainFactory.GetGrain<IBuyerOffersGrain>(offer.BuyerId).AddAsync(offer.Id, offer.CreatedAt);
        if (inLastHour == Options.Offers.SpamThreshold + 1)
            await alerts.RaiseAsync(new RiskAlert(AlertKind.OFFER_SPAM, Severity.WARNING,
                $"Buyer {offer.BuyerId} made {inLastHour} offers within an hour.", offer.CreatedAt, offer.ItemId, offer.SellerId, BuyerId: offer.BuyerId));
    }

    private IItemGrain Item(string itemId) => GrainFactory.GetGrain<IItemGrain>(itemId);
}
