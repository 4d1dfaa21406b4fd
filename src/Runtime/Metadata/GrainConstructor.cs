using System.Linq.Expressions;
using System.Reflection;
using Marketplace.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Metadata;

/// <summary>
/// Creates grain instances from DI like ActivatorUtilities does, plus what ActivatorUtilities cannot:
/// parameters marked [PersistentState] come from <see cref="IPersistentStateFactory"/> (two states of
/// the same type are told apart by attribute, not by type) and <see cref="IGrainContext"/> is the activation.
/// The constructor call is compiled once per class.
/// </summary>
internal sealed class GrainConstructor
{
    private readonly Type _grainClass;
    private readonly Func<object?[], object> _construct;
    private readonly ParameterSource[] _sources;

    private GrainConstructor(Type grainClass, Func<object?[], object> construct, ParameterSource[] sources)
    {
        _grainClass = grainClass;
        _construct = construct;
        _sources = sources;
    }

    public static GrainConstructor For(Type grainClass)
    {
        var constructor = grainClass.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {grainClass.Name} has no public constructor.");

        var parameters = constructor.GetParameters();
        var args = Expression.Parameter(typeof(object?[]), "args");
        var newExpression = Expression.New(constructor,
            parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType)));
        var construct = Expression.Lambda<Func<object?[], object>>(Expression.Convert(newExpression, typeof(object)), args).Compile();
        return new GrainConstructor(grainClass, construct, parameters.Select(p => ParameterSource.For(grainClass, p)).ToArray());
    }

    /// <summary>The new grain and the states it got, which the activation reads before OnActivateAsync.</summary>
    public (object Grain, IReadOnlyList<Func<Task>> StateReaders) Create(IServiceProvider services, IGrainContext context)
    {
        var values = new object?[_sources.Length];
        List<Func<Task>>? readers = null;
        for (var i = 0; i < _sources.Length; i++)
        {
            var source = _sources[i];
            values[i] = source.Resolve(services, context, _grainClass);
            if (source.ReadState is { } read)
            {
                var state = values[i]!;
                (readers ??= []).Add(() => read(state));
            }
        }
        return (_construct(values), (IReadOnlyList<Func<Task>>?)readers ?? []);
    }

    private sealed class ParameterSource
    {
        private readonly ParameterInfo _parameter;
        private readonly PersistentStateAttribute? _state;
        private readonly Func<IPersistentStateFactory, IGrainContext, PersistentStateAttribute, object>? _createState;

        private ParameterSource(ParameterInfo parameter, PersistentStateAttribute? state,
            Func<IPersistentStateFactory, IGrainContext, PersistentStateAttribute, object>? createState, Func<object, Task>? readState)
        {
            _parameter = parameter;
            _state = state;
            _createState = createState;
            ReadState = readState;
        }

        public Func<object, Task>? ReadState { get; }

        public static ParameterSource For(Type grainClass, ParameterInfo parameter)
        {
            var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
            if (attribute is null) return new ParameterSource(parameter, null, null, null);

            var type = parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
                throw new InvalidOperationException(
                    $"Grain {grainClass.Name}: parameter '{parameter.Name}' is marked [PersistentState] but is {type.Name}, not IPersistentState<T>.");
            var stateType = type.GetGenericArguments()[0];

            var factory = Expression.Parameter(typeof(IPersistentStateFactory), "factory");
            var context = Expression.Parameter(typeof(IGrainContext), "context");
            var attr = Expression.Parameter(typeof(PersistentStateAttribute), "attribute");
            var createMethod = typeof(IPersistentStateFactory).GetMethod(nameof(IPersistentStateFactory.Create))!.MakeGenericMethod(stateType);
            var create = Expression.Lambda<Func<IPersistentStateFactory, IGrainContext, PersistentStateAttribute, object>>(
                Expression.Convert(Expression.Call(factory, createMethod, context, attr), typeof(object)), factory, context, attr).Compile();

            var state = Expression.Parameter(typeof(object), "state");
            var read = Expression.Lambda<Func<object, Task>>(
                Expression.Call(Expression.Convert(state, type), type.GetMethod(nameof(IPersistentState<object>.ReadStateAsync))!), state).Compile();
            return new ParameterSource(parameter, attribute, create, read);
        }

        public object? Resolve(IServiceProvider services, IGrainContext context, Type grainClass)
        {
            if (_state is not null)
            {
                var factory = services.GetService<IPersistentStateFactory>()
                    ?? throw new InvalidOperationException(
                        $"Grain {grainClass.Name} needs persistent state '{_state.StateName}' (storage '{_state.StorageName ?? GrainStorageNames.Default}'), " +
                        "but no IPersistentStateFactory is registered: add a grain storage provider to the silo.");
                return _createState!(factory, context, _state);
            }

            var type = _parameter.ParameterType;
            if (type == typeof(IGrainContext)) return context;
            var service = services.GetService(type);
            if (service is not null) return service;
            if (_parameter.HasDefaultValue) return _parameter.DefaultValue;
            throw new InvalidOperationException(
                $"Unable to resolve service for type '{type}' while activating grain {grainClass.Name} (parameter '{_parameter.Name}').");
        }
    }
}
