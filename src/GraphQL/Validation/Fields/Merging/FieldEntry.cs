using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Validation.Fields.Merging;

/// <summary>
/// A field selection reached while merging, with the type it is selected on and the field whose
/// sub-selection it came from (to explain nested conflicts).
/// </summary>
internal sealed class FieldEntry(FieldNode node, int id, NamedType? parentType, FieldDefinition? definition, FieldEntry? enclosing)
{
    public FieldNode Node { get; } = node;
    /// <summary>Stable number of <see cref="Node"/> (identity of field sets for memoisation).</summary>
    public int Id { get; } = id;
    public NamedType? ParentType { get; } = parentType;
    public FieldDefinition? Definition { get; } = definition;
    public FieldEntry? Enclosing { get; } = enclosing;
    public string ResponseKey => Node.ResponseKey;

    /// <summary>The entries from the outermost field down to this one.</summary>
    public List<FieldEntry> PathFromRoot()
    {
        var path = new List<FieldEntry>();
        for (var entry = this; entry is not null; entry = entry.Enclosing) path.Add(entry);
        path.Reverse();
        return path;
    }
}
