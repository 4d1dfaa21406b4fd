using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Analysis;

/// <summary>
/// Callbacks for a document walk. Override Enter/Leave (all nodes) or the typed methods.
/// Several visitors run in one walk, sharing one <see cref="TypeInfo"/>.
/// </summary>
public abstract class DocumentVisitor
{
    public virtual void Enter(SyntaxNode node)
    {
        switch (node)
        {
            case DocumentNode n: EnterDocument(n); break;
            case OperationDefinitionNode n: EnterOperationDefinition(n); break;
            case FragmentDefinitionNode n: EnterFragmentDefinition(n); break;
            case VariableDefinitionNode n: EnterVariableDefinition(n); break;
            case SelectionSetNode n: EnterSelectionSet(n); break;
            case FieldNode n: EnterField(n); break;
            case FragmentSpreadNode n: EnterFragmentSpread(n); break;
            case InlineFragmentNode n: EnterInlineFragment(n); break;
            case ArgumentNode n: EnterArgument(n); break;
            case DirectiveNode n: EnterDirective(n); break;
            case ObjectFieldNode n: EnterObjectField(n); break;
            case VariableNode n: EnterVariable(n); break;
            case ListValueNode n: EnterListValue(n); break;
            case ObjectValueNode n: EnterObjectValue(n); break;
            case NamedTypeNode n: EnterNamedType(n); break;
            case ValueNode n: EnterScalarValue(n); break;
        }
    }

    public virtual void Leave(SyntaxNode node)
    {
        switch (node)
        {
            case DocumentNode n: LeaveDocument(n); break;
            case OperationDefinitionNode n: LeaveOperationDefinition(n); break;
            case FragmentDefinitionNode n: LeaveFragmentDefinition(n); break;
            case VariableDefinitionNode n: LeaveVariableDefinition(n); break;
            case SelectionSetNode n: LeaveSelectionSet(n); break;
            case FieldNode n: LeaveField(n); break;
            case InlineFragmentNode n: LeaveInlineFragment(n); break;
            case ArgumentNode n: LeaveArgument(n); break;
            case DirectiveNode n: LeaveDirective(n); break;
            case ListValueNode n: LeaveListValue(n); break;
            case ObjectValueNode n: LeaveObjectValue(n); break;
        }
    }

    public virtual void EnterDocument(DocumentNode node) { }
    public virtual void LeaveDocument(DocumentNode node) { }
    public virtual void EnterOperationDefinition(OperationDefinitionNode node) { }
    public virtual void LeaveOperationDefinition(OperationDefinitionNode node) { }
    public virtual void EnterFragmentDefinition(FragmentDefinitionNode node) { }
    public virtual void LeaveFragmentDefinition(FragmentDefinitionNode node) { }
    public virtual void EnterVariableDefinition(VariableDefinitionNode node) { }
    public virtual void LeaveVariableDefinition(VariableDefinitionNode node) { }
    public virtual void EnterSelectionSet(SelectionSetNode node) { }
    public virtual void LeaveSelectionSet(SelectionSetNode node) { }
    public virtual void EnterField(FieldNode node) { }
    public virtual void LeaveField(FieldNode node) { }
    public virtual void EnterFragmentSpread(FragmentSpreadNode node) { }
    public virtual void EnterInlineFragment(InlineFragmentNode node) { }
    public virtual void LeaveInlineFragment(InlineFragmentNode node) { }
    public virtual void EnterArgument(ArgumentNode node) { }
    public virtual void LeaveArgument(ArgumentNode node) { }
    public virtual void EnterDirective(DirectiveNode node) { }
    public virtual void LeaveDirective(DirectiveNode node) { }
    public virtual void EnterObjectField(ObjectFieldNode node) { }
    public virtual void EnterVariable(VariableNode node) { }
    public virtual void EnterListValue(ListValueNode node) { }
    public virtual void LeaveListValue(ListValueNode node) { }
    public virtual void EnterObjectValue(ObjectValueNode node) { }
    public virtual void LeaveObjectValue(ObjectValueNode node) { }
    public virtual void EnterNamedType(NamedTypeNode node) { }
    /// <summary>Int, Float, String, Boolean, Null and Enum literals.</summary>
    public virtual void EnterScalarValue(ValueNode node) { }
}
