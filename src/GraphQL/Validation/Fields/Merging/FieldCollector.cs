using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Validation.Fields.Merging;

/// <summary>
/// Gathers the fields of one or more selection sets as one set, looking through inline fragments
/// and fragment spreads (each fragment once, so cycles and repeats cost nothing). Iterative:
/// fragment chains can be far deeper than the call stack.
/// </summary>
internal sealed class FieldCollector(ValidationContext context)
{
    private readonly Dictionary<FieldNode, int> _ids = new(ReferenceEqualityComparer.Instance);

    /// <summary>Entries produced so far (work measure).</summary>
    public long CollectedFields { get; private set; }

    public readonly record struct Source(SelectionSetNode SelectionSet, NamedType? ParentType, FieldEntry? Enclosing);

    private readonly HashSet<string> _coveredFragments = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the fragment's fields were already part of a set checked in full: its own conflicts
    /// were then found there, so checking it on its own again would only repeat work.
    /// </summary>
    public bool IsCovered(string fragmentName) => _coveredFragments.Contains(fragmentName);

    public void MarkCovered(string fragmentName) => _coveredFragments.Add(fragmentName);

    /// <param name="sources">Selection sets gathered as one set.</param>
    /// <param name="fullCheck">The set will get the full merge check (not only the shape check): expanded fragments count as covered.</param>
    public List<FieldEntry> Collect(IEnumerable<Source> sources, bool fullCheck)
    {
        var result = new List<FieldEntry>();
        var seen = new HashSet<FieldNode>(ReferenceEqualityComparer.Instance);
        var visitedFragments = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(IReadOnlyList<SelectionNode> Selections, int Index, NamedType? Parent, FieldEntry? Enclosing)>();
        foreach (var source in sources.Reverse())
            pending.Push((source.SelectionSet.Selections, 0, source.ParentType, source.Enclosing));

        while (pending.Count > 0)
        {
            var (selections, index, parent, enclosing) = pending.Pop();
            if (index >= selections.Count) continue;
            pending.Push((selections, index + 1, parent, enclosing));
            switch (selections[index])
            {
                case FieldNode field when seen.Add(field):
                    var definition = parent is null ? null : context.Schema.GetFieldDefinition(parent, field.Name.Value);
                    result.Add(new FieldEntry(field, IdOf(field), parent, definition, enclosing));
                    break;
                case InlineFragmentNode inline:
                    var inlineType = inline.TypeCondition is null ? parent : CompositeType(inline.TypeCondition);
                    pending.Push((inline.SelectionSet.Selections, 0, inlineType, enclosing));
                    break;
                case FragmentSpreadNode spread when visitedFragments.Add(spread.Name.Value):
                    if (fullCheck) _coveredFragments.Add(spread.Name.Value);
                    if (context.GetFragment(spread.Name.Value) is { } fragment)
                        pending.Push((fragment.SelectionSet.Selections, 0, CompositeType(fragment.TypeCondition), enclosing));
                    break;
            }
        }

        CollectedFields += result.Count;
        return result;
    }

    public NamedType? CompositeType(NamedTypeNode typeNode) =>
        context.Schema.GetType(typeNode.Name.Value) is { } type && type.IsCompositeType() ? type : null;

    private int IdOf(FieldNode field)
    {
        if (!_ids.TryGetValue(field, out var id)) _ids[field] = id = _ids.Count;
        return id;
    }
}
