using Marketplace.Runtime.Messaging;
using Marketplace.Runtime.Transport.Serialization;

namespace Marketplace.Runtime.Transport;

/// <summary>A codec per parameter, the result's codec, and the interface's name as UTF-8 (it goes on every request).</summary>
internal sealed record MethodShape(WireValueCodec[] Parameters, ResultCodec Result, byte[] InterfaceUtf8);

/// <summary>What travels of a failed call: the exception's type name and message.</summary>
internal sealed record RemoteError(string Type, string Message);

/// <summary>Where a stream event goes on the receiving silo.</summary>
internal sealed record StreamDeliveryHeader(string Provider, GrainId Grain, Guid HandleId, bool IsImplicit, string StreamNamespace, string StreamKey, long Sequence);

/// <summary>A method's result on the wire, typed so results are neither boxed nor looked up by type per call.</summary>
internal abstract class ResultCodec
{
    /// <summary>Callee side: where the activation puts the outcome of a request that came over <paramref name="connection"/>.</summary>
    public abstract RemoteResponseSink CreateSink(Connection connection, long callId);

    /// <summary>Caller side: completes <paramref name="sink"/> with the result read from <paramref name="body"/>.</summary>
    public abstract void Complete(IResponseSink sink, ReadOnlySpan<byte> body);
}

internal sealed class ResultCodec<TResult>(WireValueCodec value, WireCodec codec) : ResultCodec
{
    private readonly WireValueCodec<TResult> _value = (WireValueCodec<TResult>)value;

    public override RemoteResponseSink CreateSink(Connection connection, long callId) => new RemoteResponseSink<TResult>(connection, callId, this, codec);

    public FrameWriter Encode(long callId, TResult result) => WireCodec.EncodeValue(new FrameWriter(FrameKind.Response, callId), result, _value);

    public override void Complete(IResponseSink sink, ReadOnlySpan<byte> body)
    {
        var result = WireCodec.DecodeValue(body, _value);
        if (sink is IResponseSink<TResult> typed) typed.SetResult(result!);
        else sink.SetBoxedResult(result);
    }
}
