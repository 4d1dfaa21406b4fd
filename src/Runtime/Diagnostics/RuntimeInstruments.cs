using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Marketplace.Runtime.Diagnostics;

/// <summary>Metrics and traces of the runtime, both named "Marketplace.Runtime".</summary>
public sealed class RuntimeInstruments : IDisposable
{
    public const string Name = "Marketplace.Runtime";

    public RuntimeInstruments(IMeterFactory? meterFactory = null)
    {
        Meter = meterFactory?.Create(Name) ?? new Meter(Name);
        ActivitySource = new ActivitySource(Name);
        Activations = Meter.CreateUpDownCounter<long>("marketplace.runtime.activations", description: "Live grain activations.");
        Calls = Meter.CreateCounter<long>("marketplace.runtime.calls", description: "Grain requests processed.");
        FailedCalls = Meter.CreateCounter<long>("marketplace.runtime.calls.failed", description: "Grain requests that ended with an exception.");
        CallLatency = Meter.CreateHistogram<double>("marketplace.runtime.call.duration", unit: "ms",
            description: "Time from a request reaching its activation to its completion.");
    }

    public Meter Meter { get; }
    public ActivitySource ActivitySource { get; }
    public UpDownCounter<long> Activations { get; }
    public Counter<long> Calls { get; }
    public Counter<long> FailedCalls { get; }
    public Histogram<double> CallLatency { get; }

    public void Dispose()
    {
        ActivitySource.Dispose();
        Meter.Dispose();
    }
}
