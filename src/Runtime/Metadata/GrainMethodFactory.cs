using System.Linq.Expressions;
using System.Reflection;

namespace Marketplace.Runtime.Metadata;

/// <summary>Builds <see cref="GrainMethod"/>s with compiled invokers; rejects shapes the runtime cannot call.</summary>
internal static class GrainMethodFactory
{
    public static GrainMethod Create(Type interfaceType, MethodInfo method, int methodIndex)
    {
        var where = $"{method.DeclaringType?.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition)
            throw new NotSupportedException($"Grain method {where} is generic; grain methods must not have type parameters.");
        var parameters = method.GetParameters();
        if (parameters.Any(p => p.ParameterType.IsByRef))
            throw new NotSupportedException($"Grain method {where} has a ref/out/in parameter; grain calls pass values only.");

        var returnType = method.ReturnType;
        var (kind, resultType) = returnType switch
        {
            _ when returnType == typeof(Task) => (GrainMethodReturnKind.Task, (Type?)null),
            _ when returnType == typeof(ValueTask) => (GrainMethodReturnKind.ValueTask, null),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(Task<>) => (GrainMethodReturnKind.Task, returnType.GetGenericArguments()[0]),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) => (GrainMethodReturnKind.ValueTask, returnType.GetGenericArguments()[0]),
            _ => throw new NotSupportedException($"Grain method {where} returns {returnType.Name}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>."),
        };
        if (resultType is not null && method.IsDefined(typeof(OneWayAttribute)))
            throw new NotSupportedException($"Grain method {where} is [OneWay] but returns a value; one-way methods return Task or ValueTask.");

        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType)));
        // ValueTask results become Tasks once, on the callee side, so the activation awaits one shape.
        Expression body = kind == GrainMethodReturnKind.ValueTask
            ? Expression.Call(call, returnType.GetMethod(nameof(ValueTask.AsTask))!)
            : call;

        if (resultType is null)
        {
            var invoker = Expression.Lambda<Func<object, object?[], Task>>(body, grain, args).Compile();
            return new VoidGrainMethod(interfaceType, method, methodIndex, kind, invoker);
        }

        var delegateType = typeof(Func<,,>).MakeGenericType(typeof(object), typeof(object?[]), typeof(Task<>).MakeGenericType(resultType));
        var typedInvoker = Expression.Lambda(delegateType, body, grain, args).Compile();
        var methodType = typeof(GrainMethod<>).MakeGenericType(resultType);
        return (GrainMethod)Activator.CreateInstance(methodType, interfaceType, method, methodIndex, kind, typedInvoker)!;
    }
}
