using System.Diagnostics;
using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.AdoNet;

namespace Marketplace.Runtime.Tests.Persistence;

public sealed class SqliteCrashDurabilityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Every_write_acknowledged_before_the_process_is_killed_is_still_there()
    {
        var path = _folder.File("crash.db");
        var assembly = typeof(CrashWriter).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "exec", assembly, CrashWriter.Command, path }) start.ArgumentList.Add(arg);

        var acknowledged = new Dictionary<string, int>();
        using (var writer = Process.Start(start)!)
        {
            try
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (acknowledged.Values.Sum() < 300 && DateTime.UtcNow < deadline)
                {
                    var line = await writer.StandardOutput.ReadLineAsync();
                    if (line is null) break;
                    if (line.Split(' ') is ["acked", var key, var revision]) acknowledged[key] = int.Parse(revision);
                }
            }
            finally
            {
                writer.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
                await writer.WaitForExitAsync();
            }
            Assert.True(acknowledged.Values.Sum() >= 300, $"writer acknowledged only {acknowledged.Values.Sum()} writes: {await writer.StandardError.ReadToEndAsync()}");
        }

        await using var storage = new AdoNetGrainStorage(AdoNetStore.ForSqlite(new SqliteStorageOptions { Path = path }, SqlScripts.GrainState),
            new GrainStateSerializer(), TimeProvider.System);
        foreach (var (key, revision) in acknowledged)
        {
            var state = new GrainState<ListingState>();
            await storage.ReadStateAsync("listing", new GrainId("crash", key), state);
            // The killed writer may have committed one more write it never got to print.
            Assert.True(state.State.Price >= revision, $"{key}: stored revision {state.State.Price}, acknowledged {revision}");
        }
    }

    public void Dispose() => _folder.Dispose();
}
