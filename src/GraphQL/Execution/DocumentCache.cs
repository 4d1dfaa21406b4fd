using System.Collections.Concurrent;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Execution;

/// <summary>A parsed document with its validation outcome and per-document execution caches.</summary>
internal sealed class PreparedDocument
{
    public PreparedDocument(DocumentNode? document, IReadOnlyList<GraphQLError> errors)
    {
        Document = document;
        Errors = errors;
        if (document is null) return;
        foreach (var definition in document.Definitions)
            if (definition is FragmentDefinitionNode fragment) Fragments.TryAdd(fragment.Name.Value, fragment);
        HasVariableDirectives = ContainsVariableDirective(document);
    }

    public DocumentNode? Document { get; }
    /// <summary>Syntax or validation errors; execution never starts when there are any.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; }
    public Dictionary<string, FragmentDefinitionNode> Fragments { get; } = new(StringComparer.Ordinal);
    /// <summary>@skip/@include with variable arguments make field collection request-dependent.</summary>
    public bool HasVariableDirectives { get; }
    /// <summary>Field collection results shared by requests (only when collection does not depend on variables).</summary>
    public ConcurrentDictionary<(object Type, SelectionSetNode Set), CollectedFields> CollectedFields { get; } = new();
    /// <summary>Limit-check outcome of the first operation checked, kept when it does not depend on variable values.</summary>
    public LimitOutcome? FirstLimitOutcome { get; set; }

    private static bool ContainsVariableDirective(DocumentNode document)
    {
        var stack = new Stack<SelectionSetNode>();
        foreach (var definition in document.Definitions)
            if (definition is ExecutableDefinitionNode executable) stack.Push(executable.SelectionSet);
        while (stack.Count > 0)
        {
            foreach (var selection in stack.Pop().Selections)
            {
                foreach (var directive in selection.Directives)
                    if (directive.Name.Value is "skip" or "include" && directive.Arguments.Any(a => a.Value is VariableNode))
                        return true;
                switch (selection)
                {
                    case FieldNode { SelectionSet: { } set }: stack.Push(set); break;
                    case InlineFragmentNode inline: stack.Push(inline.SelectionSet); break;
                }
            }
        }

        return false;
    }
}

internal sealed record LimitOutcome(OperationDefinitionNode Operation, IReadOnlyList<GraphQLError> Errors);

/// <summary>Bounded LRU of prepared documents keyed by document text.</summary>
internal sealed class DocumentCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Key, PreparedDocument Value)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, PreparedDocument Value)> _order = new();
    private readonly object _gate = new();

    public DocumentCache(int capacity) => _capacity = Math.Max(0, capacity);

    public bool TryGet(string key, out PreparedDocument document)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                document = node.Value.Value;
                return true;
            }
        }

        document = null!;
        return false;
    }

    public void Add(string key, PreparedDocument document)
    {
        if (_capacity == 0) return;
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var existing)) _order.Remove(existing);
            var node = _order.AddFirst((key, document));
            _map[key] = node;
            while (_map.Count > _capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate) return _map.Count;
        }
    }
}
