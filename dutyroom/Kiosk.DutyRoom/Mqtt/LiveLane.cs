using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom.Mqtt;

/// <summary>
/// The console's live lane, off the MQTT client's thread so that nothing the database does holds up
/// the reading of the next message. Two workers: one for what an operator waits for (live call,
/// alarm, door and command events; command replies), one for presence (births and wills, state,
/// heartbeats). After an estate-wide power cut a thousand births arrive at once, each written to the
/// database and each starting an allow-list sync; a visitor's call must not queue behind them any
/// more than behind the backlog (<see cref="ArchiveLane"/>). A message is acknowledged to the broker
/// once handled; a database error is retried, the message neither dropped nor acknowledged.
/// </summary>
public sealed class LiveLane(MessageRouter router, ILogger<LiveLane> log)
{
    private readonly Channel<Pending> _urgent = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<Pending> _presence = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private long _urgentQueued;
    private long _presenceQueued;

    /// <summary>Calls, alarms, doors, commands and replies waiting (the benchmark prints it).</summary>
    public long UrgentQueued => Interlocked.Read(ref _urgentQueued);

    /// <summary>Births, wills, state and heartbeats waiting.</summary>
    public long PresenceQueued => Interlocked.Read(ref _presenceQueued);

    public void Enqueue(string topic, byte[] payload, Func<CancellationToken, Task>? acknowledge)
    {
        var urgent = topic.EndsWith("/events", StringComparison.Ordinal) || topic.EndsWith("/reply", StringComparison.Ordinal) || topic.EndsWith("/replies", StringComparison.Ordinal);
        Interlocked.Increment(ref urgent ? ref _urgentQueued : ref _presenceQueued);
        (urgent ? _urgent : _presence).Writer.TryWrite(new Pending(topic, payload, acknowledge));
    }

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Task.Run(() => LoopAsync(_urgent, () => Interlocked.Decrement(ref _urgentQueued), stop), CancellationToken.None),
            Task.Run(() => LoopAsync(_presence, () => Interlocked.Decrement(ref _presenceQueued), stop), CancellationToken.None));

    private async Task LoopAsync(Channel<Pending> queue, Action taken, CancellationToken stop)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stop))
            {
                while (queue.Reader.TryRead(out var p))
                {
                    for (var failures = 1; ; failures++)
                    {
                        try
                        {
                            router.Handle(p.Topic, p.Payload);
                            break;
                        }
                        catch (System.Data.Common.DbException e)
                        {
                            log.LogError("handling a message on {Topic} failed ({Reason}); retrying", p.Topic, e.Message);
                            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 50 * failures)), stop);
                        }
                    }
                    taken();
                    if (p.Acknowledge is not null)
                        _ = AcknowledgeAsync(p.Acknowledge, stop);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down: what is still queued was not acknowledged and comes again with the session
        }
    }

    private async Task AcknowledgeAsync(Func<CancellationToken, Task> ack, CancellationToken stop)
    {
        try
        {
            await ack(stop);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogDebug("an acknowledgement could not be sent: {Reason}", e.Message);
        }
    }

    private readonly record struct Pending(string Topic, byte[] Payload, Func<CancellationToken, Task>? Acknowledge);
}
