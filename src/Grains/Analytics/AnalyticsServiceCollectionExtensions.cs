using Marketplace.Grains.Listings;
using Marketplace.Grains.OrderLists;
using Marketplace.Grains.RentalLists;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.Analytics;

public static class AnalyticsServiceCollectionExtensions
{
    /// <summary>The read side: figure options from the "Marketplace" section, the listing store, the order-list store and the aggregates' fact store.</summary>
    public static IServiceCollection AddMarketReadSide(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MarketFiguresOptions>().Bind(configuration.GetSection(MarketFiguresOptions.SectionName));
        services.AddListingStoreFromConfiguration(configuration);
        services.AddOrderListStoreFromConfiguration(configuration);
        services.AddRentalListStoreFromConfiguration(configuration);
        services.AddAggregateFactStoreFromConfiguration(configuration);
        return services;
    }
}
