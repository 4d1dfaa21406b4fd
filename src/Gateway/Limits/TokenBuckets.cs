using System.Threading.RateLimiting;

namespace Marketplace.Gateway.Limits;

/// <summary>One token bucket per key, no queueing: a request either gets a permit now or is told when to retry.</summary>
internal static class TokenBuckets
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    public static RateLimitPartition<string> For(string key, double perSecond, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(perSecond)),
            ReplenishmentPeriod = Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>Whole seconds a refused caller should wait (at least 1, for the Retry-After header).</summary>
    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
}
