using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Inspections;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Marketplace.Grains.Inspections;

public sealed class InspectionState
{
    public InspectionView? Inspection { get; set; }
}

/// <summary>REQUESTED -> RECEIVED -> REPORTED; each step is idempotent so the order grain may retry it.</summary>
[GrainType("inspection")]
public sealed class InspectionGrain([PersistentState("inspection")] IPersistentState<InspectionState> state, TimeProvider time) : Grain, IInspectionGrain
{
    public async Task<Result<InspectionView>> RequestAsync(string itemId, Grade claimedGrade)
    {
        if (state.State.Inspection is { } existing) return Result.Ok(existing);
        return await SaveAsync(new InspectionView(this.GetPrimaryKeyString(), itemId, claimedGrade, InspectionStatus.REQUESTED,
            null, null, null, null, null, null, time.GetUtcNow(), null, null, null));
    }

    public async Task<Result<InspectionView>> ReceiveAsync(string inspectorId)
    {
        if (state.State.Inspection is not { } inspection) return UserError.NotFound("No inspection was requested for this order.");
        if (inspection.Status == InspectionStatus.RECEIVED) return Result.Ok(inspection);
        if (inspection.Status != InspectionStatus.REQUESTED) return UserError.InvalidState($"The inspection is {inspection.Status}.");
        return await SaveAsync(inspection with { Status = InspectionStatus.RECEIVED, ReceivedAt = time.GetUtcNow(), InspectorId = inspectorId });
    }

    public async Task<Result<InspectionView>> ReportAsync(InspectionReport report, string inspectorId)
    {
        if (state.State.Inspection is not { } inspection) return UserError.NotFound("No inspection was requested for this order.");
        if (inspection.Status != InspectionStatus.RECEIVED) return UserError.InvalidState($"Only a RECEIVED inspection takes a report; it is {inspection.Status}.");
        if (Validation.OptionalText(report.Notes, "notes", 5_000) is { } error) return error;
        return await SaveAsync(inspection with
        {
            Status = InspectionStatus.REPORTED, VerifiedGrade = report.VerifiedGrade, Authentic = report.Authentic,
            MatchesDescription = report.MatchesDescription, AccessoriesComplete = report.AccessoriesComplete, Notes = report.Notes,
            Passed = report.Passed, ReportedAt = time.GetUtcNow(), InspectorId = inspectorId,
        });
    }

    public Task<InspectionView?> GetAsync() => Task.FromResult(state.State.Inspection);

    private async Task<Result<InspectionView>> SaveAsync(InspectionView inspection)
    {
        state.State.Inspection = inspection;
        await state.WriteStateAsync();
        return Result.Ok(inspection);
    }
}
