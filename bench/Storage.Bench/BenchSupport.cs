using System.Diagnostics;

namespace Marketplace.Storage.Bench;

/// <summary>The small payload every write carries, in both the provider run and the raw run.</summary>
[GenerateSerializer]
public sealed class BenchState
{
    [Id(0)] public string Title { get; set; } = "Oak chair, light wear";
    [Id(1)] public decimal Price { get; set; } = 49.90m;
    [Id(2)] public List<string> Tags { get; set; } = ["furniture", "oak"];
    [Id(3)] public int Revision { get; set; }
}

/// <summary>
/// MARKETPLACE_BENCH_POSTGRES, or the private server of scripts/postgres.sh. A server this bench started
/// is stopped again when it ends (<see cref="DisposeAsync"/>); one that was already running is left running.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string? _script;

    private PrivatePostgres(string connectionString, string? startedBy) => (ConnectionString, _script) = (connectionString, startedBy);

    public string ConnectionString { get; }

    public static PrivatePostgres Open()
    {
        if (Environment.GetEnvironmentVariable("MARKETPLACE_BENCH_POSTGRES") is { Length: > 0 } configured) return new(configured, null);
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Marketplace.sln")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Set MARKETPLACE_BENCH_POSTGRES: the repository root was not found.");
        var script = Path.Combine(root, "scripts", "postgres.sh");
        var wasRunning = Run(script, "status") == 0;
        var output = RunForOutput(script, "start");
        Console.WriteLine(wasRunning ? "using the private PostgreSQL that was already running" : "started a private PostgreSQL (stopped again at the end)");
        return new(output, wasRunning ? null : script);
    }

    public ValueTask DisposeAsync()
    {
        if (_script is not null) Run(_script, "stop");
        return ValueTask.CompletedTask;
    }

    private static int Run(string script, string verb)
    {
        using var process = Process.Start(new ProcessStartInfo(script, verb) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static string RunForOutput(string script, string verb)
    {
        using var process = Process.Start(new ProcessStartInfo(script, verb) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0 || output.Length == 0) throw new InvalidOperationException($"scripts/postgres.sh {verb} failed; set MARKETPLACE_BENCH_POSTGRES instead.");
        return output.Split('\n')[^1];
    }
}
