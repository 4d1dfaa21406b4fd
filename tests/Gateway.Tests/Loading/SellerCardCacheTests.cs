using Marketplace.Gateway.Loading;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Trust;
using Microsoft.Extensions.Options;

namespace Marketplace.Gateway.Tests.Loading;

public sealed class SellerCardCacheTests
{
    private readonly SteppedClock _clock = new();

    private SellerCardCache Cache(TimeSpan maxAge, int maxEntries = 100) =>
        new(Options.Create(new SellerCardOptions { MaxAge = maxAge, MaxEntries = maxEntries }), _clock);

    [Fact]
    public void A_kept_profile_is_reused_until_it_is_max_age_old()
    {
        var cache = Cache(TimeSpan.FromSeconds(1));
        cache.Keep(Profile("s1", 640));

        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(640, cache.Find("s1")?.CreditScore);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(cache.Find("s1"));
        Assert.Null(cache.Find("s2"));
    }

    [Fact]
    public void Keeping_a_newer_profile_replaces_the_older_one()
    {
        var cache = Cache(TimeSpan.FromSeconds(1));
        cache.Keep(Profile("s1", 640));
        _clock.Advance(TimeSpan.FromMilliseconds(800));
        cache.Keep(Profile("s1", 601));
        _clock.Advance(TimeSpan.FromMilliseconds(800));

        Assert.Equal(601, cache.Find("s1")?.CreditScore);
    }

    [Fact]
    public void Max_age_zero_turns_reuse_off()
    {
        var cache = Cache(TimeSpan.Zero);
        cache.Keep(Profile("s1", 640));

        Assert.False(cache.Enabled);
        Assert.Null(cache.Find("s1"));
    }

    [Fact]
    public void At_the_entry_cap_a_new_seller_starts_the_cache_over_while_a_known_one_is_refreshed_in_place()
    {
        var cache = Cache(TimeSpan.FromMinutes(1), maxEntries: 2);
        cache.Keep(Profile("s1", 610));
        cache.Keep(Profile("s2", 620));
        cache.Keep(Profile("s2", 621));
        Assert.Equal(610, cache.Find("s1")?.CreditScore);

        cache.Keep(Profile("s3", 630));

        Assert.Null(cache.Find("s1"));
        Assert.Null(cache.Find("s2"));
        Assert.Equal(630, cache.Find("s3")?.CreditScore);
    }

    private static SellerProfile Profile(string id, int score) =>
        new(id, score, CreditBand.GOOD, SellerLevel.ABOVE_STANDARD, [],
            new SellerStats(0, 0, 0, 0m, 0, null, null, 0, 0, 0, 0, 0, 0, 0, 0, null, 0), null);

    /// <summary>Monotonic time that moves only when told: the cache measures age with timestamps.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
