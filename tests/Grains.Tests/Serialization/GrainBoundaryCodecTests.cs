using System.Collections;
using System.Reflection;
using System.Text.Json;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Serializers;

namespace Marketplace.Grains.Tests.Serialization;

/// <summary>
/// Every type that crosses a grain boundary has an Orleans codec and copier in the silo, and a sample of it
/// survives Orleans' serializer and deep copier with every member: so a record without
/// <c>[GenerateSerializer]</c> (or a member without an id) fails here, not on a production call between silos.
/// "Crossing" = the parameters and results of every grain interface in Marketplace.Grains.Interfaces, and the
/// market events and notifications on the streams; followed through generic arguments, collection elements,
/// members and the concrete subtypes of abstract types.
/// </summary>
public sealed class GrainBoundaryCodecTests
{
    private static readonly Assembly Contracts = typeof(CallerContext).Assembly;

    /// <summary>The stream payloads travel between silos too (persistent stream queues), not as grain-call arguments.</summary>
    private static readonly Type[] StreamPayloads = [typeof(MarketEvent), typeof(MarketStatsChanged)];

    [Fact]
    public void The_contract_has_grain_interfaces_and_their_types_are_found()
    {
        // Guards the walk below: a refactoring that moved the interfaces must not make the codec test vacuous.
        Assert.True(GrainInterfaces().Count() >= 10);
        var types = BoundaryTypes();
        Assert.Contains(typeof(ItemSnapshot), types);
        Assert.Contains(typeof(Marketplace.Grains.Interfaces.Items.PricePoint), types);
        Assert.Contains(typeof(ItemListed), types); // a subtype of the abstract MarketEvent
        Assert.Contains(typeof(Result<Marketplace.Grains.Interfaces.Items.ItemView>), types);
    }

    [Fact]
    public async Task Every_type_crossing_a_grain_boundary_has_a_codec_and_round_trips()
    {
        await using var market = await Market.CreateAsync();
        var services = market.Host.Services;
        var codecs = services.GetRequiredService<ICodecProvider>();
        var copiers = services.GetRequiredService<IDeepCopierProvider>();
        var serializer = services.GetRequiredService<Serializer>();
        var copier = services.GetRequiredService<DeepCopier>();

        var problems = new List<string>();
        foreach (var type in BoundaryTypes().OrderBy(t => t.FullName))
        {
            try { _ = codecs.GetCodec(type); }
            catch (Exception ex) { problems.Add($"{Name(type)}: no codec ({ex.GetType().Name}: {ex.Message})"); continue; }
            try { _ = copiers.GetDeepCopier(type); }
            catch (Exception ex) { problems.Add($"{Name(type)}: no deep copier ({ex.GetType().Name}: {ex.Message})"); continue; }

            if (type.IsAbstract || type.IsInterface) continue; // their concrete subtypes are samples of their own
            var sample = Samples.Create(type);
            var runtimeType = Nullable.GetUnderlyingType(type) ?? type; // a boxed Nullable<T> is a T
            var expected = Json(sample);
            try
            {
                var read = serializer.Deserialize<object>(serializer.SerializeToArray<object>(sample))!;
                if (read.GetType() != runtimeType || Json(read) != expected) problems.Add($"{Name(type)}: serializer round trip changed it: {expected} -> {Json(read)}");
                var copy = copier.Copy<object>(sample);
                if (copy.GetType() != runtimeType || Json(copy) != expected) problems.Add($"{Name(type)}: deep copy changed it: {expected} -> {Json(copy)}");
            }
            catch (Exception ex)
            {
                problems.Add($"{Name(type)}: {ex.GetType().Name}: {ex.Message}");
            }
        }
        Assert.True(problems.Count == 0, "Types crossing grain boundaries that Orleans cannot carry:\n" + string.Join("\n", problems));
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType());

    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Name;

    private static IEnumerable<Type> GrainInterfaces() => Contracts.GetTypes().Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t));

    /// <summary>Parameter and result types of every grain interface method, and the stream payloads, closed over what they reach.</summary>
    internal static HashSet<Type> BoundaryTypes()
    {
        var roots = GrainInterfaces()
            .SelectMany(i => i.GetMethods())
            .Where(m => m.DeclaringType!.Assembly == Contracts) // Orleans' own (IRemindable) carry Orleans' own types
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
            .Concat(StreamPayloads);
        var found = new HashSet<Type>();
        foreach (var root in roots) Walk(root, found);
        return found;
    }

    private static void Walk(Type type, HashSet<Type> found)
    {
        if (type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask)) return;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            Walk(type.GetGenericArguments()[0], found);
            return;
        }
        if (!found.Add(type)) return;
        if (type.IsArray) Walk(type.GetElementType()!, found);
        if (type.IsGenericType) foreach (var argument in type.GetGenericArguments()) Walk(argument, found);
        if (type.Assembly != Contracts) return; // system types: their codecs are Orleans' business; their type arguments were walked
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)) Walk(property.PropertyType, found);
        if (type.IsAbstract)
            foreach (var subtype in Contracts.GetTypes().Where(t => !t.IsAbstract && type.IsAssignableFrom(t))) Walk(subtype, found);
    }

    /// <summary>Builds a value of a type with every member set to something not default, so a member lost on the way shows.</summary>
    private static class Samples
    {
        private static readonly DateTimeOffset At = new(2026, 11, 21, 8, 30, 0, TimeSpan.FromHours(8));

        public static object Create(Type type, int depth = 0)
        {
            if (depth > 8) throw new InvalidOperationException($"{type} nests too deep for a sample.");
            if (Nullable.GetUnderlyingType(type) is { } underlying) return Create(underlying, depth);
            if (type == typeof(string)) return "s";
            if (type == typeof(bool)) return true;
            if (type == typeof(int)) return 7;
            if (type == typeof(long)) return 7L;
            if (type == typeof(short)) return (short)7;
            if (type == typeof(byte)) return (byte)7;
            if (type == typeof(uint)) return 7u;
            if (type == typeof(ulong)) return 7ul;
            if (type == typeof(decimal)) return 12.34m;
            if (type == typeof(double)) return 0.25;
            if (type == typeof(float)) return 0.25f;
            if (type == typeof(DateTimeOffset)) return At;
            if (type == typeof(DateTime)) return At.UtcDateTime;
            if (type == typeof(TimeSpan)) return TimeSpan.FromMinutes(90);
            if (type == typeof(Guid)) return new Guid("0f8fad5b-d9cb-469f-a165-70867728950e");
            if (type.IsEnum) return Enum.GetValues(type).Cast<object>().Last(); // not the default value
            if (type.IsArray)
            {
                var array = Array.CreateInstance(type.GetElementType()!, 1);
                array.SetValue(Create(type.GetElementType()!, depth + 1), 0);
                return array;
            }
            if (type.IsGenericType && Dictionary(type) is { } dictionary) return dictionary(depth);
            if (type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(IEnumerable).IsAssignableFrom(type))
            {
                var element = type.GetGenericArguments()[0];
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                list.Add(Create(element, depth + 1));
                if (type.IsAssignableFrom(list.GetType())) return list;
            }
            if (type.IsAbstract || type.IsInterface) throw new InvalidOperationException($"No sample for {type}: test its concrete types.");

            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            var value = constructor.Invoke([.. constructor.GetParameters().Select(p => Create(p.ParameterType, depth + 1))]);
            // Members outside the constructor (init properties such as ItemSnapshot.PriceHistory) too.
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
                property.SetValue(value, Create(property.PropertyType, depth + 1));
            return value;
        }

        private static Func<int, object>? Dictionary(Type type)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition != typeof(Dictionary<,>) && definition != typeof(IDictionary<,>) && definition != typeof(IReadOnlyDictionary<,>)) return null;
            var (key, item) = (type.GetGenericArguments()[0], type.GetGenericArguments()[1]);
            return depth =>
            {
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(key, item))!;
                dictionary.Add(Create(key, depth + 1), Create(item, depth + 1));
                return dictionary;
            };
        }
    }
}
