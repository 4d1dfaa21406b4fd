namespace Marketplace.GraphQL.Types;

/// <summary>Where a directive may appear (names as in the spec and in __DirectiveLocation).</summary>
public enum DirectiveLocation
{
    QUERY, MUTATION, SUBSCRIPTION, FIELD, FRAGMENT_DEFINITION, FRAGMENT_SPREAD, INLINE_FRAGMENT, VARIABLE_DEFINITION,
    SCHEMA, SCALAR, OBJECT, FIELD_DEFINITION, ARGUMENT_DEFINITION, INTERFACE, UNION, ENUM, ENUM_VALUE,
    INPUT_OBJECT, INPUT_FIELD_DEFINITION,
}

public sealed class DirectiveDefinition
{
    private Dictionary<string, InputValueDefinition> _argumentsByName = new(StringComparer.Ordinal);
    private IReadOnlyList<InputValueDefinition> _arguments = [];

    public DirectiveDefinition(string name, IReadOnlyList<DirectiveLocation> locations)
    {
        Name = name;
        Locations = locations;
    }

    public string Name { get; }
    public string? Description { get; internal set; }
    public IReadOnlyList<DirectiveLocation> Locations { get; }
    public bool IsRepeatable { get; internal set; }

    public IReadOnlyList<InputValueDefinition> Arguments
    {
        get => _arguments;
        internal set
        {
            _arguments = value;
            _argumentsByName = value.ToDictionary(a => a.Name, StringComparer.Ordinal);
        }
    }

    public InputValueDefinition? GetArgument(string name) => _argumentsByName.GetValueOrDefault(name);

    /// <summary>skip, include, deprecated, specifiedBy, oneOf.</summary>
    public bool IsBuiltIn => Name is "skip" or "include" or "deprecated" or "specifiedBy" or "oneOf";
}
