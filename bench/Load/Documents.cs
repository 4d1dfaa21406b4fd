namespace Marketplace.Load;

/// <summary>The GraphQL documents the simulated users send (field names from the shared contract's schema.graphql).</summary>
public static class Documents
{
    public const string CreateUser = "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } token errors { code } } }";
    public const string GrantRole = "mutation($i: GrantRoleInput!) { grantRole(input: $i) { user { id roles } errors { code } } }";
    public const string CreateCategory = "mutation($i: CreateCategoryInput!) { createCategory(input: $i) { category { id } errors { code } } }";
    public const string CreateRegion = "mutation($i: CreateRegionInput!) { createRegion(input: $i) { region { id } errors { code } } }";

    public const string Items =
        "query($f: ItemFilter, $o: ItemOrder, $n: Int, $after: String) { items(filter: $f, orderBy: $o, first: $n, after: $after) " +
        "{ totalCount pageInfo { hasNextPage endCursor } nodes { id title price claimedGrade status daysListed seller { id displayName creditScore level } } } }";

    public const string Item =
        "query($id: ID!) { item(id: $id) { id title price status views claimedGrade category { id name } region { id } seller { id displayName creditScore } priceHistory { price reason } } }";

    public const string ListItem = "mutation($i: ListItemInput!) { listItem(input: $i) { item { id status price } errors { code } } }";

    private const string OrderFields = "order { id status price } errors { code }";
    public const string PlaceOrder = $"mutation($i: PlaceOrderInput!) {{ placeOrder(input: $i) {{ {OrderFields} }} }}";
    public const string PayOrder = $"mutation($i: PayOrderInput!) {{ payOrder(input: $i) {{ {OrderFields} }} }}";
    public const string ShipOrder = $"mutation($i: ShipOrderInput!) {{ shipOrder(input: $i) {{ {OrderFields} }} }}";
    public const string MarkDelivered = $"mutation($i: OrderIdInput!) {{ markDelivered(input: $i) {{ {OrderFields} }} }}";
    public const string ConfirmReceipt = $"mutation($i: OrderIdInput!) {{ confirmReceipt(input: $i) {{ {OrderFields} }} }}";

    private const string OfferFields = "offer { id status amount order { id status price } } errors { code }";
    public const string MakeOffer = $"mutation($i: MakeOfferInput!) {{ makeOffer(input: $i) {{ {OfferFields} }} }}";
    public const string RespondToOffer = $"mutation($i: RespondToOfferInput!) {{ respondToOffer(input: $i) {{ {OfferFields} }} }}";

    public const string DashboardStats = "{ dashboard { stats(window: ALL_TIME) { activeListings newListings sold gmv } } }";

    public const string OrderStatusChanged = "subscription($id: ID!) { orderStatusChanged(orderId: $id) { id status } }";
    public const string DashboardChanged = "subscription { dashboardChanged { stats(window: ALL_TIME) { activeListings sold gmv } } }";

    /// <summary>The fields the checks read of an order (as admin).</summary>
    public const string CheckedOrderFields = "id status price buyer { id } item { id status } history { status } ledger { kind amount party }";
}
