using System.Collections.Concurrent;
using Marketplace.Grains.Interfaces.Trust;
using Microsoft.Extensions.Options;

namespace Marketplace.Gateway.Loading;

/// <summary>Seller profiles this gateway fetched recently, reused for seller cards up to <see cref="SellerCardOptions.MaxAge"/>.</summary>
internal sealed class SellerCardCache(IOptions<SellerCardOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _maxAge = options.Value.MaxAge;
    private readonly int _maxEntries = Math.Max(1, options.Value.MaxEntries);

    public bool Enabled => _maxAge > TimeSpan.Zero;

    public SellerProfile? Find(string sellerId) =>
        Enabled && _entries.TryGetValue(sellerId, out var entry) && time.GetElapsedTime(entry.FetchedAt) < _maxAge ? entry.Profile : null;

    public void Keep(SellerProfile profile)
    {
        if (!Enabled) return;
        // Expired entries are overwritten in place; clearing at the cap bounds memory without per-entry bookkeeping.
        if (_entries.Count >= _maxEntries && !_entries.ContainsKey(profile.SellerId)) _entries.Clear();
        _entries[profile.SellerId] = new Entry(profile, time.GetTimestamp());
    }

    private sealed record Entry(SellerProfile Profile, long FetchedAt);
}
