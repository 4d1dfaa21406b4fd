using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Marketplace.Runtime.Persistence;

/// <summary>Storage latency histogram on the runtime meter, tagged by provider, operation and outcome.</summary>
public sealed class StorageMetrics
{
    public const string MeterName = "Marketplace.Runtime";
    public const string LatencyInstrument = "storage.latency";

    private readonly Histogram<double> _latency;

    public StorageMetrics(IMeterFactory? meterFactory = null)
    {
        // The factory hands every component asking for the same name one shared meter.
        var meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _latency = meter.CreateHistogram<double>(LatencyInstrument, "ms", "Latency of grain storage operations");
    }

    public async Task Measure(string provider, string operation, Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await action();
        }
        catch (InconsistentStateException)
        {
            outcome = "conflict";
            throw;
        }
        catch
        {
            outcome = "error";
            throw;
        }
        finally
        {
            _latency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("provider", provider),
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
