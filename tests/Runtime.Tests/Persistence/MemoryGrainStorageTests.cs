using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.Memory;

namespace Marketplace.Runtime.Tests.Persistence;

public sealed class MemoryGrainStorageTests : GrainStorageContract
{
    // One store shared by every "instance", as one process would share it.
    private readonly MemoryGrainStorage _storage = new(new GrainStateSerializer());

    protected override IGrainStorage NewStorageInstance() => _storage;
}
