using System.Reflection;
using Marketplace.Runtime.Messaging;
using Marketplace.Runtime.References;

namespace Marketplace.Runtime.Metadata;

public enum GrainMethodReturnKind { Task, ValueTask }

/// <summary>
/// One method of a grain interface: how a reference turns a call into a request and how an
/// activation turns a request back into a call. Built once per interface with compiled delegates,
/// so a call costs no reflection.
/// </summary>
public abstract class GrainMethod
{
    private protected GrainMethod(Type interfaceType, MethodInfo method, int methodIndex, GrainMethodReturnKind returnKind)
    {
        InterfaceType = interfaceType;
        Method = method;
        MethodIndex = methodIndex;
        ReturnKind = returnKind;
        Name = $"{interfaceType.Name}.{method.Name}";
        IsReadOnly = method.IsDefined(typeof(ReadOnlyAttribute));
        AlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute));
        IsOneWay = method.IsDefined(typeof(OneWayAttribute));
    }

    /// <summary>The interface the reference was created for (the method may be declared on a base interface).</summary>
    public Type InterfaceType { get; }
    public MethodInfo Method { get; }
    /// <summary>Stable position in the interface's method list: what a transport sends instead of the name.</summary>
    public int MethodIndex { get; }
    public GrainMethodReturnKind ReturnKind { get; }
    /// <summary>"IInterface.Method", for errors, logs and traces.</summary>
    public string Name { get; }
    public bool IsReadOnly { get; }
    public bool AlwaysInterleave { get; }
    public bool IsOneWay { get; }

    /// <summary>Caller side: sends the request and returns what the interface method returns.</summary>
    internal abstract object InvokeFromReference(GrainCallRuntime runtime, GrainId target, object?[] arguments);

    /// <summary>Callee side: calls the grain and completes the sink on success; throws (or faults) on failure.</summary>
    internal abstract Task InvokeOnGrainAsync(object grain, object?[] arguments, IResponseSink? response);

    public override string ToString() => Name;
}

/// <summary>Methods returning Task or ValueTask.</summary>
internal sealed class VoidGrainMethod(
    Type interfaceType, MethodInfo method, int methodIndex, GrainMethodReturnKind returnKind,
    Func<object, object?[], Task> invoker)
    : GrainMethod(interfaceType, method, methodIndex, returnKind)
{
    internal override object InvokeFromReference(GrainCallRuntime runtime, GrainId target, object?[] arguments)
    {
        Task task;
        if (IsOneWay)
        {
            runtime.SendOneWay(target, this, arguments);
            task = Task.CompletedTask;
        }
        else
        {
            task = runtime.Call<object?>(target, this, arguments);
        }
        return ReturnKind == GrainMethodReturnKind.Task ? task : new ValueTask(task);
    }

    internal override Task InvokeOnGrainAsync(object grain, object?[] arguments, IResponseSink? response)
    {
        var task = invoker(grain, arguments);
        if (task.IsCompletedSuccessfully)
        {
            (response as IResponseSink<object?>)?.SetResult(null);
            return Task.CompletedTask;
        }
        return AwaitAsync(task, response);
    }

    private static async Task AwaitAsync(Task task, IResponseSink? response)
    {
        await task;
        (response as IResponseSink<object?>)?.SetResult(null);
    }
}

/// <summary>Methods returning Task&lt;T&gt; or ValueTask&lt;T&gt;: results travel typed, never boxed.</summary>
internal sealed class GrainMethod<TResult>(
    Type interfaceType, MethodInfo method, int methodIndex, GrainMethodReturnKind returnKind,
    Func<object, object?[], Task<TResult>> invoker)
    : GrainMethod(interfaceType, method, methodIndex, returnKind)
{
    internal override object InvokeFromReference(GrainCallRuntime runtime, GrainId target, object?[] arguments)
    {
        var task = runtime.Call<TResult>(target, this, arguments);
        return ReturnKind == GrainMethodReturnKind.Task ? task : new ValueTask<TResult>(task);
    }

    internal override Task InvokeOnGrainAsync(object grain, object?[] arguments, IResponseSink? response)
    {
        var task = invoker(grain, arguments);
        if (task.IsCompletedSuccessfully)
        {
            (response as IResponseSink<TResult>)?.SetResult(task.Result);
            return Task.CompletedTask;
        }
        return AwaitAsync(task, response);
    }

    private static async Task AwaitAsync(Task<TResult> task, IResponseSink? response)
    {
        var result = await task;
        (response as IResponseSink<TResult>)?.SetResult(result);
    }
}
