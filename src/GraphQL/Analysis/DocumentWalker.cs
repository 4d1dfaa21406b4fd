using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Analysis;

/// <summary>
/// Depth-first walk over an executable document, keeping a <see cref="TypeInfo"/> current and
/// calling every visitor (in order) on enter and leave. Fragment spreads are not followed (rules
/// that need that use <see cref="ValidationContext"/> helpers). Recursion depth is bounded by the
/// parser's depth limit.
/// </summary>
public static class DocumentWalker
{
    public static void Walk(SyntaxNode root, TypeInfo typeInfo, IReadOnlyList<DocumentVisitor> visitors) =>
        Visit(root, typeInfo, visitors);

    private static void Visit(SyntaxNode node, TypeInfo typeInfo, IReadOnlyList<DocumentVisitor> visitors)
    {
        typeInfo.Enter(node);
        for (var i = 0; i < visitors.Count; i++) visitors[i].Enter(node);
        VisitChildren(node, typeInfo, visitors);
        for (var i = visitors.Count - 1; i >= 0; i--) visitors[i].Leave(node);
        typeInfo.Leave(node);
    }

    private static void VisitAll<T>(IReadOnlyList<T> nodes, TypeInfo typeInfo, IReadOnlyList<DocumentVisitor> visitors) where T : SyntaxNode
    {
        for (var i = 0; i < nodes.Count; i++) Visit(nodes[i], typeInfo, visitors);
    }

    private static void VisitChildren(SyntaxNode node, TypeInfo t, IReadOnlyList<DocumentVisitor> v)
    {
        switch (node)
        {
            case DocumentNode doc:
                VisitAll(doc.Definitions, t, v);
                break;
            case OperationDefinitionNode op:
                VisitAll(op.VariableDefinitions, t, v);
                VisitAll(op.Directives, t, v);
                Visit(op.SelectionSet, t, v);
                break;
            case VariableDefinitionNode vd:
                Visit(vd.Variable, t, v);
                Visit(vd.Type, t, v);
                if (vd.DefaultValue is not null) Visit(vd.DefaultValue, t, v);
                VisitAll(vd.Directives, t, v);
                break;
            case FragmentDefinitionNode fd:
                Visit(fd.TypeCondition, t, v);
                VisitAll(fd.Directives, t, v);
                Visit(fd.SelectionSet, t, v);
                break;
            case SelectionSetNode set:
                VisitAll(set.Selections, t, v);
                break;
            case FieldNode field:
                VisitAll(field.Arguments, t, v);
                VisitAll(field.Directives, t, v);
                if (field.SelectionSet is not null) Visit(field.SelectionSet, t, v);
                break;
            case FragmentSpreadNode spread:
                VisitAll(spread.Directives, t, v);
                break;
            case InlineFragmentNode inline:
                if (inline.TypeCondition is not null) Visit(inline.TypeCondition, t, v);
                VisitAll(inline.Directives, t, v);
                Visit(inline.SelectionSet, t, v);
                break;
            case DirectiveNode directive:
                VisitAll(directive.Arguments, t, v);
                break;
            case ArgumentNode argument:
                Visit(argument.Value, t, v);
                break;
            case ListValueNode list:
                VisitAll(list.Values, t, v);
                break;
            case ObjectValueNode obj:
                VisitAll(obj.Fields, t, v);
                break;
            case ObjectFieldNode objectField:
                Visit(objectField.Value, t, v);
                break;
            case ListTypeNode listType:
                Visit(listType.Type, t, v);
                break;
            case NonNullTypeNode nonNull:
                Visit(nonNull.Type, t, v);
                break;
        }
    }
}
