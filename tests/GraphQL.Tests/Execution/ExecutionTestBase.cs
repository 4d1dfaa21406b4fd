using System.Text.Json;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Tests.Execution;

public abstract class ExecutionTestBase
{
    internal static async Task<JsonElement> RunAsync(Schema schema, string query, object? variables = null, ExecutionOptions? options = null, string? operationName = null, object? context = null)
    {
        var result = await ExecuteAsync(schema, query, variables, options, operationName, context);
        return JsonDocument.Parse(result.ToJson()).RootElement;
    }

    internal static Task<ExecutionResult> ExecuteAsync(Schema schema, string query, object? variables = null, ExecutionOptions? options = null, string? operationName = null, object? context = null)
    {
        var executor = new DocumentExecutor(schema, options);
        JsonElement? json = variables is null ? null : JsonSerializer.SerializeToElement(variables);
        return executor.ExecuteAsync(new ExecutionRequest { Query = query, VariablesJson = json, OperationName = operationName, Context = context });
    }

    internal static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
