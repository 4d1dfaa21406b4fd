using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.AdoNet;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Runtime.Tests.Persistence;

/// <summary>
/// Runs in a child process (the test assembly started with "crash-writer &lt;path&gt;"): writes states to a
/// SQLite file forever and prints each write once WriteStateAsync has acknowledged it. The test kills it mid-stream.
/// </summary>
internal static class CrashWriter
{
    public const string Command = "crash-writer";
    public const int Grains = 10;

    public static async Task<int> RunAsync(string path)
    {
        var storage = new AdoNetGrainStorage(AdoNetStore.ForSqlite(new SqliteStorageOptions { Path = path }, SqlScripts.GrainState),
            new GrainStateSerializer(), TimeProvider.System);
        var states = Enumerable.Range(0, Grains)
            .Select(i => new BoundPersistentState<ListingState>(new RecordingGrainContext(new GrainId("crash", $"g{i}")), "listing", "Default",
                storage, new StorageMetrics(), NullLogger.Instance))
            .ToArray();
        for (var revision = 1; ; revision++)
            for (var i = 0; i < Grains; i++)
            {
                states[i].State = states[i].State with { Price = revision };
                await states[i].WriteStateAsync();
                Console.Out.WriteLine($"acked g{i} {revision}");
                Console.Out.Flush();
            }
    }
}

/// <summary>Entry point of the test assembly: the test host ignores it; the crash test uses it to start a writer.</summary>
internal static class TestAssemblyProgram
{
    public static Task<int> Main(string[] args) =>
        args is [CrashWriter.Command, var path] ? CrashWriter.RunAsync(path) : Task.FromResult(0);
}
