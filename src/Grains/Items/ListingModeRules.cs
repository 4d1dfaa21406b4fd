using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Items;

namespace Marketplace.Grains.Items;

/// <summary>What a listing's mode requires (contract, "Rentals"): a RENTAL item has terms, a SALE item has none.</summary>
internal static class ListingModeRules
{
    public static UserError? Validate(ListingMode mode, RentalTerms? terms) => (mode, terms) switch
    {
        (ListingMode.SALE, null) => null,
        (ListingMode.SALE, _) => UserError.InvalidInput("rentalTerms", "Only RENTAL items have rental terms."),
        (_, null) => UserError.InvalidInput("rentalTerms", "A RENTAL item needs rental terms."),
        (_, { } t) => Terms(Money.ValidatePrice(t.DailyRate, "dailyRate"))
            ?? (t.Deposit < 0 ? Terms("deposit", "The deposit cannot be negative.") : null)
            ?? (!Money.HasAtMostTwoDecimals(t.Deposit) ? Terms("deposit", "The amount may have at most two decimals.") : null)
            ?? (t.MinDays < 1 ? Terms("minDays", "minDays must be at least 1.") : null)
            ?? (t.MaxDays < t.MinDays ? Terms("maxDays", "maxDays cannot be less than minDays.") : null),
    };

    private static UserError Terms(string field, string message) => new(ErrorCodes.InvalidInput, message, ["input", "rentalTerms", field]);

    private static UserError? Terms(UserError? error) => error is null ? null : error with { Field = ["input", "rentalTerms", .. error.Field!.Skip(1)] };
}
