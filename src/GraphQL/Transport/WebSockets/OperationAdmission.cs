using Marketplace.GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Marketplace.GraphQL.Transport;

/// <summary>What the admission hook sees of a subscribe message: the socket's request, its connection_init context and the operation id.</summary>
public sealed record OperationAdmissionContext(HttpContext HttpContext, object? UserContext, string OperationId);

/// <summary>
/// Whether a subscribe may run. An admitted operation may carry a lease (e.g. a slot in a per-user cap), disposed
/// when the operation ends however it ends; a refused one is answered with its error and never runs.
/// </summary>
public sealed record OperationAdmission(GraphQLError? Refusal, IDisposable? Lease)
{
    public static OperationAdmission Admit(IDisposable? lease = null) => new(null, lease);
    public static OperationAdmission Refuse(GraphQLError error) => new(error, null);
}
