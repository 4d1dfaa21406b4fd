using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Analysis;

/// <summary>
/// Tracks the schema position while walking a document: parent type, field definition, output
/// type, input type, argument, directive, enum value. The walker calls Enter before visitors see a
/// node and Leave after.
/// </summary>
public sealed class TypeInfo
{
    private readonly Schema _schema;
    private readonly List<GraphQLType?> _typeStack = new();
    private readonly List<NamedType?> _parentTypeStack = new();
    private readonly List<GraphQLType?> _inputTypeStack = new();
    private readonly List<FieldDefinition?> _fieldDefStack = new();
    private readonly List<InputValueDefinition?> _defaultValueStack = new();

    public TypeInfo(Schema schema) => _schema = schema;

    /// <summary>Output type of the current field/operation/fragment.</summary>
    public GraphQLType? Type => Peek(_typeStack);
    /// <summary>Composite type whose selection set we are in.</summary>
    public NamedType? ParentType => Peek(_parentTypeStack);
    /// <summary>Expected input type of the current argument / value / variable definition.</summary>
    public GraphQLType? InputType => Peek(_inputTypeStack);
    /// <summary>Input type of the enclosing list or input object value.</summary>
    public GraphQLType? ParentInputType => _inputTypeStack.Count > 1 ? _inputTypeStack[^2] : null;
    public FieldDefinition? FieldDefinition => Peek(_fieldDefStack);
    /// <summary>Argument or input field definition of the current value (for defaults).</summary>
    public InputValueDefinition? InputValueDefinition => Peek(_defaultValueStack);
    public DirectiveDefinition? Directive { get; private set; }
    /// <summary>True inside a directive node, even an unknown one (its arguments are not the field's).</summary>
    public bool InDirective { get; private set; }
    public InputValueDefinition? Argument { get; private set; }
    public EnumValueDefinition? EnumValue { get; private set; }

    private static T? Peek<T>(List<T?> stack) where T : class => stack.Count > 0 ? stack[^1] : null;
    private static void Pop<T>(List<T> stack) => stack.RemoveAt(stack.Count - 1);

    public void Enter(SyntaxNode node)
    {
        switch (node)
        {
            case SelectionSetNode:
                _parentTypeStack.Add(Type?.Named is { } named && named.IsCompositeType() ? named : null);
                break;
            case FieldNode field:
            {
                var parent = ParentType;
                var def = parent is null ? null : _schema.GetFieldDefinition(parent, field.Name.Value);
                _fieldDefStack.Add(def);
                _typeStack.Add(def?.Type is { IsOutputType: true } t ? t : null);
                break;
            }
            case DirectiveNode directive:
                Directive = _schema.GetDirective(directive.Name.Value);
                InDirective = true;
                break;
            case OperationDefinitionNode op:
                _typeStack.Add(_schema.GetRootType(op.Operation));
                break;
            case InlineFragmentNode inline:
                _typeStack.Add(inline.TypeCondition is null ? Type?.Named : OutputType(inline.TypeCondition));
                break;
            case FragmentDefinitionNode fragment:
                _typeStack.Add(OutputType(fragment.TypeCondition));
                break;
            case VariableDefinitionNode variable:
            {
                var type = _schema.FromTypeNode(variable.Type);
                _inputTypeStack.Add(type is { IsInputType: true } ? type : null);
                break;
            }
            case ArgumentNode argument:
            {
                var def = InDirective ? Directive?.GetArgument(argument.Name.Value) : FieldDefinition?.GetArgument(argument.Name.Value);
                Argument = def;
                _defaultValueStack.Add(def);
                _inputTypeStack.Add(def?.Type is { IsInputType: true } t ? t : null);
                break;
            }
            case ListValueNode:
            {
                var listType = InputType?.Nullable;
                var itemType = listType is ListType l ? l.OfType : listType;
                _defaultValueStack.Add(null);
                _inputTypeStack.Add(itemType is { IsInputType: true } ? itemType : null);
                break;
            }
            case ObjectFieldNode objectField:
            {
                var objectType = InputType?.Named as InputObjectType;
                var fieldDef = objectType?.GetField(objectField.Name.Value);
                _defaultValueStack.Add(fieldDef);
                _inputTypeStack.Add(fieldDef?.Type is { IsInputType: true } t ? t : null);
                break;
            }
            case EnumValueNode enumValue:
                EnumValue = (InputType?.Named as EnumType)?.GetValue(enumValue.Value);
                break;
        }
    }

    public void Leave(SyntaxNode node)
    {
        switch (node)
        {
            case SelectionSetNode: Pop(_parentTypeStack); break;
            case FieldNode: Pop(_fieldDefStack); Pop(_typeStack); break;
            case DirectiveNode: Directive = null; InDirective = false; break;
            case OperationDefinitionNode or InlineFragmentNode or FragmentDefinitionNode: Pop(_typeStack); break;
            case VariableDefinitionNode: Pop(_inputTypeStack); break;
            case ArgumentNode: Argument = null; Pop(_defaultValueStack); Pop(_inputTypeStack); break;
            case ListValueNode or ObjectFieldNode: Pop(_defaultValueStack); Pop(_inputTypeStack); break;
            case EnumValueNode: EnumValue = null; break;
        }
    }

    private GraphQLType? OutputType(NamedTypeNode node) =>
        _schema.GetType(node.Name.Value) is { IsOutputType: true } t ? t : null;
}

public static class TypeKindExtensions
{
    public static bool IsCompositeType(this NamedType type) => type is ObjectType or InterfaceType or UnionType;
}
