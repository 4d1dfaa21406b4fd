using System.Diagnostics;

namespace Marketplace.Bench;

/// <summary>
/// The PostgreSQL server of a benchmark run (shared by the benches that need one): MARKETPLACE_BENCH_POSTGRES, or the private server of
/// scripts/postgres.sh. A private server this run started is stopped when the run ends (also on
/// Ctrl+C and on failure); one that was already running is left running.
/// </summary>
internal sealed class PrivatePostgres : IDisposable
{
    private readonly string? _root;
    private int _stopped;

    private PrivatePostgres(string connectionString, string? startedIn)
    {
        ConnectionString = connectionString;
        _root = startedIn;
        if (_root is null) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
        Console.CancelKeyPress += (_, _) => Dispose();
    }

    public string ConnectionString { get; }

    public static PrivatePostgres Acquire()
    {
        if (Environment.GetEnvironmentVariable("MARKETPLACE_BENCH_POSTGRES") is { Length: > 0 } configured)
        {
            Console.WriteLine("postgres: MARKETPLACE_BENCH_POSTGRES");
            return new PrivatePostgres(configured, startedIn: null);
        }
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Marketplace.sln")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Set MARKETPLACE_BENCH_POSTGRES: the repository root was not found.");
        var running = Script(root, "status", out _) == 0;
        if (Script(root, "start", out var output) != 0 || output.Length == 0)
            throw new InvalidOperationException("scripts/postgres.sh start failed; set MARKETPLACE_BENCH_POSTGRES instead.");
        var connectionString = output.Split('\n')[^1];
        if (running)
        {
            Console.WriteLine("postgres: the private server of scripts/postgres.sh was already running; it is left running");
            return new PrivatePostgres(connectionString, startedIn: null);
        }
        Console.WriteLine("postgres: started the private server of scripts/postgres.sh; it is stopped when the benchmark ends");
        return new PrivatePostgres(connectionString, startedIn: root);
    }

    /// <summary>Stops the server if this run started it (once).</summary>
    public void Dispose()
    {
        if (_root is null || Interlocked.Exchange(ref _stopped, 1) == 1) return;
        Npgsql.NpgsqlConnection.ClearAllPools();
        var code = Script(_root, "stop", out _);
        Console.WriteLine(code == 0 ? "postgres: stopped the private server this run started" : "postgres: scripts/postgres.sh stop failed; stop it yourself");
    }

    private static int Script(string root, string command, out string output)
    {
        var start = new ProcessStartInfo(Path.Combine(root, "scripts", "postgres.sh"), command) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode;
    }
}
