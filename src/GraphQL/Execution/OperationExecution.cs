using System.Collections;
using System.Collections.Concurrent;
using Marketplace.GraphQL.DataLoader;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;
using Microsoft.Extensions.Logging;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// Executes one operation (spec 6.3/6.4). A single loop owns the response tree: it starts every
/// queued field, and when nothing is left to start it dispatches data loaders and waits for the
/// next async resolver to finish. Resolvers therefore run concurrently, the response tree needs no
/// locks, and sibling loader keys are batched. Resolvers that complete synchronously never leave
/// the loop (no task allocation, no await).
/// </summary>
internal sealed class OperationExecution
{
    private readonly PreparedDocument _document;
    private readonly ExecutionOptions _options;
    private readonly ILogger _logger;
    private readonly bool _isSubscriptionEvent;
    private readonly PooledQueue<PendingFields> _queue = new();
    // Created on first need: most operations resolve synchronously, load nothing and fail nothing.
    private ConcurrentQueue<FieldTask>? _completed;
    private SemaphoreSlim? _signal;
    private DataLoaderScope? _loaders;
    private List<GraphQLError>? _errors;
    private Dictionary<(object, SelectionSetNode), CollectedFields>? _requestFieldCache;
    private ConcurrentDictionary<string, object?>? _requestItems;
    private int _pending;
    private bool _dataIsNull;

    public OperationExecution(
        Schema schema,
        PreparedDocument document,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?> variables,
        ExecutionRequest request,
        ExecutionOptions options,
        ILogger logger,
        CancellationToken cancellationToken,
        bool isSubscriptionEvent = false)
    {
        Schema = schema;
        _document = document;
        Operation = operation;
        Variables = variables;
        Request = request;
        _options = options;
        _logger = logger;
        CancellationToken = cancellationToken;
        _isSubscriptionEvent = isSubscriptionEvent;
    }

    public Schema Schema { get; }
    public OperationDefinitionNode Operation { get; }
    public IReadOnlyDictionary<string, object?> Variables { get; }
    public ExecutionRequest Request { get; }
    public CancellationToken CancellationToken { get; }

    /// <summary>Created by the first resolver that asks for a loader (possibly on another thread).</summary>
    public DataLoaderScope Loaders => Volatile.Read(ref _loaders) ?? CreateLoaders();

    public IDictionary<string, object?> RequestItems => _requestItems ??= new ConcurrentDictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Released when an async resolver finishes or a loader gets keys; the loop waits on it.</summary>
    private SemaphoreSlim Signal => Volatile.Read(ref _signal) ?? LazyInitializer.EnsureInitialized(ref _signal, static () => new SemaphoreSlim(0));

    /// <summary>Runs the operation's root selection set; mutations run their root fields one after another.</summary>
    public async ValueTask<ExecutionResult> ExecuteAsync(ObjectType rootType, object? rootValue)
    {
        var fields = GetFields(rootType, Operation.SelectionSet);
        var data = new ResultMap(fields);
        var serial = Operation.Operation == OperationType.Mutation;
        try
        {
            var count = fields.Executable.Length;
            if (serial)
            {
                for (var index = 0; index < count; index++)
                {
                    _queue.Enqueue(new PendingFields(data, rootType, rootValue, index, index + 1));
                    var run = RunAsync();
                    if (!run.IsCompletedSuccessfully) await run.ConfigureAwait(false);
                    if (_dataIsNull) break;
                }
            }
            else
            {
                _queue.Enqueue(new PendingFields(data, rootType, rootValue, 0, count));
                var run = RunAsync();
                if (!run.IsCompletedSuccessfully) await run.ConfigureAwait(false);
            }
        }
        finally
        {
            _queue.Release(); // only this loop touches the queue, and it is done
        }

        return new ExecutionResult(_dataIsNull ? null : data, true, _errors);
    }

    private DataLoaderScope CreateLoaders()
    {
        var scope = new DataLoaderScope(CancellationToken) { PendingSignal = () => Signal.Release() };
        return Interlocked.CompareExchange(ref _loaders, scope, null) ?? scope;
    }

    /// <summary>Errors so far plus a final one (used when execution is cut short by the timeout).</summary>
    public ExecutionResult Abort(GraphQLError error)
    {
        var errors = new List<GraphQLError>(_errors ?? []) { error };
        return new ExecutionResult(null, true, errors);
    }

    // ---------------- loop ----------------

    private ValueTask RunAsync()
    {
        Drain();
        return _pending == 0 ? default : RunSlowAsync();
    }

    private async ValueTask RunSlowAsync()
    {
        while (_pending > 0 || _queue.Count > 0)
        {
            Volatile.Read(ref _loaders)?.DispatchAll();
            await Signal.WaitAsync(CancellationToken).ConfigureAwait(false);
            Drain();
        }
    }

    private void Drain()
    {
        var processed = 0;
        while (true)
        {
            if (processed >= 512)
            {
                processed = 0;
                CancellationToken.ThrowIfCancellationRequested();
            }

            if (_queue.TryDequeue(out var fields))
            {
                processed += fields.To - fields.From;
                Start(fields);
            }
            else if (_completed is not null && _completed.TryDequeue(out var task))
            {
                _pending--;
                Finish(task);
            }
            else
            {
                return;
            }
        }
    }

    private void Start(in PendingFields fields)
    {
        var map = fields.Target;
        var executable = map.Fields.Executable;
        for (var index = fields.From; index < fields.To; index++)
            Start(new PendingField(executable[index], fields.Type, fields.Source, map, index));
    }

    private void Start(in PendingField field)
    {
        if (field.ParentNode.IsDiscarded) return;
        var collected = field.Collected;
        var definition = collected.Definition!;
        if (ReferenceEquals(definition, Schema.MetaFields.TypeName))
        {
            field.ParentNode.Set(field.Index, field.ParentType.Name);
            return;
        }

        // A default resolver only reads the parent value: no context, no arguments to coerce.
        if (definition.DefaultResolver is { } reader && definition.Authorizer is null && definition.Arguments.Count == 0 && !IsSubscriptionRoot(field))
        {
            object? value;
            try
            {
                value = reader.Read(field.Source);
            }
            catch (Exception ex)
            {
                ResolverFailed(field, ex);
                return;
            }

            CompleteField(field, value);
            return;
        }

        var task = new FieldTask(this, field);
        try
        {
            task.Arguments = GetArguments(collected);
        }
        catch (GraphQLCoercionException ex)
        {
            FieldError(field, field.ParentNode, field.Index, !definition.Type.IsNonNull, new GraphQLError(ex.Message, ErrorFactory.Locations(collected.First), ResultNode.PathOf(field.ParentNode, field.Index)));
            return;
        }

        ValueTask<object?> result;
        try
        {
            result = definition.Authorizer is null ? Resolve(task, definition) : AuthorizeAndResolve(task, definition);
        }
        catch (Exception ex)
        {
            ResolverFailed(field, ex);
            return;
        }

        if (result.IsCompletedSuccessfully)
        {
            CompleteField(field, result.Result);
            return;
        }

        _pending++;
        _completed ??= new ConcurrentQueue<FieldTask>(); // before the resolver's continuation can use it
        _ = AwaitResolverAsync(task, result);
    }

    private bool IsSubscriptionRoot(in PendingField field) =>
        _isSubscriptionEvent && ReferenceEquals(field.ParentType, Schema.SubscriptionType);

    private ValueTask<object?> Resolve(FieldTask task, FieldDefinition definition)
    {
        // A subscription root field without resolver yields the event itself (spec 6.2.3.2).
        if (definition.Resolver is null && IsSubscriptionRoot(task.Pending))
            return new ValueTask<object?>(task.Source);
        return definition.EffectiveResolver(task);
    }

    private async ValueTask<object?> AuthorizeAndResolve(FieldTask task, FieldDefinition definition)
    {
        var decision = await definition.Authorizer!(task).ConfigureAwait(false);
        if (!decision.IsAllowed)
            throw new GraphQLException(decision.Message ?? "Not authorized.", decision.Code ?? ErrorCodes.Forbidden);
        return await Resolve(task, definition).ConfigureAwait(false);
    }

    private async Task AwaitResolverAsync(FieldTask task, ValueTask<object?> pending)
    {
        try
        {
            task.Result = await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            task.Error = ex;
        }

        _completed!.Enqueue(task);
        Signal.Release();
    }

    private void Finish(FieldTask task)
    {
        if (task.ParentNode.IsDiscarded) return;
        if (task.Error is not null) ResolverFailed(task.Pending, task.Error);
        else CompleteField(task.Pending, task.Result);
    }

    private void ResolverFailed(in PendingField field, Exception exception)
    {
        // Cancelled by the timeout or the caller: stop the whole operation, not just this field.
        if (exception is OperationCanceledException && CancellationToken.IsCancellationRequested)
            CancellationToken.ThrowIfCancellationRequested();
        var collected = field.Collected;
        var error = ErrorFactory.FromException(exception, ErrorFactory.Locations(collected.First), ResultNode.PathOf(field.ParentNode, field.Index), _options, _logger);
        FieldError(field, field.ParentNode, field.Index, !collected.Definition!.Type.IsNonNull, error);
    }

    // ---------------- completion ----------------

    private void CompleteField(in PendingField field, object? value) =>
        CompleteValue(field, field.Field.Type, value, field.ParentNode, field.Index);

    private void CompleteValue(in PendingField field, GraphQLType type, object? value, ResultNode parent, int index)
    {
        var nullable = true;
        if (type is NonNullType nonNull)
        {
            nullable = false;
            type = nonNull.OfType;
        }

        if (value is null)
        {
            if (nullable) parent.Set(index, null);
            else FieldError(field, parent, index, false, $"Cannot return null for non-nullable field {field.ParentType.Name}.{field.Field.Name}.");
            return;
        }

        switch (type)
        {
            case ScalarType scalar:
            {
                object? serialized;
                try
                {
                    serialized = scalar.Serialize(value);
                }
                catch (Exception ex)
                {
                    FieldError(field, parent, index, nullable, ex is GraphQLCoercionException or GraphQLException
                        ? ex.Message
                        : ErrorFactory.FromException(ex, null, null, _options, _logger).Message);
                    return;
                }

                if (serialized is null && !nullable) FieldError(field, parent, index, false, $"Cannot return null for non-nullable field {field.ParentType.Name}.{field.Field.Name}.");
                else parent.Set(index, serialized);
                return;
            }
            case EnumType enumType:
            {
                var enumValue = enumType.FindByInternalValue(value) ?? FindEnumByClrName(enumType, value);
                if (enumValue is null) FieldError(field, parent, index, nullable, $"Enum \"{enumType.Name}\" cannot represent value: {ValueCoercion.Show(value)}");
                else parent.Set(index, enumValue.Name);
                return;
            }
            case ListType listType:
                CompleteList(field, listType, value, parent, index, nullable);
                return;
            default:
                CompleteObject(field, (NamedType)type, value, parent, index, nullable);
                return;
        }
    }

    private static EnumValueDefinition? FindEnumByClrName(EnumType type, object value)
    {
        if (value is not Enum) return null;
        var text = value.ToString() ?? "";
        return type.GetValue(NameConventions.ToEnumValueName(text)) ?? type.GetValue(text);
    }

    private void CompleteList(in PendingField field, ListType listType, object value, ResultNode parent, int index, bool nullable)
    {
        if (value is string || value is not IEnumerable enumerable)
        {
            FieldError(field, parent, index, nullable, $"Expected Iterable, but did not find one for field \"{field.ParentType.Name}.{field.Field.Name}\".");
            return;
        }

        IList? items = value as IList;
        if (items is null)
        {
            var copy = new List<object?>();
            foreach (var item in enumerable) copy.Add(item);
            items = copy;
        }

        var list = new ResultList(items.Count);
        list.Attach(parent, index, nullable);
        parent.Set(index, list);
        var itemType = listType.OfType;
        for (var i = 0; i < items.Count; i++)
        {
            CompleteValue(field, itemType, items[i], list, i);
            if (list.Discarded) return;
        }
    }

    private void CompleteObject(in PendingField field, NamedType type, object value, ResultNode parent, int index, bool nullable)
    {
        var runtimeType = type as ObjectType ?? ResolveAbstractType(type, value);
        if (runtimeType is null || !Schema.IsPossibleType(type, runtimeType))
        {
            var message = runtimeType is null
                ? $"Abstract type \"{type.Name}\" must resolve to an Object type at runtime for field \"{field.ParentType.Name}.{field.Field.Name}\". Either the \"{type.Name}\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function."
                : $"Runtime Object type \"{runtimeType.Name}\" is not a possible type for \"{type.Name}\".";
            FieldError(field, parent, index, nullable, message);
            return;
        }

        if (type is ObjectType && runtimeType.IsTypeOf is { } isTypeOf && !isTypeOf(value))
        {
            FieldError(field, parent, index, nullable, $"Expected value of type \"{runtimeType.Name}\" but got: {value.GetType().Name}.");
            return;
        }

        var fields = GetSubFields(runtimeType, field.Collected);
        var map = new ResultMap(fields);
        map.Attach(parent, index, nullable);
        parent.Set(index, map);
        if (fields.Executable.Length > 0) _queue.Enqueue(new PendingFields(map, runtimeType, value, 0, fields.Executable.Length));
    }

    private ObjectType? ResolveAbstractType(NamedType abstractType, object value)
    {
        var resolver = abstractType switch
        {
            InterfaceType i => i.ResolveType,
            UnionType u => u.ResolveType,
            _ => null,
        };
        if (resolver is not null) return resolver(value) is { } name ? Schema.GetType(name) as ObjectType : null;

        var possible = Schema.GetPossibleTypes(abstractType);
        foreach (var candidate in possible)
            if (candidate.IsTypeOf is { } isTypeOf && isTypeOf(value)) return candidate;

        // Conventions: a "__typename" entry, or a CLR type with the same name as the GraphQL type.
        if (value is IReadOnlyDictionary<string, object?> map && map.GetValueOrDefault("__typename") is string typename)
            return Schema.GetType(typename) as ObjectType;
        var clrName = value.GetType().Name;
        foreach (var candidate in possible)
            if (candidate.IsTypeOf is null && candidate.Name == clrName) return candidate;
        return null;
    }

    // ---------------- errors and null propagation ----------------

    private void FieldError(in PendingField field, ResultNode parent, int index, bool nullable, string message) =>
        FieldError(field, parent, index, nullable, new GraphQLError(message, ErrorFactory.Locations(field.Collected.First), ResultNode.PathOf(parent, index)));

    private void FieldError(in PendingField field, ResultNode parent, int index, bool nullable, GraphQLError error)
    {
        if (parent.IsDiscarded) return;
        (_errors ??= new List<GraphQLError>()).Add(error);
        if (nullable) parent.Set(index, null);
        else PropagateNull(parent);
    }

    /// <summary>The node holds a null in a non-null slot: it becomes null itself, up to the nearest nullable slot.</summary>
    private void PropagateNull(ResultNode node)
    {
        var current = node;
        while (true)
        {
            current.Discarded = true;
            if (current.Parent is null)
            {
                _dataIsNull = true;
                return;
            }

            if (current.NullableSlot)
            {
                current.Parent.Set(current.ParentIndex, null);
                return;
            }

            current = current.Parent;
        }
    }

    // ---------------- fields and arguments ----------------

    private CollectedFields GetFields(ObjectType type, SelectionSetNode selectionSet)
    {
        var cacheKey = ((object)type, selectionSet);
        if (!_document.HasVariableDirectives)
        {
            return _document.CollectedFields.GetOrAdd(cacheKey, static (k, state) =>
                FieldCollector.Collect(state.Schema, (ObjectType)k.Item1, [k.Item2], state._document.Fragments, state.Variables), this);
        }

        _requestFieldCache ??= new();
        if (_requestFieldCache.TryGetValue(cacheKey, out var cached)) return cached;
        var fields = FieldCollector.Collect(Schema, type, [selectionSet], _document.Fragments, Variables);
        _requestFieldCache[cacheKey] = fields;
        return fields;
    }

    private CollectedFields GetSubFields(ObjectType type, CollectedField field)
    {
        // Every object of one type under this field gets the same sub-fields: variables are fixed for
        // the request, and a field collected with variable-dependent directives belongs to one request.
        if (field.FirstSubFields is { } first && ReferenceEquals(first.Type, type)) return first.Fields;
        var fields = CollectSubFields(type, field);
        field.FirstSubFields ??= new SubFields(type, fields);
        return fields;
    }

    private CollectedFields CollectSubFields(ObjectType type, CollectedField field)
    {
        if (field.Nodes.Count == 1) return field.First.SelectionSet is { } set ? GetFields(type, set) : CollectedFields.Empty;
        var sets = new List<SelectionSetNode>(field.Nodes.Count);
        foreach (var node in field.Nodes)
            if (node.SelectionSet is not null) sets.Add(node.SelectionSet);
        return FieldCollector.Collect(Schema, type, sets, _document.Fragments, Variables);
    }

    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();

    private IReadOnlyDictionary<string, object?> GetArguments(CollectedField field)
    {
        var definition = field.Definition!;
        if (definition.Arguments.Count == 0) return NoArguments;
        if (!field.ArgumentsHaveVariables)
            return field.CachedArguments ??= ArgumentCoercion.Coerce(definition, field.First, null);
        return ArgumentCoercion.Coerce(definition, field.First, Variables);
    }
}
