using System.Globalization;
using System.Text;

namespace Marketplace.Gateway.Bench;

/// <param name="Items">Items to load (--items, default 50,000).</param>
/// <param name="Storage">Sqlite (default), Postgres or Memory (--storage).</param>
/// <param name="Rounds">Measured read rounds per query against the peer; 0 loads and measures the write side only (--rounds).</param>
/// <param name="Orders">--orders N: the order-list mode instead (<see cref="OrderListBench"/>), N orders in the projection; 0 (default) runs the peer comparison.</param>
/// <param name="Recommendations">--recommendations: Item.similar and Buyer.recommended against the item queries instead (<see cref="RecommendationBench"/>).</param>
internal sealed record BenchArguments(int Items, int Seconds, int Rounds, int Workers, string Storage, int PeerPort, int Orders = 0, bool Recommendations = false)
{
    public static BenchArguments Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var storage = Value("--storage", "Sqlite");
        storage = storage.ToLowerInvariant() switch
        {
            "sqlite" => "Sqlite",
            "postgres" or "postgresql" => "Postgres",
            "memory" => "Memory",
            _ => throw new ArgumentException($"--storage {storage}: expected Sqlite, Postgres or Memory."),
        };
        var parsed = new BenchArguments(Number("--items", 50_000), Number("--seconds", 5), Number("--rounds", 3), Number("--workers", 16),
            storage, Number("--peer-port", 4417), Number("--orders", 0), args.Contains("--recommendations"));
        if (parsed.Orders is > 0 and < 1000) throw new ArgumentException("--orders must be at least 1,000 (some are real orders).");
        if (parsed.Items < 10) throw new ArgumentException("--items must be at least 10 (progress is reported per 10%).");
        return parsed;
    }

    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln"))) return directory.FullName;
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln"))) return directory.FullName;
        throw new InvalidOperationException("Run from inside the repository (Marketplace.sln not found).");
    }

    /// <summary>The peer's folder, shared/bench/graphql-peer beside the checkout (or beside a folder above it, for git worktrees).</summary>
    public static string FindPeerDirectory(string root)
    {
        for (var directory = new DirectoryInfo(root).Parent; directory is not null; directory = directory.Parent)
        {
            var peer = Path.Combine(directory.FullName, "shared", "bench", "graphql-peer");
            if (Directory.Exists(peer)) return peer;
        }
        throw new InvalidOperationException($"shared/bench/graphql-peer not found beside {root} or above it.");
    }

    public static async Task WaitForListingAsync(Uri endpoint, string listBody, int expected)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(15);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.PostAsync(endpoint, new StringContent(listBody, Encoding.UTF8, "application/json"));
            var text = last = await response.Content.ReadAsStringAsync();
            if (text.Contains($"\"totalCount\":{expected}", StringComparison.Ordinal)) return;
            await Task.Delay(500);
        }
        throw new TimeoutException($"The listing projection did not reach {expected} items in a category; last answer: {last[..Math.Min(last.Length, 300)]}");
    }
}
