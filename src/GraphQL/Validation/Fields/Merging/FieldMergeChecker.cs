using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Validation.Fields.Merging;

/// <summary>
/// Spec FieldsInSetCanMerge / SameResponseShape, worked on whole sets instead of pairs so that
/// thousands of fields with one response name cost linear time:
/// <list type="bullet">
/// <item>all fields of a response name must have the same response shape (checked against one representative);</item>
/// <item>fields that may meet on one object (same object parent, or an abstract parent) must have the same
/// name and arguments: the set is split per object parent type, abstract-parented fields joining every part;</item>
/// <item>the sub-selections of each part are checked again as one set, and every distinct set of field
/// nodes is checked once (fragments reached through many paths are not re-done).</item>
/// </list>
/// Work is queued, not recursed, because fragments can nest fields deeper than the call stack.
/// </summary>
internal sealed class FieldMergeChecker
{
    private readonly ValidationContext _context;
    private readonly FieldCollector _collector;
    private readonly HashSet<FieldSetKey> _checked = new();
    private readonly HashSet<(int, int)> _reportedPairs = new();
    private readonly Queue<(List<FieldEntry> Fields, bool ShapeOnly)> _work = new();

    public FieldMergeChecker(ValidationContext context)
    {
        _context = context;
        _collector = new FieldCollector(context);
    }

    /// <summary>Field entries looked at so far (collected plus grouped): a deterministic measure of work for tests.</summary>
    public long ExaminedFields => _collector.CollectedFields + _groupedFields;

    private long _groupedFields;

    public void Check(SelectionSetNode selectionSet, NamedType? parentType)
    {
        _work.Enqueue((_collector.Collect([new FieldCollector.Source(selectionSet, parentType, null)], fullCheck: true), false));
        while (_work.Count > 0 && !_context.TooManyErrors)
        {
            var (fields, shapeOnly) = _work.Dequeue();
            if (fields.Count == 0 || !_checked.Add(new FieldSetKey(fields, shapeOnly))) continue;
            _groupedFields += fields.Count;
            foreach (var group in GroupByResponseKey(fields))
            {
                if (shapeOnly) CheckShapeOnly(group);
                else CheckCanMerge(group);
            }
        }
    }

    public NamedType? CompositeType(NamedTypeNode typeNode) => _collector.CompositeType(typeNode);

    /// <summary>
    /// Checks every operation, then the fragments no checked set has covered yet, fragments that no
    /// other fragment spreads first (one check from the top of a fragment chain covers the chain).
    /// </summary>
    public void CheckDocument(DocumentNode document)
    {
        foreach (var definition in document.Definitions)
            if (definition is OperationDefinitionNode operation)
                Check(operation.SelectionSet, _context.Schema.GetRootType(operation.Operation));

        var fragments = document.Definitions.OfType<FragmentDefinitionNode>().ToList();
        var spreadByFragments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fragment in fragments)
            foreach (var spread in _context.GetFragmentSpreads(fragment.SelectionSet))
                if (spread.Name.Value != fragment.Name.Value) spreadByFragments.Add(spread.Name.Value);

        var ordered = fragments.Where(f => !spreadByFragments.Contains(f.Name.Value))
            .Concat(fragments.Where(f => spreadByFragments.Contains(f.Name.Value)));
        foreach (var fragment in ordered)
        {
            if (_collector.IsCovered(fragment.Name.Value)) continue;
            _collector.MarkCovered(fragment.Name.Value);
            Check(fragment.SelectionSet, CompositeType(fragment.TypeCondition));
        }
    }

    private void CheckCanMerge(List<FieldEntry> group)
    {
        var parts = SplitByObjectParent(group);
        var consistentParts = parts.Where(HaveSameNameAndArguments).ToList();
        if (!HaveSameShape(group)) return;
        foreach (var part in consistentParts) EnqueueSubSelections(part, shapeOnly: false);
        // Fields on different object types never meet, but their responses still merge: same shape all the way down.
        if (parts.Count > 1) EnqueueSubSelections(group, shapeOnly: true);
    }

    private void CheckShapeOnly(List<FieldEntry> group)
    {
        if (HaveSameShape(group)) EnqueueSubSelections(group, shapeOnly: true);
    }

    private static List<List<FieldEntry>> SplitByObjectParent(List<FieldEntry> group)
    {
        var objectParents = new List<ObjectType>();
        foreach (var entry in group)
            if (entry.ParentType is ObjectType o && !objectParents.Contains(o)) objectParents.Add(o);
        if (objectParents.Count <= 1) return [group];
        return objectParents
            .Select(o => group.Where(e => e.ParentType is not ObjectType || ReferenceEquals(e.ParentType, o)).ToList())
            .ToList();
    }

    private bool HaveSameNameAndArguments(List<FieldEntry> part)
    {
        var representative = part[0];
        var consistent = true;
        foreach (var entry in part.Skip(1))
        {
            if (entry.Node.Name.Value != representative.Node.Name.Value)
            {
                Report(representative, entry, $"\"{representative.Node.Name.Value}\" and \"{entry.Node.Name.Value}\" are different fields");
                consistent = false;
            }
            else if (!SameArguments(representative.Node.Arguments, entry.Node.Arguments))
            {
                Report(representative, entry, "they have differing arguments");
                consistent = false;
            }
        }

        return consistent;
    }

    private bool HaveSameShape(List<FieldEntry> group)
    {
        FieldEntry? representative = null;
        var same = true;
        foreach (var entry in group)
        {
            if (entry.Definition is null) continue;
            if (representative is null)
            {
                representative = entry;
                continue;
            }

            var a = representative.Definition!.Type;
            var b = entry.Definition.Type;
            if (!TypesConflict(a, b)) continue;
            Report(representative, entry, $"they return conflicting types \"{a}\" and \"{b}\"");
            same = false;
        }

        return same;
    }

    /// <summary>Different list/non-null wrapping, or different leaf types, cannot share a response shape.</summary>
    private static bool TypesConflict(GraphQLType a, GraphQLType b)
    {
        while (true)
        {
            if (a is ListType || b is ListType)
            {
                if (a is not ListType la || b is not ListType lb) return true;
                (a, b) = (la.OfType, lb.OfType);
                continue;
            }

            if (a is NonNullType || b is NonNullType)
            {
                if (a is not NonNullType na || b is not NonNullType nb) return true;
                (a, b) = (na.OfType, nb.OfType);
                continue;
            }

            if (a.IsLeafType || b.IsLeafType) return ((NamedType)a).Name != ((NamedType)b).Name;
            return false;
        }
    }

    private static bool SameArguments(IReadOnlyList<ArgumentNode> a, IReadOnlyList<ArgumentNode> b)
    {
        if (a.Count != b.Count) return false;
        foreach (var argument in a)
        {
            var other = b.FirstOrDefault(x => x.Name.Value == argument.Name.Value);
            if (other is null || AstPrinter.Print(other.Value) != AstPrinter.Print(argument.Value)) return false;
        }

        return true;
    }

    private void EnqueueSubSelections(List<FieldEntry> fields, bool shapeOnly)
    {
        var sources = fields
            .Where(f => f.Node.SelectionSet is not null)
            .Select(f => new FieldCollector.Source(f.Node.SelectionSet!, CompositeOrNull(f.Definition?.Type.Named), f))
            .ToList();
        if (sources.Count > 0) _work.Enqueue((_collector.Collect(sources, fullCheck: !shapeOnly), shapeOnly));
    }

    private static NamedType? CompositeOrNull(NamedType? type) => type is not null && type.IsCompositeType() ? type : null;

    private static IEnumerable<List<FieldEntry>> GroupByResponseKey(List<FieldEntry> fields)
    {
        var groups = new Dictionary<string, List<FieldEntry>>(StringComparer.Ordinal);
        var order = new List<List<FieldEntry>>();
        foreach (var field in fields)
        {
            if (!groups.TryGetValue(field.ResponseKey, out var group))
            {
                groups[field.ResponseKey] = group = new List<FieldEntry>();
                order.Add(group);
            }

            group.Add(field);
        }

        return order;
    }

    /// <summary>Reports a conflicting pair once, naming the outermost fields where their paths part.</summary>
    private void Report(FieldEntry a, FieldEntry b, string reason)
    {
        if (!_reportedPairs.Add(a.Id < b.Id ? (a.Id, b.Id) : (b.Id, a.Id))) return;
        var pathA = a.PathFromRoot();
        var pathB = b.PathFromRoot();
        var start = 0;
        while (start < pathA.Count - 1 && start < pathB.Count - 1 && ReferenceEquals(pathA[start].Node, pathB[start].Node)) start++;
        var conflictA = pathA.Skip(start).ToList();
        var conflictB = pathB.Skip(start).ToList();
        var message = $"Fields \"{conflictA[0].ResponseKey}\" conflict because "
            + string.Concat(conflictA.Skip(1).Select(e => $"subfields \"{e.ResponseKey}\" conflict because "))
            + reason + ". Use different aliases on the fields to fetch both if this was intentional.";
        _context.ReportError(message, conflictA.Select(e => (SyntaxNode)e.Node).Concat(conflictB.Select(e => e.Node)).ToArray());
    }
}
