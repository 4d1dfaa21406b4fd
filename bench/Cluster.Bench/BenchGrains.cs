using Marketplace.Runtime;

namespace Marketplace.Cluster.Bench;

public sealed record Quote(string Sku, decimal Price, int Quantity);

public interface IPricingGrain : IGrainWithStringKey
{
    /// <summary>A small record in, a small record out: the shape of a typical marketplace call.</summary>
    Task<Quote> QuoteAsync(Quote request);
}

[GrainType("pricing")]
public sealed class PricingGrain : Grain, IPricingGrain
{
    private int _calls;

    public Task<Quote> QuoteAsync(Quote request)
    {
        _calls++;
        return Task.FromResult(request with { Price = request.Price * 1.1m + _calls % 2 });
    }
}
