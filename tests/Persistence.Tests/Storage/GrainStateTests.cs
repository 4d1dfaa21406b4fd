using Marketplace.Persistence.Tests.Grains;
using Marketplace.Persistence.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Marketplace.Persistence.Tests.Storage;

/// <summary>
/// Grain state through a real silo with our wiring, the same tests on each database: what one silo wrote, the
/// next silo reads; stale writers are refused; the stored form is plain JSON.
/// </summary>
public abstract class GrainStateTests
{
    /// <summary>The storage settings (Storage:* and connection strings).</summary>
    protected abstract Dictionary<string, string?> StorageSettings { get; }

    /// <summary>Every stored payload of the state type "test-item/item", as JSON text.</summary>
    protected abstract Task<List<string>> StoredPayloadsAsync();

    protected static TestItemState Sample(string title) => new()
    {
        Title = title,
        Price = 1234567890.123456789m,
        Grade = TestGrade.LikeNew,
        PriceHistory = [19.990m, 0.1m, 79228162514264337593543950335m],
        Notes = null,
    };

    protected virtual async Task RunWriteStopReadBack()
    {
        var settings = TestHosts.SingleSilo(StorageSettings);
        var first = await TestHosts.StartSiloAsync(settings);
        var written = Sample("Leica M6, 95新");
        await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IStateTestGrain>("item-1").Save(written);
        await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IOtherStateTestGrain>("item-1").Save(Sample("other grain, same key"));
        await TestHosts.StopAsync(first);

        var second = await TestHosts.StartSiloAsync(TestHosts.SingleSilo(StorageSettings));
        try
        {
            var grains = second.Services.GetRequiredService<IGrainFactory>();
            var read = await grains.GetGrain<IStateTestGrain>("item-1").Load();
            Assert.Equal(written.Title, read.Title);
            Assert.Equal(written.Price, read.Price);
            Assert.Equal(written.Grade, read.Grade);
            Assert.Equal(written.PriceHistory, read.PriceHistory);
            Assert.Equal("19.990", read.PriceHistory[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Null(read.Notes);
            Assert.Equal("other grain, same key", (await grains.GetGrain<IOtherStateTestGrain>("item-1").Load()).Title);
            Assert.Equal("", (await grains.GetGrain<IStateTestGrain>("never-written").Load()).Title);
        }
        finally
        {
            await TestHosts.StopAsync(second);
        }
    }

    protected virtual async Task RunStaleETagIsRefused()
    {
        var host = await TestHosts.StartSiloAsync(TestHosts.SingleSilo(StorageSettings));
        try
        {
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>("Default");
            var grainId = GrainId.Create("test-item", "etag-1");

            var mine = new GrainState<TestItemState>(Sample("first"));
            await storage.WriteStateAsync("item", grainId, mine);
            Assert.NotNull(mine.ETag);

            // Another activation that read before the write (no ETag) must not overwrite it...
            var blind = new GrainState<TestItemState>(Sample("blind"));
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("item", grainId, blind));

            // ...nor one holding the version before the latest write.
            var stale = new GrainState<TestItemState>(Sample("stale")) { ETag = mine.ETag };
            await storage.WriteStateAsync("item", grainId, mine);
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("item", grainId, stale));
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("item", grainId, stale));

            // The holder of the current version may write and clear; a clear keeps counting versions.
            await storage.ClearStateAsync("item", grainId, mine);
            Assert.False(mine.RecordExists);
            var reread = new GrainState<TestItemState>();
            await storage.ReadStateAsync("item", grainId, reread);
            Assert.False(reread.RecordExists);
            Assert.Equal(mine.ETag, reread.ETag);
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("item", grainId, stale));
            await storage.WriteStateAsync("item", grainId, reread);
            Assert.True(reread.RecordExists);
        }
        finally
        {
            await TestHosts.StopAsync(host);
        }
    }

    protected virtual async Task RunStoredJsonHasNoTypeNames()
    {
        var host = await TestHosts.StartSiloAsync(TestHosts.SingleSilo(StorageSettings));
        try
        {
            await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IStateTestGrain>("json-1").Save(Sample("json"));
        }
        finally
        {
            await TestHosts.StopAsync(host);
        }

        var payload = Assert.Single(await StoredPayloadsAsync(), p => p.Contains("\"json\""));
        using var document = System.Text.Json.JsonDocument.Parse(payload);
        Assert.Equal("LikeNew", document.RootElement.GetProperty("grade").GetString());
        Assert.Equal("1234567890.123456789", document.RootElement.GetProperty("price").GetRawText());
        foreach (var clrName in new[] { nameof(TestItemState), "Marketplace", "System.", "$type", "$id" })
            Assert.DoesNotContain(clrName, payload, StringComparison.Ordinal);
    }
}
