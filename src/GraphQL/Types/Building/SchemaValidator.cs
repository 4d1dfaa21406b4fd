namespace Marketplace.GraphQL.Types;

/// <summary>Type system validation (spec section 3 "Type Validation" rules).</summary>
internal static class SchemaValidator
{
    public static void Validate(Schema schema, List<string> errors)
    {
        foreach (var type in schema.TypeList)
        {
            if (type.IsIntrospectionType) continue;
            if (type.Name.StartsWith("__", StringComparison.Ordinal))
                errors.Add($"Name \"{type.Name}\" must not begin with \"__\", which is reserved by GraphQL introspection.");
            switch (type)
            {
                case ComplexType complex:
                    ValidateFields(schema, complex, errors);
                    foreach (var i in complex.Interfaces) ValidateImplementation(schema, complex, i, errors);
                    break;
                case UnionType union:
                    if (union.Types.Count == 0) errors.Add($"Union type {union.Name} must define one or more member types.");
                    break;
                case EnumType enumType:
                    if (enumType.Values.Count == 0) errors.Add($"Enum type {enumType.Name} must define one or more values.");
                    foreach (var value in enumType.Values)
                        if (value.Name is "true" or "false" or "null")
                            errors.Add($"Enum type {enumType.Name} cannot include value: {value.Name}.");
                    break;
                case InputObjectType input:
                    ValidateInputObject(input, errors);
                    break;
            }
        }

        foreach (var directive in schema.DirectiveList)
            foreach (var argument in directive.Arguments)
                ValidateArgument($"@{directive.Name}({argument.Name}:)", argument, errors);
    }

    private static void ValidateFields(Schema schema, ComplexType type, List<string> errors)
    {
        if (type.Fields.Count == 0) errors.Add($"Type {type.Name} must define one or more fields.");
        foreach (var field in type.Fields)
        {
            if (field.Name.StartsWith("__", StringComparison.Ordinal))
                errors.Add($"Name \"{field.Name}\" must not begin with \"__\", which is reserved by GraphQL introspection.");
            if (!field.Type.IsOutputType)
                errors.Add($"The type of {type.Name}.{field.Name} must be Output Type but got: {field.Type}.");
            foreach (var argument in field.Arguments)
                ValidateArgument($"{type.Name}.{field.Name}({argument.Name}:)", argument, errors);
        }
    }

    private static void ValidateArgument(string coordinate, InputValueDefinition argument, List<string> errors)
    {
        if (!argument.Type.IsInputType)
            errors.Add($"The type of {coordinate} must be Input Type but got: {argument.Type}.");
        if (argument.Type.IsNonNull && !argument.HasDefaultValue && argument.IsDeprecated)
            errors.Add($"Required argument {coordinate} cannot be deprecated.");
    }

    private static void ValidateInputObject(InputObjectType input, List<string> errors)
    {
        if (input.Fields.Count == 0) errors.Add($"Input Object type {input.Name} must define one or more fields.");
        foreach (var field in input.Fields)
        {
            if (!field.Type.IsInputType)
                errors.Add($"The type of {input.Name}.{field.Name} must be Input Type but got: {field.Type}.");
            if (field.Type.IsNonNull && !field.HasDefaultValue && field.IsDeprecated)
                errors.Add($"Required input field {input.Name}.{field.Name} cannot be deprecated.");
            if (input.IsOneOf)
            {
                if (field.Type.IsNonNull) errors.Add($"OneOf input field {input.Name}.{field.Name} must be nullable.");
                if (field.HasDefaultValue) errors.Add($"OneOf input field {input.Name}.{field.Name} cannot have a default value.");
            }
        }
    }

    private static void ValidateImplementation(Schema schema, ComplexType type, InterfaceType iface, List<string> errors)
    {
        if (ReferenceEquals(type, iface))
        {
            errors.Add($"Type {type.Name} cannot implement itself because it would create a circular reference.");
            return;
        }

        // Interfaces implemented by the interface must be declared too (transitively).
        foreach (var transitive in iface.Interfaces)
            if (!type.Implements(transitive))
                errors.Add($"Type {type.Name} must implement {transitive.Name} because it is implemented by {iface.Name}.");

        foreach (var ifaceField in iface.Fields)
        {
            var field = type.GetField(ifaceField.Name);
            if (field is null)
            {
                errors.Add($"Interface field {iface.Name}.{ifaceField.Name} expected but {type.Name} does not provide it.");
                continue;
            }

            if (!TypeComparisons.IsSubtype(schema, field.Type, ifaceField.Type))
                errors.Add($"Interface field {iface.Name}.{ifaceField.Name} expects type {ifaceField.Type} but {type.Name}.{field.Name} is type {field.Type}.");

            foreach (var ifaceArg in ifaceField.Arguments)
            {
                var arg = field.GetArgument(ifaceArg.Name);
                if (arg is null)
                {
                    errors.Add($"Interface field argument {iface.Name}.{ifaceField.Name}({ifaceArg.Name}:) expected but {type.Name}.{field.Name} does not provide it.");
                    continue;
                }

                if (!TypeComparisons.AreEqual(arg.Type, ifaceArg.Type))
                    errors.Add($"Interface field argument {iface.Name}.{ifaceField.Name}({ifaceArg.Name}:) expects type {ifaceArg.Type} but {type.Name}.{field.Name}({arg.Name}:) is type {arg.Type}.");
            }

            foreach (var arg in field.Arguments)
                if (ifaceField.GetArgument(arg.Name) is null && arg.Type.IsNonNull && !arg.HasDefaultValue)
                    errors.Add($"Argument \"{type.Name}.{field.Name}({arg.Name}:)\" must not be required type \"{arg.Type}\" if not provided by the Interface field \"{iface.Name}.{ifaceField.Name}\".");
        }
    }
}
