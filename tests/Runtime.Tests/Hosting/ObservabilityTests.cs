using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marketplace.Runtime.Diagnostics;
using Marketplace.Runtime.Tests.Core;
using Marketplace.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Tests.Hosting;

public sealed class ObservabilityTests
{
    [Fact]
    public async Task Each_grain_call_is_a_span_parented_to_the_calling_grain_call()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RuntimeInstruments.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var silo = await Silo.StartAsync();
        var a = silo.GrainFactory.GetGrain<ICounterGrain>("trace-a");
        var b = silo.GrainFactory.GetGrain<ICounterGrain>("trace-b");

        await a.IncrementOther(b);

        await Eventually.True(() => spans.Any(s => Equals(s.GetTagItem("grain.id"), "counter/trace-a")), "the outer span stopped");
        var outer = spans.Single(s => Equals(s.GetTagItem("grain.id"), "counter/trace-a"));
        var inner = spans.Single(s => Equals(s.GetTagItem("grain.id"), "counter/trace-b"));
        Assert.Equal("ICounterGrain.IncrementOther", outer.DisplayName);
        Assert.Equal("ICounterGrain.Increment", inner.DisplayName);
        Assert.Equal(outer.SpanId, inner.ParentSpanId);
        Assert.Equal(outer.TraceId, inner.TraceId);
    }

    [Fact]
    public async Task Calls_failures_latency_and_activations_are_measured()
    {
        await using var silo = await Silo.StartAsync();
        var meter = silo.Services.GetRequiredService<RuntimeInstruments>().Meter;
        var totals = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter == meter) l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, t) => t + value));
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => totals.AddOrUpdate(instrument.Name + ".count", 1, (_, t) => t + 1));
        listener.Start();

        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("measured");
        await counter.Increment();
        await counter.Increment();
        await Assert.ThrowsAsync<InvalidOperationException>(() => counter.Fail("x"));

        await Eventually.True(() => totals.GetValueOrDefault("marketplace.runtime.calls") >= 3, "three calls counted");
        Assert.Equal(1, totals.GetValueOrDefault("marketplace.runtime.calls.failed"));
        Assert.Equal(1, totals.GetValueOrDefault("marketplace.runtime.activations"));
        Assert.True(totals.GetValueOrDefault("marketplace.runtime.call.duration.count") >= 3);
    }
}
