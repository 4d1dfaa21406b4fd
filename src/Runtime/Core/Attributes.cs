namespace Marketplace.Runtime;

/// <summary>Requests to this grain may interleave with each other at await points.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>This interface method may interleave with any other request of the grain.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>The method does not change state: it may interleave with other read-only requests.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>Fire-and-forget: the caller gets a completed task as soon as the request is queued.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;
