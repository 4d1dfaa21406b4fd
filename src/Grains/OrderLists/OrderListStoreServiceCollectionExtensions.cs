using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces.OrderLists;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.OrderLists;

public static class OrderListStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IOrderListStore"/> following Storage:Provider (<see cref="StoreProviderSwitch"/>):
    /// Sqlite "marketplace.orders.db", Postgres table order_list, or Memory.
    /// </summary>
    public static IServiceCollection AddOrderListStoreFromConfiguration(this IServiceCollection services, IConfiguration configuration) =>
        services.AddStoreFromConfiguration<IOrderListStore>(configuration, "orders",
            sqlite: path => new SqlOrderListStore(new SqliteOrderListDialect(path)),
            postgres: connectionString => new SqlOrderListStore(new PostgresOrderListDialect(connectionString)),
            memory: () => new MemoryOrderListStore());
}
