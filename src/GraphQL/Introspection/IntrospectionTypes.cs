using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Introspection;

/// <summary>
/// The introspection types (spec 4.2), defined in SDL and resolved over the schema model itself.
/// Fields that map 1:1 to model properties use the default property resolver.
/// </summary>
internal static class IntrospectionTypes
{
    private const string Sdl = """
        type __Schema {
          description: String
          types: [__Type!]!
          queryType: __Type!
          mutationType: __Type
          subscriptionType: __Type
          directives: [__Directive!]!
        }

        type __Type {
          kind: __TypeKind!
          name: String
          description: String
          specifiedByURL: String
          fields(includeDeprecated: Boolean = false): [__Field!]
          interfaces: [__Type!]
          possibleTypes: [__Type!]
          enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
          inputFields(includeDeprecated: Boolean = false): [__InputValue!]
          ofType: __Type
          isOneOf: Boolean
        }

        enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }

        type __Field {
          name: String!
          description: String
          args(includeDeprecated: Boolean = false): [__InputValue!]!
          type: __Type!
          isDeprecated: Boolean!
          deprecationReason: String
        }

        type __InputValue {
          name: String!
          description: String
          type: __Type!
          defaultValue: String
          isDeprecated: Boolean!
          deprecationReason: String
        }

        type __EnumValue {
          name: String!
          description: String
          isDeprecated: Boolean!
          deprecationReason: String
        }

        type __Directive {
          name: String!
          description: String
          isRepeatable: Boolean!
          locations: [__DirectiveLocation!]!
          args(includeDeprecated: Boolean = false): [__InputValue!]!
        }

        enum __DirectiveLocation {
          QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD INLINE_FRAGMENT VARIABLE_DEFINITION
          SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION
        }
        """;

    public static IReadOnlyList<TypeConfig> CreateConfigs()
    {
        var builder = new SchemaBuilder().AddTypeDefinitions(Sdl);
        builder.Enum("__TypeKind", e => e.BindValues<TypeKind>());
        builder.Enum("__DirectiveLocation", e => e.BindValues<DirectiveLocation>());
        builder.Object("__Schema", t => t
            .Field("types", null, f => f.Resolve(c => ((Schema)c.Source!).TypeList))
            .Field("directives", null, f => f.Resolve(c => ((Schema)c.Source!).DirectiveList)));
        builder.Object("__Type", t => t
            .Field("fields", null, f => f.Resolve(c => c.Source is ComplexType ct ? Filter(ct.Fields, c, x => x.IsDeprecated) : null))
            .Field("interfaces", null, f => f.Resolve(c => (c.Source as ComplexType)?.Interfaces))
            .Field("possibleTypes", null, f => f.Resolve(c => c.Source is InterfaceType or UnionType ? c.Schema.GetPossibleTypes((NamedType)c.Source) : null))
            .Field("enumValues", null, f => f.Resolve(c => c.Source is EnumType et ? Filter(et.Values, c, x => x.IsDeprecated) : null))
            .Field("inputFields", null, f => f.Resolve(c => c.Source is InputObjectType it ? Filter(it.Fields, c, x => x.IsDeprecated) : null))
            .Field("isOneOf", null, f => f.Resolve(c => c.Source is InputObjectType it ? it.IsOneOf : null)));
        builder.Object("__Field", t => t
            .Field("args", null, f => f.Resolve(c => Filter(((FieldDefinition)c.Source!).Arguments, c, x => x.IsDeprecated))));
        builder.Object("__Directive", t => t
            .Field("args", null, f => f.Resolve(c => Filter(((DirectiveDefinition)c.Source!).Arguments, c, x => x.IsDeprecated))));
        builder.Object("__InputValue", t => t
            .Field("defaultValue", null, f => f.Resolve(c => ((InputValueDefinition)c.Source!).DefaultValueLiteral is { } literal ? AstPrinter.Print(literal) : null)));
        builder.ApplyPendingForIntrospection();
        return builder.Configs;
    }

    private static IReadOnlyList<T> Filter<T>(IReadOnlyList<T> items, IResolveContext context, Func<T, bool> isDeprecated) =>
        context.GetArgument<bool>("includeDeprecated") ? items : items.Where(i => !isDeprecated(i)).ToArray();

    public static MetaFields CreateMetaFields(IReadOnlyDictionary<string, NamedType> types)
    {
        var typeName = new FieldDefinition("__typename", new NonNullType(types["String"]))
        {
            Description = "The name of the current Object type at runtime.",
            Resolver = c => new ValueTask<object?>(c.ParentType.Name),
        };
        var schema = new FieldDefinition("__schema", new NonNullType(types["__Schema"]))
        {
            Description = "Access the current type schema of this server.",
            Resolver = c => new ValueTask<object?>(c.Schema),
        };
        var type = new FieldDefinition("__type", types["__Type"])
        {
            Description = "Request the type information of a single type.",
            Arguments = [new InputValueDefinition("name", new NonNullType(types["String"]))],
            Resolver = c => new ValueTask<object?>(c.Schema.GetType(c.GetArgument<string>("name") ?? "")),
        };
        return new MetaFields(typeName, schema, type);
    }
}
