using System.Diagnostics;
using Marketplace.Runtime;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Storage.Bench;

/// <summary>The small payload every write carries, in both the provider run and the raw run.</summary>
public sealed record BenchState
{
    public string Title { get; init; } = "Oak chair, light wear";
    public decimal Price { get; init; } = 49.90m;
    public List<string> Tags { get; init; } = ["furniture", "oak"];
    public int Revision { get; init; }
}

internal sealed class BenchSiloBuilder : ISiloBuilder
{
    public IServiceCollection Services { get; } = new ServiceCollection();
    public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
}

/// <summary>Just enough activation context for a persistent state; the benchmark has no grain runtime.</summary>
internal sealed class BenchGrainContext(GrainId grainId) : IGrainContext
{
    public GrainId GrainId { get; } = grainId;
    public IServiceProvider ActivationServices => throw new NotSupportedException();
    public IGrainFactory GrainFactory => throw new NotSupportedException();
    public void DeactivateOnIdle() => throw new InvalidOperationException($"unexpected ETag conflict on {GrainId}");
    public void DelayDeactivation(TimeSpan timeSpan) { }
    public IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) => throw new NotSupportedException();
    public Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException();
    public Task UnregisterReminder(IGrainReminder reminder) => throw new NotSupportedException();
    public Task<IGrainReminder?> GetReminder(string reminderName) => throw new NotSupportedException();
    public IStreamProvider GetStreamProvider(string name) => throw new NotSupportedException();
}

internal static class PrivatePostgres
{
    /// <summary>MARKETPLACE_BENCH_POSTGRES, or the private server of scripts/postgres.sh (started when needed).</summary>
    public static string ConnectionString()
    {
        if (Environment.GetEnvironmentVariable("MARKETPLACE_BENCH_POSTGRES") is { Length: > 0 } configured) return configured;
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Marketplace.sln")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Set MARKETPLACE_BENCH_POSTGRES: the repository root was not found.");
        var start = new ProcessStartInfo(Path.Combine(root, "scripts", "postgres.sh"), "start") { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0 || output.Length == 0) throw new InvalidOperationException("scripts/postgres.sh start failed; set MARKETPLACE_BENCH_POSTGRES instead.");
        return output.Split('\n')[^1];
    }
}
