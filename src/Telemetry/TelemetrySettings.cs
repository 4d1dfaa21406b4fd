using Microsoft.Extensions.Configuration;

namespace Marketplace.Telemetry;

/// <summary>
/// What to record. Metrics are always kept (scraped at /metrics); traces only when exported over OTLP
/// (OTEL_EXPORTER_OTLP_ENDPOINT, the OpenTelemetry convention) or when "Telemetry:Tracing" is on: a span per
/// request and grain call has a cost nobody should pay for traces nobody reads.
/// </summary>
public sealed record TelemetrySettings(bool Tracing, bool Otlp)
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static TelemetrySettings From(IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        return new TelemetrySettings(otlp || configuration.GetValue<bool>("Telemetry:Tracing"), otlp);
    }
}
