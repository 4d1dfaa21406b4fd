using System.Runtime.CompilerServices;
using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Limits;
using Marketplace.GraphQL.Types;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// Parse (cached by text) → validate (rules, cached with the document) → pick operation → coerce
/// variables → check limits → execute. One instance per schema; thread-safe.
/// </summary>
public sealed class DocumentExecutor : IDocumentExecutor
{
    private readonly Schema _schema;
    private readonly ExecutionOptions _options;
    private readonly IReadOnlyList<IValidationRule> _rules;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly DocumentCache _cache;
    private readonly ParserOptions _parserOptions;

    public DocumentExecutor(
        Schema schema,
        ExecutionOptions? options = null,
        IEnumerable<IValidationRule>? validationRules = null,
        ILogger<DocumentExecutor>? logger = null,
        TimeProvider? timeProvider = null)
    {
        _schema = schema;
        _options = options ?? new ExecutionOptions();
        // Each rule once, however often it was offered (e.g. the specified rules registered again as services).
        _rules = ValidationRuleSet.Distinct(validationRules ?? Validation.SpecifiedRules.All);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _cache = new DocumentCache(_options.DocumentCacheSize);
        _parserOptions = _options.ToParserOptions();
    }

    public Schema Schema => _schema;

    /// <summary>Documents currently cached (diagnostics).</summary>
    public int CachedDocumentCount => _cache.Count;

    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request)
    {
        var prepared = Prepare(request, out var operation, out var variables, out var error);
        if (error is not null) return Task.FromResult(error);
        if (operation!.Operation == OperationType.Subscription)
            return Task.FromResult(ExecutionResult.RequestError(GraphQLError.WithCode("Subscription operations must be executed with SubscribeAsync (e.g. over WebSocket).", ErrorCodes.OperationNotAllowed, operation)));
        return RunObservedAsync(prepared!, operation, variables!, request);
    }

    /// <summary>The operation inside its span (the parent of the resolvers' own, e.g. grain calls) and its duration metric.</summary>
    private async Task<ExecutionResult> RunObservedAsync(PreparedDocument prepared, OperationDefinitionNode operation, IReadOnlyDictionary<string, object?> variables, ExecutionRequest request)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var activity = GraphQLTelemetry.StartOperation(operation);
        var result = await RunAsync(prepared, operation, variables, request, request.RootValue, isSubscriptionEvent: false).ConfigureAwait(false);
        GraphQLTelemetry.RecordOperation(operation, result, started, activity);
        return result;
    }

    public async Task<SubscriptionResult> SubscribeAsync(ExecutionRequest request)
    {
        var prepared = Prepare(request, out var operation, out var variables, out var error);
        if (error is not null) return SubscriptionResult.FromError(error);
        if (operation!.Operation != OperationType.Subscription)
        {
            var single = await RunAsync(prepared!, operation, variables!, request, request.RootValue, false).ConfigureAwait(false);
            return SubscriptionResult.FromStream(Single(single));
        }

        return await SubscriptionExecution.CreateAsync(this, prepared!, operation, variables!, request).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<ExecutionResult> Single(ExecutionResult result)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return result;
    }

    internal ExecutionOptions Options => _options;
    internal ILogger Logger => _logger;

    /// <summary>Runs an operation with the timeout applied.</summary>
    internal async Task<ExecutionResult> RunAsync(PreparedDocument prepared, OperationDefinitionNode operation, IReadOnlyDictionary<string, object?> variables, ExecutionRequest request, object? rootValue, bool isSubscriptionEvent)
    {
        var rootType = _schema.GetRootType(operation.Operation);
        if (rootType is null)
            return ExecutionResult.RequestError(GraphQLError.WithCode($"Schema is not configured to execute {operation.Operation.ToString().ToLowerInvariant()} operation.", ErrorCodes.OperationNotAllowed, operation));

        CancellationTokenSource? timeout = null;
        CancellationTokenSource? linked = null;
        var token = request.CancellationToken;
        if (_options.ExecutionTimeout is { } limit)
        {
            timeout = new CancellationTokenSource(limit, _timeProvider);
            linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, request.CancellationToken);
            token = linked.Token;
        }

        var execution = new OperationExecution(_schema, prepared, operation, variables, request, _options, _logger, token, isSubscriptionEvent);
        try
        {
            var run = execution.ExecuteAsync(rootType, rootValue);
            return run.IsCompletedSuccessfully ? run.Result : await run.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!request.CancellationToken.IsCancellationRequested && timeout is { IsCancellationRequested: true })
        {
            return execution.Abort(new GraphQLError(
                $"Execution timed out after {_options.ExecutionTimeout!.Value.TotalSeconds:0.###} s.",
                extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.ExecutionTimeout }));
        }
        finally
        {
            linked?.Dispose();
            timeout?.Dispose();
        }
    }

    /// <summary>Everything before execution; returns an error result on any request error.</summary>
    internal PreparedDocument? Prepare(ExecutionRequest request, out OperationDefinitionNode? operation, out IReadOnlyDictionary<string, object?>? variables, out ExecutionResult? error)
    {
        operation = null;
        variables = null;
        var prepared = GetDocument(request);
        if (prepared.Errors.Count > 0)
        {
            error = ExecutionResult.RequestError(prepared.Errors);
            return null;
        }

        operation = SelectOperation(prepared.Document!, request.OperationName, out var operationError);
        if (operationError is not null)
        {
            error = ExecutionResult.RequestError(operationError);
            return null;
        }

        if (request.AllowedOperations is { } allowed && !allowed.Contains(operation!.Operation))
        {
            error = ExecutionResult.RequestError(GraphQLError.WithCode($"{operation.Operation} operations are not allowed for this request.", ErrorCodes.OperationNotAllowed, operation));
            return null;
        }

        var errors = new List<GraphQLError>();
        var raw = VariableCoercion.FromRequest(request, errors);
        if (errors.Count == 0) variables = VariableCoercion.Coerce(_schema, operation!, raw, errors);
        if (errors.Count == 0) errors.AddRange(CheckLimits(prepared, operation!, variables!));
        error = errors.Count > 0 ? ExecutionResult.RequestError(errors) : null;
        return prepared;
    }

    /// <summary>Depth, aliases, cost, introspection: computed once per operation unless variable values (first/last) change the cost.</summary>
    private IReadOnlyList<GraphQLError> CheckLimits(PreparedDocument prepared, OperationDefinitionNode operation, IReadOnlyDictionary<string, object?> variables)
    {
        if (prepared.FirstLimitOutcome is { } known && ReferenceEquals(known.Operation, operation)) return known.Errors;
        var errors = OperationLimits.Check(_schema, _options, operation, prepared.Fragments, variables, out var dependsOnVariables);
        if (!dependsOnVariables) prepared.FirstLimitOutcome ??= new LimitOutcome(operation, errors);
        return errors;
    }

    private PreparedDocument GetDocument(ExecutionRequest request)
    {
        if (request.Document is { } given) return Validate(given);
        var text = request.Query;
        if (string.IsNullOrWhiteSpace(text))
            return new PreparedDocument(null, [GraphQLError.WithCode("Must provide query string.", ErrorCodes.SyntaxError)]);
        if (_cache.TryGet(text, out var cached)) return cached;

        PreparedDocument prepared;
        try
        {
            prepared = Validate(Parser.Parse(text, _parserOptions));
        }
        catch (GraphQLSyntaxException ex)
        {
            prepared = new PreparedDocument(null, [new GraphQLError(ex.Message, [ex.Location], null, new Dictionary<string, object?> { ["code"] = ex.Code ?? ErrorCodes.SyntaxError })]);
        }

        _cache.Add(text, prepared);
        return prepared;
    }

    private PreparedDocument Validate(DocumentNode document)
    {
        var errors = DocumentValidator.Validate(_schema, document, _rules, _options.MaxValidationErrors);
        if (errors.Count > 0)
        {
            errors = errors.Select(e => e.Code is null
                ? new GraphQLError(e.Message, e.Locations, e.Path, new Dictionary<string, object?>(e.Extensions ?? new Dictionary<string, object?>()) { ["code"] = ErrorCodes.ValidationFailed })
                : e).ToArray();
        }

        return new PreparedDocument(document, errors);
    }

    private static OperationDefinitionNode? SelectOperation(DocumentNode document, string? name, out GraphQLError? error)
    {
        error = null;
        OperationDefinitionNode? found = null;
        var count = 0;
        foreach (var definition in document.Definitions)
        {
            if (definition is not OperationDefinitionNode op) continue;
            count++;
            if (name is null)
            {
                found ??= op;
            }
            else if (op.Name?.Value == name)
            {
                return op;
            }
        }

        if (name is not null)
            error = GraphQLError.WithCode($"Unknown operation named \"{name}\".", ErrorCodes.OperationNotFound);
        else if (count == 0)
            error = GraphQLError.WithCode("Must provide an operation.", ErrorCodes.OperationNotFound);
        else if (count > 1)
            error = GraphQLError.WithCode("Must provide operation name if query contains multiple operations.", ErrorCodes.OperationNotFound);
        return error is null ? found : null;
    }
}
