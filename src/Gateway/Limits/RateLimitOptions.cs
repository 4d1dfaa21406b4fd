namespace Marketplace.Gateway.Limits;

/// <summary>
/// "RateLimits": token buckets per bearer token and per client address on /graphql (POST, GET and the WebSocket
/// upgrade), and on new subscriptions over WebSockets; plus a cap on a token's open subscriptions across its
/// connections (the per-connection cap is GraphQL:Server:WebSockets:MaxOperationsPerConnection).
/// A request must pass both its token's bucket and its address's; one without a token only its address's.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    public double RequestsPerSecondPerToken { get; set; } = 100;
    public int BurstPerToken { get; set; } = 500;

    public double RequestsPerSecondPerAddress { get; set; } = 200;
    public int BurstPerAddress { get; set; } = 1000;

    public double SubscriptionsPerSecondPerToken { get; set; } = 5;
    public int SubscriptionBurstPerToken { get; set; } = 50;

    public int MaxOpenSubscriptionsPerToken { get; set; } = 200;
}
