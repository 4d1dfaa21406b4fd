namespace Marketplace.Runtime.Hosting;

/// <summary>Idle collection, bound from configuration section "Runtime".</summary>
public sealed class GrainCollectionOptions
{
    public const string SectionName = "Runtime";

    /// <summary>An activation idle this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Request messaging, bound from configuration section "Runtime".</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Runtime";

    /// <summary>A call without a response after this long fails with a TimeoutException.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
