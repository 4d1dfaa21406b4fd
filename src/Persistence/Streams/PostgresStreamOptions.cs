namespace Marketplace.Persistence.Streams;

/// <summary>
/// Settings of the durable PostgreSQL stream provider, bound from <c>Streams:Postgres</c>. The connection string
/// comes from <c>ConnectionStrings:Postgres</c>. Defaults suit a cluster; tests shorten the timeouts.
/// </summary>
public sealed class PostgresStreamOptions
{
    public const string SectionName = "Streams:Postgres";

    /// <summary>Queues (partitions) the streams are hashed onto; each is read by one silo at a time. Every silo
    /// and client of a cluster must use the same number.</summary>
    public int PartitionCount { get; set; } = 8;

    /// <summary>How often a pulling agent polls its queue when the last poll found nothing.</summary>
    public TimeSpan PollingPeriod { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a silo holds events it read before another silo may read them again (a silo that died
    /// holding them). Also bounds how long one slow delivery can hold its queue. Keep it above
    /// <see cref="MaxEventDeliveryTime"/>.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the pulling agent retries delivering one event to a consumer that throws before it gives
    /// up on that read (the event is then read again, after newer ones, until <see cref="MaxAttempts"/>).</summary>
    public TimeSpan MaxEventDeliveryTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First pause before delivering again to a consumer that threw; it doubles per retry up to
    /// <see cref="MaxRedeliveryDelay"/> (Orleans' default starts at 1 s and grows to 30 s).</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest pause between two deliveries of an event to a consumer that keeps throwing.</summary>
    public TimeSpan MaxRedeliveryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a silo reads the queue table's backlog for its stream-lag metrics.</summary>
    public TimeSpan BacklogSampleInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads of one event before it moves to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Age after which an undelivered event moves to the dead letters whatever its attempts (a consumer
    /// side down for longer than this loses nothing from the database, but the events wait in dead letters).</summary>
    public TimeSpan ExpiryTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long dead letters are kept.</summary>
    public TimeSpan DeadLetterRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often each queue moves exhausted or expired events to the dead letters (cluster-wide).</summary>
    public TimeSpan EvictionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows moved or removed per housekeeping round.</summary>
    public int EvictionBatchSize { get; set; } = 1000;

    /// <summary>Events a silo keeps in memory per queue (one tenth of it is read per poll).</summary>
    public int CacheSize { get; set; } = 4096;

    /// <summary>Where the pub-sub state of explicit subscriptions lives (grain storage "PubSubStore"):
    /// <c>Postgres</c> (ADO.NET grain storage on the same database, the default), <c>Memory</c> (tests, one-process
    /// clusters) or <c>External</c> (the host registers its own "PubSubStore"). Implicit subscriptions need none.</summary>
    public string PubSubStore { get; set; } = "Postgres";

    internal void Validate()
    {
        static void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
                throw new InvalidOperationException($"{SectionName}:{name} must be greater than zero (was {value}).");
        }
        if (PartitionCount < 1)
            throw new InvalidOperationException($"{SectionName}:PartitionCount must be at least 1 (was {PartitionCount}).");
        if (MaxAttempts < 1)
            throw new InvalidOperationException($"{SectionName}:MaxAttempts must be at least 1 (was {MaxAttempts}).");
        if (EvictionBatchSize < 1)
            throw new InvalidOperationException($"{SectionName}:EvictionBatchSize must be at least 1 (was {EvictionBatchSize}).");
        if (CacheSize < 10)
            throw new InvalidOperationException($"{SectionName}:CacheSize must be at least 10 (was {CacheSize}).");
        Positive(PollingPeriod, nameof(PollingPeriod));
        Positive(BacklogSampleInterval, nameof(BacklogSampleInterval));
        Positive(VisibilityTimeout, nameof(VisibilityTimeout));
        Positive(MaxEventDeliveryTime, nameof(MaxEventDeliveryTime));
        Positive(ExpiryTimeout, nameof(ExpiryTimeout));
        Positive(DeadLetterRetention, nameof(DeadLetterRetention));
        Positive(EvictionInterval, nameof(EvictionInterval));
        Positive(RedeliveryDelay, nameof(RedeliveryDelay));
        if (MaxRedeliveryDelay < RedeliveryDelay)
            throw new InvalidOperationException($"{SectionName}:MaxRedeliveryDelay must not be below RedeliveryDelay.");
        if (!PubSubStoreKinds.Contains(PubSubStore.Trim(), StringComparer.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"Unknown {SectionName}:PubSubStore '{PubSubStore}': use 'Postgres', 'Memory' or 'External'.");
    }

    private static readonly string[] PubSubStoreKinds = ["Postgres", "Memory", "External"];
}
