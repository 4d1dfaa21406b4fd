using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Types;

public sealed class FieldDefinition
{
    private Dictionary<string, InputValueDefinition> _argumentsByName = new(StringComparer.Ordinal);
    private IReadOnlyList<InputValueDefinition> _arguments = [];

    public FieldDefinition(string name, GraphQLType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }
    public GraphQLType Type { get; internal set; }
    public string? Description { get; internal set; }
    public string? DeprecationReason { get; internal set; }
    public bool IsDeprecated => DeprecationReason is not null;
    public IReadOnlyList<DirectiveNode> AppliedDirectives { get; internal set; } = [];

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

    /// <summary>Produces the field's value; null means the default (property/dictionary lookup on the parent).</summary>
    public Func<IResolveContext, ValueTask<object?>>? Resolver { get; internal set; }

    /// <summary>For subscription root fields: produces the source event stream.</summary>
    public Func<IResolveContext, ValueTask<IAsyncEnumerable<object?>>>? Subscriber { get; internal set; }

    /// <summary>Runs before the resolver; a denial fails the field with an error carrying the given code.</summary>
    public Func<IResolveContext, ValueTask<AuthorizationResult>>? Authorizer { get; internal set; }

    /// <summary>Cost of this field for the cost limit (default 1).</summary>
    public int? Cost { get; internal set; }

    /// <summary>Resolver actually used at execution (explicit or the default property lookup).</summary>
    internal Func<IResolveContext, ValueTask<object?>> EffectiveResolver { get; set; } = null!;

    /// <summary>Set when the field has no resolver: lets the executor read the parent value without a context.</summary>
    internal DefaultFieldResolver? DefaultResolver { get; set; }

    public override string ToString() => $"{Name}: {Type}";
}

/// <summary>An argument definition or an input object field.</summary>
public sealed class InputValueDefinition
{
    public InputValueDefinition(string name, GraphQLType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }
    public GraphQLType Type { get; internal set; }
    public string? Description { get; internal set; }
    /// <summary>Default as written (for printing and introspection).</summary>
    public ValueNode? DefaultValueLiteral { get; internal set; }
    public bool HasDefaultValue => DefaultValueLiteral is not null;
    /// <summary>Default coerced to the internal representation (computed when the schema is built).</summary>
    public object? DefaultValue { get; internal set; }
    public string? DeprecationReason { get; internal set; }
    public bool IsDeprecated => DeprecationReason is not null;
    public IReadOnlyList<DirectiveNode> AppliedDirectives { get; internal set; } = [];
    public override string ToString() => $"{Name}: {Type}";
}

/// <summary>Outcome of a field authorization hook.</summary>
public readonly record struct AuthorizationResult(bool IsAllowed, string? Message, string? Code)
{
    public static AuthorizationResult Allow() => new(true, null, null);
    public static AuthorizationResult Deny(string message, string code = "FORBIDDEN") => new(false, message, code);
}
