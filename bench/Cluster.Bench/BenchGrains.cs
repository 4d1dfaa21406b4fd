using Orleans.Placement;

namespace Marketplace.Cluster.Bench;

[GenerateSerializer, Immutable, Alias("bench.Quote")]
public sealed record Quote(string Sku, decimal Price, int Quantity);

[Alias("bench.IPricingGrain")]
public interface IPricingGrain : IGrainWithStringKey
{
    /// <summary>A small record in, a small record out: the shape of a typical marketplace call.</summary>
    Task<Quote> QuoteAsync(Quote request);
}

/// <summary>Placed on the silo whose code first calls it, so the bench decides which silo hosts which keys.</summary>
[PreferLocalPlacement]
public sealed class PricingGrain : Grain, IPricingGrain
{
    private int _calls;

    public Task<Quote> QuoteAsync(Quote request)
    {
        _calls++;
        return Task.FromResult(request with { Price = request.Price * 1.1m + _calls % 2 });
    }
}
