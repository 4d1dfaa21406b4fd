using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Marketplace.Gateway.Auth;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Transport;
using Microsoft.Extensions.Options;

namespace Marketplace.Gateway.Limits;

/// <summary>
/// Admits subscribe messages over WebSockets: a token bucket of new operations per caller (user, or address for
/// anonymous sockets) and a cap on the caller's open operations across all of its connections.
/// </summary>
internal sealed class SubscriptionLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly RateLimitOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly PartitionedRateLimiter<string> _starts = PartitionedRateLimiter.Create<string, string>(key =>
        TokenBuckets.For(key, options.Value.SubscriptionsPerSecondPerToken, options.Value.SubscriptionBurstPerToken));

    public ValueTask<OperationAdmission> AdmitAsync(OperationAdmissionContext context)
    {
        if (!_options.Enabled) return ValueTask.FromResult(OperationAdmission.Admit());
        var key = context.UserContext is GatewayCaller { IsAuthenticated: true } caller
            ? "user:" + (caller.UserId ?? "admin")
            : "address:" + context.HttpContext.Connection.RemoteIpAddress;

        using (var lease = _starts.AttemptAcquire(key))
        {
            if (!lease.IsAcquired)
            {
                var seconds = TokenBuckets.RetryAfterSeconds(lease);
                return Refuse($"Too many new subscriptions: retry after {seconds} s.", seconds);
            }
        }

        var open = _open.AddOrUpdate(key, 1, (_, count) => count + 1);
        if (open > _options.MaxOpenSubscriptionsPerToken)
        {
            Release(key);
            return Refuse($"Too many open subscriptions (at most {_options.MaxOpenSubscriptionsPerToken} per user): complete some first.", null);
        }
        return ValueTask.FromResult(OperationAdmission.Admit(new OpenSlot(this, key)));
    }

    /// <summary>Open operations of a caller (for tests and metrics).</summary>
    public int OpenCount(string key) => _open.TryGetValue(key, out var count) ? count : 0;

    private static ValueTask<OperationAdmission> Refuse(string message, int? retryAfterSeconds)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = RequestRateLimits.ErrorCode };
        if (retryAfterSeconds is { } seconds) extensions["retryAfter"] = seconds;
        return ValueTask.FromResult(OperationAdmission.Refuse(new GraphQLError(message, extensions: extensions)));
    }

    private void Release(string key)
    {
        // Drop the entry at zero so callers that come and go do not accumulate.
        while (_open.TryGetValue(key, out var count))
        {
            if (count <= 1 ? _open.TryRemove(new KeyValuePair<string, int>(key, count)) : _open.TryUpdate(key, count - 1, count)) return;
        }
    }

    public void Dispose() => _starts.Dispose();

    private sealed class OpenSlot(SubscriptionLimiter owner, string key) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release(key);
        }
    }
}
