using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Execution;

/// <summary>CoerceArgumentValues (spec 6.4.1).</summary>
internal static class ArgumentCoercion
{
    public static IReadOnlyDictionary<string, object?> Coerce(FieldDefinition field, FieldNode node, IReadOnlyDictionary<string, object?>? variables) =>
        Coerce(field.Arguments, node.Arguments, variables);

    public static IReadOnlyDictionary<string, object?> Coerce(IReadOnlyList<InputValueDefinition> definitions, IReadOnlyList<ArgumentNode> arguments, IReadOnlyDictionary<string, object?>? variables)
    {
        var result = new Dictionary<string, object?>(definitions.Count, StringComparer.Ordinal);
        // Indexed loops: foreach over the IReadOnlyList interfaces would box an enumerator each time.
        for (var d = 0; d < definitions.Count; d++)
        {
            var definition = definitions[d];
            ArgumentNode? argument = null;
            for (var a = 0; a < arguments.Count; a++)
            {
                if (arguments[a].Name.Value == definition.Name)
                {
                    argument = arguments[a];
                    break;
                }
            }

            object? value = ValueCoercion.Undefined;
            if (argument is not null)
            {
                try
                {
                    value = ValueCoercion.CoerceLiteral(argument.Value, definition.Type, variables);
                }
                catch (GraphQLCoercionException ex)
                {
                    throw new GraphQLCoercionException($"Argument \"{definition.Name}\" has invalid value {Language.AstPrinter.Print(argument.Value)}. {ex.Message}");
                }
            }

            if (ReferenceEquals(value, ValueCoercion.Undefined))
            {
                if (definition.HasDefaultValue) result[definition.Name] = definition.DefaultValue;
                else if (definition.Type.IsNonNull)
                    throw new GraphQLCoercionException($"Argument \"{definition.Name}\" of required type \"{definition.Type}\" was not provided.");
                continue;
            }

            if (value is null && definition.Type.IsNonNull)
                throw new GraphQLCoercionException($"Argument \"{definition.Name}\" of non-null type \"{definition.Type}\" must not be null.");
            result[definition.Name] = value;
        }

        return result;
    }
}
