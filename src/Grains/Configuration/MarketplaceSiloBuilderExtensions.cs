using Marketplace.Grains.Common;
using Marketplace.Grains.Orders;
using Orleans.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Grains.Configuration;

public static class MarketplaceSiloBuilderExtensions
{
    /// <summary>
    /// Registers the services of the marketplace grains (Orleans finds the grain classes of this assembly itself) and binds <c>Marketplace:*</c> and <c>Auth:*</c> into
    /// <see cref="MarketplaceOptions"/> and <see cref="AuthOptions"/>. Deadlines bind from TimeSpan strings.
    /// </summary>
    public static ISiloBuilder AddMarketplaceGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<MarketplaceOptions>()
            .Bind(configuration.GetSection(MarketplaceOptions.SectionName))
            .Validate(o => o.FeeRate is >= 0 and < 1, "Marketplace:FeeRate must be in [0, 1).")
            .Validate(o => o.Deadlines.Payment > TimeSpan.Zero && o.Deadlines.ShipBy > TimeSpan.Zero && o.Deadlines.BuyerProtection > TimeSpan.Zero
                && o.Deadlines.InspectionDecision > TimeSpan.Zero,
                "Marketplace:Deadlines:* must be positive.")
            .Validate(o => o.SlowMovingDays > 0 && o.Pricing.MinSample > 0, "Marketplace:SlowMovingDays and Pricing:MinSample must be positive.")
            .Validate(o => o.Events.RetryDelay >= TimeSpan.Zero && o.Events.RetryPeriod > TimeSpan.Zero,
                "Marketplace:Events:RetryDelay must not be negative and RetryPeriod must be positive.")
            .Validate(o => o.Deadlines.Offer > TimeSpan.Zero && o.Markdown.Period > TimeSpan.Zero && o.Offers.SpamThreshold > 0,
                "Marketplace:Deadlines:Offer, Markdown:Period and Offers:SpamThreshold must be positive.")
            .ValidateOnStart();
        silo.Services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.SectionName))
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, "Auth:TokenLifetime must be positive.");
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<IRiskAlertSink, LoggingRiskAlertSink>();
        return silo;
    }

    public static ISiloBuilder AddMarketplaceGrains(this ISiloBuilder silo) => silo.AddMarketplaceGrains(silo.Configuration);
}
