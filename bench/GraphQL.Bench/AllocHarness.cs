using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Transport;

namespace Marketplace.GraphQL.Bench;

/// <summary>
/// In-process executor cost (`--alloc`): the peer's two queries through <see cref="DocumentExecutor"/>
/// built as the gateway builds it, then written as JSON like the HTTP transport does. Prints bytes
/// allocated and requests/s per query on one thread; no HTTP, no peer, so it isolates the engine.
/// </summary>
internal static class AllocHarness
{
    private const int Rounds = 5;

    public static async Task<int> RunAsync(string repoRoot, int iterations)
    {
        var executor = new DocumentExecutor(BenchSchema.Create(new BenchData()), new GraphQLServerOptions { Development = false }.ToExecutionOptions());
        var output = new ArrayBufferWriter<byte>(16 * 1024);
        using var writer = new Utf8JsonWriter(output, JsonResultWriter.WriterOptions);
        Console.WriteLine($"in-process executor, best of {Rounds} rounds of {iterations} requests per query after warm-up (1 thread)");
        foreach (var name in new[] { "item", "list" })
        {
            using var body = JsonDocument.Parse(File.ReadAllText(Path.Combine(PeerServer.SourceDirectory(repoRoot), $"query-{name}.json")));
            var query = body.RootElement.GetProperty("query").GetString();
            var variables = body.RootElement.GetProperty("variables");

            // Same request shape as the HTTP handler: query text (cache hit) plus variables as JSON.
            async Task<long> RunOnceAsync(bool write)
            {
                var result = await executor.ExecuteAsync(new ExecutionRequest { Query = query, VariablesJson = variables });
                if (result.Errors is not null) throw new InvalidOperationException($"{name}: {result.ToJson()}");
                if (!write) return 0;
                output.ResetWrittenCount();
                writer.Reset();
                result.WriteTo(writer);
                writer.Flush();
                return output.WrittenCount;
            }

            // Warm up long enough for tiered compilation to reach optimized code (it waits for quiet periods).
            var warmup = Stopwatch.StartNew();
            while (warmup.Elapsed < TimeSpan.FromSeconds(2)) await RunOnceAsync(write: true);
            foreach (var write in new[] { false, true })
            {
                // Best of several rounds: the machine is shared, and other load only ever slows a round down.
                // CPU time (process, so GC threads count) is steadier than wall time when cores are contended.
                double bestSeconds = double.MaxValue, bestCpuSeconds = double.MaxValue, bytes = 0;
                long size = 0;
                using var process = Process.GetCurrentProcess();
                for (var round = 0; round < Rounds; round++)
                {
                    GC.Collect();
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    for (var i = 0; i < iterations; i++) size = await RunOnceAsync(write);
                    watch.Stop();
                    process.Refresh();
                    bestCpuSeconds = Math.Min(bestCpuSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
                    bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)iterations;
                    bestSeconds = Math.Min(bestSeconds, watch.Elapsed.TotalSeconds);
                }

                var rps = iterations / bestSeconds;
                var stage = write ? "execute+write" : "execute      ";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name} {stage}: {bytes,8:0} bytes/request, {rps,8:0} requests/s, {1e6 / rps,6:0.0} us/request wall, {1e6 * bestCpuSeconds / iterations,6:0.0} us/request CPU{(write ? $", {size} bytes JSON" : "")}"));
            }
        }

        return 0;
    }
}
