namespace Marketplace.Runtime;

/// <summary>
/// What code outside grains (gateway, tools, tests) uses to reach grains. In one process it calls
/// the local silo directly; a networked client can implement the same interface later.
/// </summary>
public interface IClusterClient : IGrainFactory;
