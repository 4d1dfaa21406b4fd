using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Listings;
using Marketplace.GraphQL.Types;
using Window = Marketplace.Grains.Interfaces.Analytics.StatsWindow;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// The gateway's schema: the contract (Schema/contract.graphql and the feature files in Schema/Extensions, embedded) loaded as SDL, with scalars,
/// enum values mapped onto the grains' enums, and a resolver for every field that needs one.
/// </summary>
public static class MarketplaceSchema
{
    public const string ContractResourceName = "Marketplace.Gateway.contract.graphql";

    public static string ContractSdl()
    {
        using var stream = typeof(MarketplaceSchema).Assembly.GetManifestResourceStream(ContractResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ContractResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Feature parts of the contract (Schema/Extensions/*.graphql), each extending the base types.</summary>
    public static IEnumerable<string> ExtensionSdls()
    {
        var assembly = typeof(MarketplaceSchema).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ExtensionResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return reader.ReadToEnd();
        }
    }

    private const string ExtensionResourcePrefix = "Marketplace.Gateway.extension.";

    public static GraphQL.Types.Schema Build()
    {
        var builder = new SchemaBuilder().AddTypeDefinitions(ContractSdl());
        foreach (var extension in ExtensionSdls()) builder.AddTypeDefinitions(extension);
        Scalars.Bind(builder);
        BindEnums(builder);
        QueryResolvers.Bind(builder);
        MutationResolvers.Bind(builder);
        SubscriptionResolvers.Bind(builder);
        ItemResolvers.Bind(builder);
        ObjectResolvers.Bind(builder);
        OrderResolvers.Bind(builder);
        OrderListResolvers.Bind(builder);
        TrustResolvers.Bind(builder);
        RentalResolvers.Bind(builder);
        OfferResolvers.Bind(builder);
        return builder.Build();
    }

    private static void BindEnums(SchemaBuilder builder)
    {
        builder.Enum<Grade>("Grade");
        builder.Enum<ItemStatus>("ItemStatus");
        builder.Enum<OrderStatus>("OrderStatus");
        builder.Enum<PriceChangeReason>("PriceChangeReason");
        builder.Enum<CreditBand>("CreditBand");
        builder.Enum<SellerLevel>("SellerLevel");
        builder.Enum<LedgerEntryKind>("LedgerEntryKind");
        builder.Enum<InspectionStatus>("InspectionStatus");
        builder.Enum<DisputeOutcome>("DisputeOutcome");
        builder.Enum<Role>("Role");
        builder.Enum<AlertKind>("AlertKind");
        builder.Enum<Severity>("Severity");
        builder.Enum<ListingMode>("ListingMode");
        builder.Enum<OfferStatus>("OfferStatus");
        builder.Enum<OfferResponse>("OfferResponse");
        builder.Enum<RentalStatus>("RentalStatus");
        builder.Enum("StatsWindow", e => e
            .Value("DAYS_7", Window.Days7).Value("DAYS_30", Window.Days30).Value("DAYS_90", Window.Days90).Value("ALL_TIME", Window.AllTime));
        builder.Enum("ItemOrder", e => e
            .Value("NEWEST", ListingOrder.Newest).Value("PRICE_ASC", ListingOrder.PriceAsc)
            .Value("PRICE_DESC", ListingOrder.PriceDesc).Value("MOST_VIEWED", ListingOrder.MostViewed));
    }
}
