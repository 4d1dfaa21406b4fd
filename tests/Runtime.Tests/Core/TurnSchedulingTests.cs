using Marketplace.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Tests.Core;

public sealed class TurnSchedulingTests
{
    [Fact]
    public async Task Requests_of_a_non_reentrant_grain_run_one_at_a_time_in_arrival_order()
    {
        await using var silo = await Silo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ISequentialGrain>("s");

        var calls = Enumerable.Range(0, 40).Select(grain.Work).ToArray();
        await Task.WhenAll(calls);

        Assert.Equal(1, await grain.MaxConcurrent());
        Assert.Equal(Enumerable.Range(0, 40), await grain.Order());
    }

    [Fact]
    public async Task Reentrant_grain_interleaves_requests_but_never_runs_two_threads_at_once()
    {
        await using var silo = await Silo.StartAsync();
        var gate = silo.Services.GetRequiredService<Gate>();
        var grain = silo.GrainFactory.GetGrain<IReentrantWorker>("r");

        var held = new[] { grain.Hold(), grain.Hold() };
        await Eventually.True(() => gate.Inside == 2, "both requests are inside the reentrant grain");
        gate.Open();
        await Task.WhenAll(held);

        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => grain.Work()));
        Assert.True(await grain.MaxConcurrent() > 1, "reentrant requests interleaved");
    }

    [Fact]
    public async Task AlwaysInterleave_method_runs_while_another_request_is_in_progress()
    {
        await using var silo = await Silo.StartAsync();
        var gate = silo.Services.GetRequiredService<Gate>();
        var grain = silo.GrainFactory.GetGrain<ISequentialGrain>("i");

        var holding = grain.Hold();
        await Eventually.True(() => gate.Inside == 1, "the first request holds the grain");
        var interleaving = grain.HoldInterleaving();
        await Eventually.True(() => gate.Inside == 2, "the [AlwaysInterleave] request entered alongside");

        gate.Open();
        await Task.WhenAll(holding, interleaving);
    }

    [Fact]
    public async Task ReadOnly_requests_run_together_but_never_alongside_a_write()
    {
        await using var silo = await Silo.StartAsync();
        var gate = silo.Services.GetRequiredService<Gate>();
        var grain = silo.GrainFactory.GetGrain<ISequentialGrain>("ro");

        var reads = new[] { grain.HoldReadOnly(), grain.HoldReadOnly() };
        await Eventually.True(() => gate.Inside == 2, "two read-only requests run together");

        var write = grain.Write();
        var readAfterWrite = grain.Read();
        await Task.Delay(100);
        Assert.False(write.IsCompleted, "a write must wait for running reads");
        Assert.False(readAfterWrite.IsCompleted, "a read queued behind a write keeps FIFO order");

        gate.Open();
        await Task.WhenAll(reads);
        Assert.Equal("write", await write);
        Assert.Equal("read", await readAfterWrite);
    }

    [Fact]
    public async Task Non_reentrant_grain_does_not_start_a_second_request_while_one_is_held()
    {
        await using var silo = await Silo.StartAsync();
        var gate = silo.Services.GetRequiredService<Gate>();
        var grain = silo.GrainFactory.GetGrain<ISequentialGrain>("held");

        var first = grain.Hold();
        var second = grain.Hold();
        await Eventually.True(() => gate.Entered == 1, "the first request entered");
        await Task.Delay(100);
        Assert.Equal(1, gate.Entered);

        gate.Open();
        await Task.WhenAll(first, second);
        Assert.Equal(2, gate.Entered);
        Assert.Equal(1, gate.MaxInside);
    }

    [Fact]
    public async Task OneWay_call_returns_at_once_and_runs_later_as_a_normal_turn()
    {
        await using var silo = await Silo.StartAsync();
        var gate = silo.Services.GetRequiredService<Gate>();
        var grain = silo.GrainFactory.GetGrain<ISequentialGrain>("oneway");
        var held = grain.Hold();
        await Eventually.True(() => gate.Inside == 1, "the grain is busy");

        var note = grain.Note(7);
        Assert.True(note.IsCompletedSuccessfully, "a one-way call does not wait for the grain");

        gate.Open();
        await held;
        await Eventually.True(() => grain.Order().Result.Contains(7), "the one-way request ran");
    }
}
