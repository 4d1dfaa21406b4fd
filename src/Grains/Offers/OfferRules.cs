using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Offers;

namespace Marketplace.Grains.Offers;

/// <summary>
/// The offer state machine of the contract's "Offers and bargaining" and the markdown arithmetic, as pure functions:
/// each returns a new offer (version + 1) or an error; the grains persist and notify around them.
/// </summary>
public static class OfferRules
{
    public static UserError? ValidateNew(MakeOffer command) =>
        Validation.Id(command.ItemId, "itemId")
        ?? Money.ValidatePrice(command.Amount, "amount")
        ?? Validation.OptionalText(command.Message, "message", 1_000);

    /// <summary>The seller's COUNTER: amount &lt; counterAmount &lt; the item's price now.</summary>
    public static Result<OfferView> Counter(OfferView offer, decimal? counterAmount, decimal itemPrice, DateTimeOffset now, TimeSpan expiry)
    {
        if (counterAmount is not { } counter) return UserError.InvalidInput("counterAmount", "COUNTER needs a counterAmount.");
        if (Money.ValidatePrice(counter, "counterAmount") is { } error) return error;
        if (counter <= offer.Amount || counter >= itemPrice)
            return UserError.InvalidInput("counterAmount", $"A counter must be above the offer ({offer.Amount}) and below the price ({itemPrice}).");
        // A counter restarts the expiry: the buyer gets the full time to answer it.
        return Result.Ok(Next(offer, now) with { Status = OfferStatus.COUNTERED, CounterAmount = counter, ExpiresAt = now + expiry });
    }

    public static OfferView Close(OfferView offer, OfferStatus status, DateTimeOffset now) => Next(offer, now) with { Status = status };

    public static OfferView Accept(OfferView offer, string orderId, DateTimeOffset now) =>
        Next(offer, now) with { Status = OfferStatus.ACCEPTED, OrderId = orderId };

    public static bool IsDue(OfferView offer, DateTimeOffset now) => offer.IsOpen && now >= offer.ExpiresAt;

    private static OfferView Next(OfferView offer, DateTimeOffset now) => offer with { Version = offer.Version + 1, UpdatedAt = now };

    /// <summary>setBargaining bounds: optional, positive with two decimals, below the price, autoDeclineBelow &lt; autoAcceptAt.</summary>
    public static UserError? ValidateBargaining(Bargaining policy, decimal price) =>
        Bound(policy.AutoAcceptAt, "autoAcceptAt", price)
        ?? Bound(policy.AutoDeclineBelow, "autoDeclineBelow", price)
        ?? (policy is { AutoAcceptAt: { } accept, AutoDeclineBelow: { } decline } && decline >= accept
            ? UserError.InvalidInput("autoDeclineBelow", "autoDeclineBelow must be below autoAcceptAt.")
            : null);

    private static UserError? Bound(decimal? bound, string field, decimal price) =>
        bound is not { } value ? null
        : Money.ValidatePrice(value, field)
        ?? (value >= price ? UserError.InvalidInput(field, $"{field} must be below the price ({price}).") : null);

    /// <summary>setAutoMarkdown: 0 &lt; percent ≤ 50, 0 &lt; floor &lt; price (two decimals).</summary>
    public static UserError? ValidateMarkdown(double percent, decimal floor, decimal price) =>
        !(percent > 0 && percent <= 50) ? UserError.InvalidInput("percent", "percent must be greater than 0 and at most 50.")
        : Money.ValidatePrice(floor, "floor")
        ?? (floor >= price ? UserError.InvalidInput("floor", $"The floor must be below the price ({price}).") : null);

    /// <summary>One step: max(floor, round(price × (1 − percent ÷ 100), 2)), midpoint away from zero as all money.</summary>
    public static decimal MarkdownStep(decimal price, double percent, decimal floor) =>
        Math.Max(floor, Math.Round(price * (1m - (decimal)percent / 100m), 2, MidpointRounding.AwayFromZero));
}
