using System.Threading.Channels;

namespace Marketplace.Runtime.Bench;

/// <summary>The baseline: a bare actor with one channel and one reader loop, replying through a TaskCompletionSource.</summary>
public sealed class MailboxActor
{
    private readonly Channel<(int Value, TaskCompletionSource<int> Reply)> _mailbox =
        Channel.CreateUnbounded<(int, TaskCompletionSource<int>)>(new UnboundedChannelOptions { SingleReader = true });
    private int _total;

    public MailboxActor() => _ = Task.Run(RunAsync);

    public Task<int> Add(int value)
    {
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _mailbox.Writer.TryWrite((value, reply));
        return reply.Task;
    }

    public void Stop() => _mailbox.Writer.TryComplete();

    private async Task RunAsync()
    {
        await foreach (var (value, reply) in _mailbox.Reader.ReadAllAsync())
        {
            reply.SetResult(_total += value);
        }
    }
}
