namespace Marketplace.Gateway.Subscriptions;

/// <summary>The <c>Gateway:Subscriptions</c> section.</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "Gateway:Subscriptions";

    /// <summary>
    /// Order and item subscriptions also re-read their grain this often, so a transition that no stream
    /// event announces (or a change made through another gateway) is still delivered.
    /// </summary>
    public TimeSpan SafetyPoll { get; set; } = TimeSpan.FromSeconds(1);
}
