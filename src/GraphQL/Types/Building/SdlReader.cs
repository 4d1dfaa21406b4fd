using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Types;

/// <summary>Turns SDL definitions and extensions into builder configs.</summary>
internal static class SdlReader
{
    public static void Read(SchemaBuilder builder, DefinitionNode definition)
    {
        switch (definition)
        {
            case SchemaDefinitionNode schema:
                builder.SetSchemaDefinition(schema.Description?.Value, schema.OperationTypes, isExtension: false);
                break;
            case SchemaExtensionNode extension:
                builder.SetSchemaDefinition(null, extension.OperationTypes, isExtension: true);
                break;
            case TypeDefinitionNode { IsExtension: true } typeExtension:
                builder.AddExtension(typeExtension);
                break;
            case TypeDefinitionNode type:
                Define(builder, type);
                break;
            case DirectiveDefinitionNode directive:
            {
                var config = builder.DefineDirective(directive.Name.Value);
                config.Description = directive.Description?.Value;
                config.IsRepeatable = directive.Repeatable;
                foreach (var location in directive.Locations) config.Locations.Add(System.Enum.Parse<DirectiveLocation>(location.Value));
                foreach (var argument in directive.Arguments) config.Arguments.Add(ReadInputValue(argument));
                break;
            }
            default:
                builder.AddError($"Executable definitions are not allowed in a schema document ({definition.Kind}).");
                break;
        }
    }

    private static void Define(SchemaBuilder builder, TypeDefinitionNode type)
    {
        var name = type.Name.Value;
        TypeConfig config = type switch
        {
            ObjectTypeDefinitionNode => builder.DefineFromSdl(name, n => new ObjectTypeConfig(n)),
            InterfaceTypeDefinitionNode => builder.DefineFromSdl(name, n => new InterfaceTypeConfig(n)),
            UnionTypeDefinitionNode => builder.DefineFromSdl(name, n => new UnionTypeConfig(n)),
            EnumTypeDefinitionNode => builder.DefineFromSdl(name, n => new EnumTypeConfig(n)),
            InputObjectTypeDefinitionNode => builder.DefineFromSdl(name, n => new InputObjectTypeConfig(n)),
            _ => builder.DefineFromSdl(name, n => new ScalarTypeConfig(n)),
        };
        config.Description = type.Description?.Value ?? config.Description;
        Merge(builder, config, type);
    }

    public static void ApplyExtension(SchemaBuilder builder, TypeDefinitionNode extension)
    {
        var config = builder.FindConfig(extension.Name.Value);
        var matches = (config, extension) switch
        {
            (ObjectTypeConfig, ObjectTypeDefinitionNode) => true,
            (InterfaceTypeConfig, InterfaceTypeDefinitionNode) => true,
            (UnionTypeConfig, UnionTypeDefinitionNode) => true,
            (EnumTypeConfig, EnumTypeDefinitionNode) => true,
            (InputObjectTypeConfig, InputObjectTypeDefinitionNode) => true,
            (ScalarTypeConfig, ScalarTypeDefinitionNode) => true,
            _ => false,
        };
        if (config is null)
        {
            builder.AddError($"Cannot extend type \"{extension.Name.Value}\" because it is not defined.");
            return;
        }

        if (!matches)
        {
            builder.AddError($"Cannot extend non-matching kind of type \"{extension.Name.Value}\".");
            return;
        }

        Merge(builder, config, extension);
    }

    private static void Merge(SchemaBuilder builder, TypeConfig config, TypeDefinitionNode node)
    {
        config.Directives.AddRange(node.Directives);
        switch (config, node)
        {
            case (ObjectTypeConfig o, ObjectTypeDefinitionNode n):
                AddInterfaces(builder, o, n.Interfaces);
                AddFields(builder, o, n.Fields);
                break;
            case (InterfaceTypeConfig i, InterfaceTypeDefinitionNode n):
                AddInterfaces(builder, i, n.Interfaces);
                AddFields(builder, i, n.Fields);
                break;
            case (UnionTypeConfig u, UnionTypeDefinitionNode n):
                foreach (var member in n.Types)
                {
                    if (u.Types.Contains(member.Name.Value)) builder.AddError($"Union type \"{u.Name}\" can only include type \"{member.Name.Value}\" once.");
                    else u.Types.Add(member.Name.Value);
                }

                break;
            case (EnumTypeConfig e, EnumTypeDefinitionNode n):
                foreach (var valueNode in n.Values)
                {
                    var existing = e.Values.Find(v => v.Name == valueNode.Name.Value);
                    if (existing is not null && existing.Description is not null)
                    {
                        builder.AddError($"Enum value \"{e.Name}.{valueNode.Name.Value}\" can only be defined once.");
                        continue;
                    }

                    var value = existing ?? new EnumValueConfig(valueNode.Name.Value);
                    if (existing is null) e.Values.Add(value);
                    value.Description = valueNode.Description?.Value;
                    value.DeprecationReason = Deprecation(valueNode.Directives);
                    value.Directives.AddRange(valueNode.Directives);
                }

                break;
            case (InputObjectTypeConfig i, InputObjectTypeDefinitionNode n):
                if (n.Directives.Any(d => d.Name.Value == "oneOf")) i.IsOneOf = true;
                foreach (var field in n.Fields)
                {
                    if (i.Fields.Exists(f => f.Name == field.Name.Value))
                    {
                        builder.AddError($"Field \"{i.Name}.{field.Name.Value}\" can only be defined once.");
                        continue;
                    }

                    i.Fields.Add(ReadInputValue(field));
                }

                break;
            case (ScalarTypeConfig s, ScalarTypeDefinitionNode n):
                var specifiedBy = n.Directives.FirstOrDefault(d => d.Name.Value == "specifiedBy");
                if (specifiedBy?.Arguments.FirstOrDefault(a => a.Name.Value == "url")?.Value is StringValueNode url) s.SpecifiedByUrl = url.Value;
                break;
        }
    }

    private static void AddInterfaces(SchemaBuilder builder, ComplexTypeConfig config, IReadOnlyList<NamedTypeNode> interfaces)
    {
        foreach (var i in interfaces)
        {
            if (config.Interfaces.Contains(i.Name.Value)) builder.AddError($"Type \"{config.Name}\" can only implement \"{i.Name.Value}\" once.");
            else config.Interfaces.Add(i.Name.Value);
        }
    }

    private static void AddFields(SchemaBuilder builder, ComplexTypeConfig config, IReadOnlyList<FieldDefinitionNode> fields)
    {
        foreach (var node in fields)
        {
            var field = config.FindField(node.Name.Value);
            if (field is not null && field.Type is not null)
            {
                builder.AddError($"Field \"{config.Name}.{node.Name.Value}\" can only be defined once.");
                continue;
            }

            if (field is null)
            {
                field = new FieldConfig(node.Name.Value);
                config.Fields.Add(field);
            }

            field.Type = node.Type;
            field.Description = node.Description?.Value;
            field.DeprecationReason = Deprecation(node.Directives);
            field.Directives.AddRange(node.Directives);
            foreach (var argument in node.Arguments) field.Arguments.Add(ReadInputValue(argument));
        }
    }

    private static InputValueConfig ReadInputValue(InputValueDefinitionNode node)
    {
        var config = new InputValueConfig(node.Name.Value, node.Type)
        {
            DefaultValue = node.DefaultValue,
            Description = node.Description?.Value,
            DeprecationReason = Deprecation(node.Directives),
        };
        config.Directives.AddRange(node.Directives);
        return config;
    }

    /// <summary>Reason from @deprecated (default reason when the argument is left out), or null.</summary>
    private static string? Deprecation(IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var directive in directives)
        {
            if (directive.Name.Value != "deprecated") continue;
            var reason = directive.Arguments.FirstOrDefault(a => a.Name.Value == "reason")?.Value;
            return reason is StringValueNode s ? s.Value : SchemaBuilder.DefaultDeprecationReason;
        }

        return null;
    }
}
