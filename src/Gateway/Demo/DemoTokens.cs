using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Users;

namespace Marketplace.Gateway.Demo;

/// <summary>A ready bearer token of one demo user.</summary>
public sealed record DemoToken(string Role, string UserId, string Token);

/// <summary>
/// Bearer tokens of the demo operator, inspector, a seller and a buyer (Development only), kept in the data folder
/// beside <c>admin-token</c> in <see cref="FileName"/> (owner-only), one "role user-id token" a line, so restarts
/// print the same tokens. A kept token that no longer validates (expired after <c>Auth:TokenLifetime</c>, or a
/// store that was reset) is replaced by a new one issued through <see cref="IUserGrain.IssueTokenAsync"/>.
/// </summary>
public sealed class DemoTokens(IClusterClient grains)
{
    public const string FileName = "demo-tokens";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static IReadOnlyList<(string Role, string UserId)> Users(DemoMarketPlan plan) =>
    [
        ("operator", DemoMarketPlan.OperatorId),
        ("inspector", DemoMarketPlan.InspectorId),
        ("seller", plan.TokenSellerId),
        ("buyer", plan.TokenBuyerId),
    ];

    public async Task<IReadOnlyList<DemoToken>> EnsureAsync(DemoMarketPlan plan, string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var kept = Read(path);
        var tokens = new List<DemoToken>();
        var changed = false;
        foreach (var (role, userId) in Users(plan))
        {
            if (kept.FirstOrDefault(t => t.Role == role && t.UserId == userId) is { } token &&
                await grains.GetGrain<ITokenGrain>(AccessTokens.Hash(token.Token)).ValidateAsync() == userId)
            {
                tokens.Add(token);
                continue;
            }
            var issued = await grains.GetGrain<IUserGrain>(userId).IssueTokenAsync(CallerContext.Admin());
            tokens.Add(new DemoToken(role, userId, issued.Unwrap()));
            changed = true;
        }
        if (changed || kept.Count != tokens.Count) Write(path, tokens);
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0) File.SetUnixFileMode(path, OwnerOnly);
        return tokens;
    }

    private static List<DemoToken> Read(string path)
    {
        try
        {
            return File.ReadAllLines(path)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(p => p.Length == 3)
                .Select(p => new DemoToken(p[0], p[1], p[2]))
                .ToList();
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    /// <summary>Written beside, owner-only from the start, then moved in place.</summary>
    private static void Write(string path, IEnumerable<DemoToken> tokens)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            using (var writer = new StreamWriter(temporary, options))
                foreach (var t in tokens) writer.WriteLine($"{t.Role} {t.UserId} {t.Token}");
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
