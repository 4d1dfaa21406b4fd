using System.Globalization;
using System.Text;

namespace Marketplace.Gateway.Bench;

internal sealed record BenchArguments(int Items, int Seconds, int Rounds, int Workers, string Storage, int PeerPort)
{
    public static BenchArguments Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new BenchArguments(Number("--items", 50_000), Number("--seconds", 5), Number("--rounds", 3), Number("--workers", 16),
            Value("--storage", "Sqlite"), Number("--peer-port", 4417));
    }

    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln"))) return directory.FullName;
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln"))) return directory.FullName;
        throw new InvalidOperationException("Run from inside the repository (Marketplace.sln not found).");
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
