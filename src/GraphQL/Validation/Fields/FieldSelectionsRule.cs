using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;
using Marketplace.GraphQL.Validation.Support;

namespace Marketplace.GraphQL.Validation.Fields;

/// <summary>Spec 5.3.1: selected fields exist on the object, interface or union being selected on.</summary>
public sealed class FieldSelectionsRule : IValidationRule
{
    public DocumentVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : DocumentVisitor
    {
        public override void EnterField(FieldNode node)
        {
            var parent = context.TypeInfo.ParentType;
            if (parent is null || context.TypeInfo.FieldDefinition is not null) return;
            var name = node.Name.Value;
            var hint = Suggestions.DidYouMean(TypesHavingField(parent, name), "to use an inline fragment on");
            if (hint.Length == 0 && parent is ComplexType complex)
                hint = Suggestions.DidYouMean(Suggestions.Similar(name, complex.Fields.Select(f => f.Name)));
            context.ReportError($"Cannot query field \"{name}\" on type \"{parent.Name}\".{hint}", node);
        }

        /// <summary>For abstract parents: the more specific types that do define the field.</summary>
        private IReadOnlyList<string> TypesHavingField(NamedType parent, string fieldName)
        {
            if (parent is ObjectType) return [];
            var schema = context.Schema;
            var objects = schema.GetPossibleTypes(parent).Where(t => t.GetField(fieldName) is not null).ToList();
            var interfaces = schema.TypeList.OfType<InterfaceType>()
                .Where(i => i.GetField(fieldName) is not null && !ReferenceEquals(i, parent) && objects.Any(o => o.Implements(i)))
                .OrderByDescending(i => objects.Count(o => o.Implements(i))).ThenBy(i => i.Name, StringComparer.Ordinal);
            return interfaces.Select(i => i.Name).Concat(objects.Select(o => o.Name).Order(StringComparer.Ordinal)).ToArray();
        }
    }
}
