using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Marketplace.Gateway.Limits;

/// <summary>ASP.NET Core's rate limiter on /graphql: per bearer token and per address, 429 with Retry-After.</summary>
public static class RequestRateLimits
{
    public const string ErrorCode = "RATE_LIMITED";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName));
        services.AddSingleton<SubscriptionLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            var o = limits.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => BearerToken(http) is { } token && Applies(http, o)
                    ? TokenBuckets.For(token, o.RequestsPerSecondPerToken, o.BurstPerToken)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => Applies(http, o)
                    ? TokenBuckets.For(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", o.RequestsPerSecondPerAddress, o.BurstPerAddress)
                    : RateLimitPartition.GetNoLimiter("")));
            limiter.OnRejected = async (context, cancellation) =>
            {
                var seconds = TokenBuckets.RetryAfterSeconds(context.Lease);
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(response.Body, new
                {
                    errors = new[] { new { message = $"Too many requests: retry after {seconds} s.", extensions = new { code = ErrorCode } } },
                }, cancellationToken: cancellation);
            };
        });
        return services;
    }

    private static bool Applies(HttpContext http, RateLimitOptions options) =>
        options.Enabled && http.Request.Path.StartsWithSegments("/graphql");

    /// <summary>The bearer token of a request (the header; WebSocket tokens travel in connection_init, see SubscriptionLimiter).</summary>
    private static string? BearerToken(HttpContext http) =>
        http.Request.Headers.Authorization.ToString() is { Length: > 7 } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header[7..].Trim()
            : null;
}
