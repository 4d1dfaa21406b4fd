using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Marketplace.Persistence.Streams;

/// <summary>What waits in a PostgreSQL stream queue: events not yet delivered, and how long the oldest has waited.</summary>
public readonly record struct StreamBacklogSample(long Waiting, double OldestAgeSeconds);

/// <summary>Reads a provider's backlog from the queue table (delivered events are deleted, so what is left is lag).</summary>
public sealed class StreamBacklogReader(string connectionString, string serviceId, string providerId)
{
    public async Task<StreamBacklogSample> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // Times in the table are UTC without zone (see 05-streaming.sql).
        await using var command = new NpgsqlCommand("""
            SELECT count(*), coalesce(extract(epoch FROM (timezone('utc', now()) - min(created_on))), 0)::float8
            FROM orleans_stream_messages WHERE service_id = @service AND provider_id = @provider
            """, connection);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("provider", providerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StreamBacklogSample(reader.GetInt64(0), Math.Max(0, reader.GetDouble(1)));
    }
}

/// <summary>
/// Stream lag as metrics ("Marketplace.Streams": <c>marketplace.streams.backlog</c> and
/// <c>marketplace.streams.oldest_age</c>, per provider), sampled every <c>Streams:Postgres:BacklogSampleInterval</c>
/// so a scrape never waits on the database.
/// </summary>
public sealed class StreamBacklogMetrics : BackgroundService
{
    public const string MeterName = "Marketplace.Streams";

    private readonly StreamBacklogReader _reader;
    private readonly TimeSpan _interval;
    private readonly ILogger<StreamBacklogMetrics> _logger;
    private readonly Meter _meter;
    private StreamBacklogSample _last;

    public StreamBacklogMetrics(string providerId, string connectionString, PostgresStreamOptions options,
        IOptions<ClusterOptions> cluster, IMeterFactory meters, ILogger<StreamBacklogMetrics> logger)
    {
        _reader = new StreamBacklogReader(connectionString, cluster.Value.ServiceId, providerId);
        _interval = options.BacklogSampleInterval;
        _logger = logger;
        _meter = meters.Create(MeterName);
        var tag = new KeyValuePair<string, object?>("provider", providerId);
        _meter.CreateObservableGauge("marketplace.streams.backlog", () => new Measurement<long>(_last.Waiting, tag), description: "Events waiting in the stream queue table.");
        _meter.CreateObservableGauge("marketplace.streams.oldest_age", () => new Measurement<double>(_last.OldestAgeSeconds, tag), unit: "s", description: "How long the oldest waiting event has waited.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try
            {
                _last = await _reader.ReadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Could not read the stream backlog");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
