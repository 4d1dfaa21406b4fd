using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Marketplace.Load;

/// <summary>
/// The README's default: one gateway process in dev mode (its own silo in the process, SQLite store), run as
/// `dotnet run --project src/Gateway` runs it (Development) but on a free loopback port and a scratch data folder
/// deleted at the end. Nothing is killed: there is no second silo to fail over to.
/// </summary>
public sealed class EmbeddedTarget : ILoadTarget
{
    private readonly Process _process;
    private readonly string _scratch;

    private EmbeddedTarget(Process process, string scratch, Uri gateway, string adminToken)
    {
        _process = process;
        _scratch = scratch;
        Gateway = gateway;
        AdminToken = adminToken;
    }

    public string Description => "embedded: one gateway process in dev mode, co-hosted silo on SQLite (scratch data folder), no kill";

    public Uri Gateway { get; }

    public string AdminToken { get; }

    public static async Task<EmbeddedTarget> StartAsync(string root, Action<string> log)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(EmbeddedTarget).Assembly.Location))!);
        var dll = Path.Combine(root, "src", "Gateway", "bin", configuration, "net10.0", "Marketplace.Gateway.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build bench/Load (it builds the gateway) first.");
        var scratch = Path.Combine(root, ".tmp", "load-embedded-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        var port = FreeLoopbackPort();
        var admin = "load-admin-" + Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = Path.GetDirectoryName(dll)! };
        // The shell only redirects the gateway's output to a log file (nobody has to drain a pipe) and execs it,
        // so the pid is the gateway's own.
        foreach (var argument in new[]
                 {
                     "-c", "exec \"$0\" \"$@\" >>\"$LOAD_LOG\" 2>&1 </dev/null", "dotnet", dll,
                     "--urls", $"http://127.0.0.1:{port}",
                     $"--Storage:SqlitePath={Path.Combine(scratch, "data", "marketplace.db")}",
                     $"--Auth:AdminToken={admin}",
                     // One client address sends everything here: the gateway's per-address limits would measure themselves.
                     "--RateLimits:Enabled=false",
                     "--Logging:LogLevel:Default=Warning",
                 })
            start.ArgumentList.Add(argument);
        start.Environment["LOAD_LOG"] = Path.Combine(scratch, "gateway.log");
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start)!;
        var target = new EmbeddedTarget(process, scratch, new Uri($"http://127.0.0.1:{port}"), admin);
        try
        {
            await target.WaitUntilReadyAsync();
            log($"gateway (dev mode, SQLite under {scratch}) ready on {target.Gateway}");
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    public Task DisruptAsync(TimeSpan trafficLength, DisruptionWindow window, Action<string> log, CancellationToken stop) => Task.CompletedTask;

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The gateway exited ({_process.ExitCode}). Log tail:\n{LogTail()}");
            try
            {
                if ((await http.GetAsync(new Uri(Gateway, "/health/ready"))).IsSuccessStatusCode) return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The gateway did not become ready. Log tail:\n{LogTail()}");
            await Task.Delay(250);
        }
    }

    private string LogTail()
    {
        var log = Path.Combine(_scratch, "gateway.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(40)) : "(no log)";
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM first: the gateway drains and its silo leaves and flushes the store; SIGKILL only if it hangs.
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await term.WaitForExitAsync();
            try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20)); }
            catch (TimeoutException) { _process.Kill(); }
        }
        _process.Dispose();
        try { Directory.Delete(_scratch, recursive: true); } catch (Exception) { /* best effort: a leftover scratch folder under .tmp */ }
    }
}
