using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Listings;

namespace Marketplace.Grains.Listings;

/// <summary>A <see cref="ListingQuery"/>'s filter over <see cref="IndexedListing"/> rows, with the SQL store's rules (see <see cref="SqlListingStore"/>).</summary>
internal sealed class ListingFilter
{
    private readonly string? _categoryId;
    private readonly string? _regionId;
    private readonly string? _sellerId;
    private readonly int _gradeMask;
    private readonly long? _minCents;
    private readonly long? _maxCents;
    private readonly string? _text;
    private readonly ListingMode? _mode;

    /// <param name="scope">The category every row of the index is in (null: any); a query for it needs no category check.</param>
    public ListingFilter(ListingQuery query, string? scope)
    {
        _categoryId = query.CategoryId is { } category && !string.Equals(category, scope, StringComparison.Ordinal) ? category : null;
        _regionId = query.RegionId;
        _sellerId = query.SellerId;
        if (query.Grades is { Count: > 0 } grades)
            foreach (var grade in grades) _gradeMask |= 1 << (int)grade;
        _minCents = query.MinPrice is { } min ? ListingRow.MinCents(min) : null;
        _maxCents = query.MaxPrice is { } max ? ListingRow.MaxCents(max) : null;
        Status = query.Status;
        _text = string.IsNullOrEmpty(query.Text) ? null : query.Text.ToLowerInvariant();
        _mode = query.Mode;
        StatusOnly = _categoryId is null && _regionId is null && _sellerId is null && _gradeMask == 0
            && _minCents is null && _maxCents is null && _text is null && _mode is null;
    }

    public ItemStatus? Status { get; }

    /// <summary>Nothing but (at most) a status: the index's per-status counts give the total.</summary>
    public bool StatusOnly { get; }

    public bool Matches(IndexedListing row)
    {
        var item = row.Item;
        if (Status is { } status && item.Status != status) return false;
        if (StatusOnly) return true;
        return (_categoryId is null || row.InCategory(_categoryId))
            && (_regionId is null || string.Equals(item.RegionId, _regionId, StringComparison.Ordinal))
            && (_sellerId is null || string.Equals(item.SellerId, _sellerId, StringComparison.Ordinal))
            && (_gradeMask == 0 || (_gradeMask & (1 << (int)item.EffectiveGrade)) != 0)
            && (_minCents is not { } min || row.PriceCents >= min)
            && (_maxCents is not { } max || row.PriceCents <= max)
            && (_text is null || row.SearchText.Contains(_text, StringComparison.Ordinal))
            && (_mode is not { } mode || item.Mode == mode);
    }
}
