using System.Globalization;
using System.Text;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Bench;

/// <summary>The peer's type definitions with in-memory resolvers over <see cref="BenchData"/>.</summary>
public static class BenchSchema
{
    public const string TypeDefinitions = """
        scalar Decimal
        enum Grade { NEW LIKE_NEW EXCELLENT GOOD FAIR FOR_PARTS }
        enum CreditBand { POOR FAIR GOOD VERY_GOOD EXCELLENT }
        enum ItemStatus { DRAFT LISTED RESERVED SOLD DELISTED }
        enum PriceChangeReason { LISTED SELLER_CHANGE OFFER_ACCEPTED AUTO_MARKDOWN }
        type PricePoint { price: Decimal! at: String! reason: PriceChangeReason! }
        type Seller { id: ID! displayName: String! creditScore: Int! creditBand: CreditBand! }
        type Item { id: ID! title: String! claimedGrade: Grade! price: Decimal! status: ItemStatus! priceHistory: [PricePoint!]! seller: Seller! }
        type PageInfo { hasNextPage: Boolean! endCursor: String }
        type ItemConnection { nodes: [Item!]! pageInfo: PageInfo! totalCount: Int! }
        input ItemFilter { categoryId: ID }
        type Query { item(id: ID!): Item, items(filter: ItemFilter, first: Int = 20, after: String): ItemConnection!, seller(id: ID!): Seller }
        """;

    public static Schema Create(BenchData data) => new SchemaBuilder()
        .AddTypeDefinitions(TypeDefinitions)
        .Scalar("Decimal", s => s.Serialize(value => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture)))
        .Resolve("Query", "item", ctx => data.Items.GetValueOrDefault(ctx.GetArgument<string>("id")!))
        .Resolve("Query", "seller", ctx => data.Sellers.GetValueOrDefault(ctx.GetArgument<string>("id")!))
        .Resolve("Query", "items", ctx => Page(data, ctx))
        .Resolve("Item", "seller", ctx => data.Sellers[((Item)ctx.Source!).SellerId])
        .Resolve("Seller", "creditBand", ctx => BenchData.CreditBand(((Seller)ctx.Source!).CreditScore))
        .Build();

    private static ItemConnection Page(BenchData data, IResolveContext ctx)
    {
        var filter = ctx.GetArgument<IReadOnlyDictionary<string, object?>>("filter");
        var category = filter?.GetValueOrDefault("categoryId") as string;
        IReadOnlyList<Item> all = category is null ? data.All : data.ByCategory.GetValueOrDefault(category) ?? [];
        var first = ctx.GetArgument<int>("first", 20);
        var after = ctx.GetArgument<string>("after");
        var start = after is null ? 0 : int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(after)), CultureInfo.InvariantCulture) + 1;
        var count = Math.Max(0, Math.Min(first, all.Count - start));
        var page = new Item[count];
        for (var i = 0; i < count; i++) page[i] = all[start + i];
        var endCursor = Convert.ToBase64String(Encoding.UTF8.GetBytes((start + count - 1).ToString(CultureInfo.InvariantCulture)));
        return new ItemConnection(page, new PageInfo(start + first < all.Count, endCursor), all.Count);
    }
}
