
namespace Marketplace.Grains.Interfaces.Inspections;

/// <summary>
/// The inspection of one order, keyed by the order id (its id is the order id). Driven by the
/// order grain: REQUESTED on payment, RECEIVED, then REPORTED.
/// </summary>
[Alias("mp.inspections.IInspectionGrain")]
public interface IInspectionGrain : IGrainWithStringKey
{
    Task<Result<InspectionView>> RequestAsync(string itemId, Grade claimedGrade);
    Task<Result<InspectionView>> ReceiveAsync(string inspectorId);
    Task<Result<InspectionView>> ReportAsync(InspectionReport report, string inspectorId);

    [ReadOnly]
    Task<InspectionView?> GetAsync();
}

[GenerateSerializer, Immutable, Alias("mp.inspections.InspectionReport")]
public sealed record InspectionReport(Grade VerifiedGrade, bool Authentic, bool MatchesDescription, bool AccessoriesComplete, string? Notes = null)
{
    /// <summary>Pass or fail follows from the report: authentic and matching the description.</summary>
    public bool Passed => Authentic && MatchesDescription;
}

[GenerateSerializer, Immutable, Alias("mp.inspections.InspectionView")]
public sealed record InspectionView(
    string Id, string ItemId, Grade ClaimedGrade, InspectionStatus Status,
    Grade? VerifiedGrade, bool? Authentic, bool? MatchesDescription, bool? AccessoriesComplete, string? Notes,
    bool? Passed, DateTimeOffset RequestedAt, DateTimeOffset? ReceivedAt, DateTimeOffset? ReportedAt, string? InspectorId)
{
    /// <summary>A description mismatch against the seller: reported not matching, or verified below the claimed grade.</summary>
    public bool DescriptionMismatch => MatchesDescription == false || (VerifiedGrade is { } v && v.IsBelow(ClaimedGrade));
}
