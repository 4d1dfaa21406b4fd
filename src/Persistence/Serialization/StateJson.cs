using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Persistence.Serialization;

/// <summary>The System.Text.Json settings grain state is stored with.</summary>
/// <remarks>
/// Stored state must outlive code changes. What is written is only property names and values: never a
/// CLR type name (System.Text.Json has no type-name handling at all; polymorphism exists only through
/// explicit <c>[JsonDerivedType]</c> discriminators chosen in code), so renaming or moving a state class
/// reads old rows unchanged, and nothing in a row can make the reader instantiate a type it names.
/// </remarks>
public static class StateJson
{
    /// <summary>Creates the settings (a new instance each call: callers may add converters).</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // camelCase names and case-insensitive reads (Web defaults): a property may change case freely.
            // Enums by name: a reordered or inserted member must not change the meaning of stored numbers.
            Converters = { new JsonStringEnumConverter() },
            // Properties added later are absent in old rows and keep their defaults; properties removed
            // from the class are skipped when read (the default, stated here because it matters).
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            // Only NaN/Infinity as strings; other numbers stay numbers. decimal is written with all its
            // digits and read back exactly (money is decimal, never double).
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            // Null members are written, so a reader can tell "null" from "absent" (an added property).
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // Deep graphs fail loudly rather than silently truncating.
            MaxDepth = 64,
            // PostgreSQL's jsonb does not keep key order (it sorts keys by length, then bytes), so a
            // polymorphic value's discriminator ("$kind" of a MarketEvent in an outbox) comes back after
            // shorter keys such as "at". Without this a grain whose stored outbox is not empty (every item
            // and order after a change, until its next write) cannot be activated again after a crash.
            AllowOutOfOrderMetadataProperties = true,
        };
        return options;
    }
}
