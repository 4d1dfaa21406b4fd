using Orleans;
using Orleans.Runtime;

namespace Marketplace.Persistence.Schema;

/// <summary>
/// Runs the schema installer inside the silo's own start sequence, just before
/// <see cref="ServiceLifecycleStage.RuntimeInitialize"/>, where membership reads its queries. Grain storage
/// (<see cref="ServiceLifecycleStage.ApplicationServices"/>) and reminders
/// (<see cref="ServiceLifecycleStage.RuntimeGrainServices"/>) start later still.
/// </summary>
/// <remarks>
/// A lifecycle stage rather than a hosted service: the order is fixed by Orleans itself, whereas the order of
/// hosted services depends on who registered first, and a silo that starts without a generic host
/// (test clusters) would skip it. A failure here stops the silo start with the database error.
/// </remarks>
internal sealed class SiloSchemaParticipant(SchemaInstaller installer) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The stage: before everything that reads the database.</summary>
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 100;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloSchemaParticipant), Stage, installer.EnsureInstalledAsync);
}
