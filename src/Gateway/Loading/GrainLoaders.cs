using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Trust;
using Marketplace.Grains.Interfaces.Users;
using Marketplace.GraphQL.Execution;

namespace Marketplace.Gateway.Loading;

/// <summary>
/// Request-scoped batch loaders over grains: keys asked for by sibling fields go out as one round of
/// concurrent grain calls (one per distinct key) and each result is cached for the rest of the request.
/// </summary>
internal static class GrainLoaders
{
    public static Task<ItemView?> Item(IResolveContext context, string id) =>
        Load(context, "items", id, (client, key) => client.GetGrain<IItemGrain>(key).GetAsync());

    public static Task<UserView?> User(IResolveContext context, string id) =>
        Load(context, "users", id, (client, key) => client.GetGrain<IUserGrain>(key).GetAsync());

    public static Task<SellerProfile?> Seller(IResolveContext context, string id) =>
        Load(context, "sellers", id, async (client, key) => (SellerProfile?)await client.GetGrain<ISellerGrain>(key).GetProfileAsync());

    /// <summary>The seller beside an item: a profile this gateway fetched within <see cref="SellerCardOptions.MaxAge"/>, else the grain's.</summary>
    public static Task<SellerProfile?> SellerCard(IResolveContext context, string id)
    {
        var cache = Service<SellerCardCache>(context);
        if (cache.Find(id) is { } recent) return Task.FromResult<SellerProfile?>(recent);
        return Load(context, "sellerCards", id, async (client, key) =>
        {
            var profile = await client.GetGrain<ISellerGrain>(key).GetProfileAsync();
            cache.Keep(profile);
            return (SellerProfile?)profile;
        });
    }

    public static Task<BuyerView?> Buyer(IResolveContext context, string id) =>
        Load(context, "buyers", id, async (client, key) => (BuyerView?)await client.GetGrain<IBuyerGrain>(key).GetAsync());

    public static Task<CategoryView?> Category(IResolveContext context, string id) =>
        Load(context, "categories", id, (client, key) => client.GetGrain<ICategoryGrain>(key).GetAsync());

    public static Task<RegionView?> Region(IResolveContext context, string id) =>
        Load(context, "regions", id, (client, key) => client.GetGrain<IRegionGrain>(key).GetAsync());

    public static Task<OrderView?> Order(IResolveContext context, string id) =>
        Load(context, "orders", id, (client, key) => client.GetGrain<IOrderGrain>(key).GetAsync());

    /// <summary>Puts a value just fetched or changed (e.g. by a mutation) into the request's cache.</summary>
    public static void PrimeItem(IResolveContext context, ItemView item) =>
        context.GetDataLoader<string, ItemView?>("items", (keys, _) => Batch(context, keys, (client, key) => client.GetGrain<IItemGrain>(key).GetAsync()))
            .Prime(item.Id, item);

    private static Task<T?> Load<T>(IResolveContext context, string name, string id, Func<IClusterClient, string, Task<T?>> fetch) where T : class =>
        context.GetDataLoader<string, T?>(name, (keys, _) => Batch(context, keys, fetch)).LoadAsync(id);

    private static async ValueTask<IReadOnlyDictionary<string, T?>> Batch<T>(IResolveContext context, IReadOnlyList<string> keys, Func<IClusterClient, string, Task<T?>> fetch)
    {
        var client = Client(context);
        // All calls start before any is awaited: one round, not a chain.
        var calls = new Task<T?>[keys.Count];
        for (var i = 0; i < keys.Count; i++) calls[i] = fetch(client, keys[i]);
        await Task.WhenAll(calls);
        var result = new Dictionary<string, T?>(keys.Count, StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++) result[keys[i]] = calls[i].Result;
        return result;
    }

    public static IClusterClient Client(IResolveContext context) => Service<IClusterClient>(context);

    private static T Service<T>(IResolveContext context) where T : class =>
        (T?)context.RequestServices?.GetService(typeof(T))
        ?? throw new InvalidOperationException($"The request has no service provider with {typeof(T).Name}.");
}
