using System.Reflection;

namespace Marketplace.GraphQL.Analysis;

/// <summary>
/// The rules an executor runs, each once. Rules arrive from several places (the specified rules, rules
/// registered in a service collection, a caller's list), so the same rule can be offered twice; running
/// it twice would report every one of its errors twice.
/// </summary>
public static class ValidationRuleSet
{
    /// <summary>
    /// <paramref name="rules"/> in first-seen order without repeats. Two rules are the same rule when they
    /// are the same instance, when they are equal (<see cref="object.Equals(object)"/>, e.g. records with
    /// the same settings), or when they are of one type that holds no state (no instance fields: every
    /// instance validates alike, like the rules of <see cref="Validation.SpecifiedRules"/>). Instances of
    /// one type with different settings are different rules and all run.
    /// </summary>
    public static IReadOnlyList<IValidationRule> Distinct(IEnumerable<IValidationRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var result = new List<IValidationRule>();
        var statelessTypes = new HashSet<Type>();
        foreach (var rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(rules));
            var type = rule.GetType();
            if (statelessTypes.Contains(type)) continue;
            if (result.Exists(r => ReferenceEquals(r, rule) || r.GetType() == type && r.Equals(rule))) continue;
            if (IsStateless(type)) statelessTypes.Add(type);
            result.Add(rule);
        }
        return result.ToArray();
    }

    private static bool IsStateless(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            if (t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).Length > 0)
                return false;
        }
        return true;
    }
}
