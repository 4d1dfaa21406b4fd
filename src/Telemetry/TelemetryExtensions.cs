using Marketplace.GraphQL.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Marketplace.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>Orleans' meter (grain calls, activations, messaging, reminders, streams).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// OpenTelemetry for a gateway or silo process named <paramref name="serviceName"/>: metrics of ASP.NET Core,
    /// the GraphQL engine, Orleans and Npgsql (pool and commands) for /metrics and OTLP; traces of the same when
    /// <see cref="TelemetrySettings.Tracing"/>; logs carry the trace and span ids.
    /// </summary>
    public static TelemetrySettings AddMarketplaceTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var settings = TelemetrySettings.From(builder.Configuration);
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddMeter(GraphQLTelemetry.Name, OrleansMeter, Persistence.Streams.StreamBacklogMetrics.MeterName)
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter();
                if (settings.Otlp) metrics.AddOtlpExporter();
            });
        if (settings.Tracing)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics"))
                    .AddSource(GraphQLTelemetry.Name, Orleans.Diagnostics.ActivitySources.AllActivitySourceName)
                    .AddNpgsql();
                if (settings.Otlp) tracing.AddOtlpExporter();
            });
        }
        if (settings.Otlp) builder.Logging.AddOpenTelemetry(logs => logs.AddOtlpExporter());
        return settings;
    }

    /// <summary>The Prometheus text format at /metrics.</summary>
    public static IEndpointRouteBuilder MapMarketplaceMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
