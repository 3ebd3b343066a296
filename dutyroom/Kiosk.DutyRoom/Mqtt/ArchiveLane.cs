using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom.Mqtt;

/// <summary>
/// The console's archive lane: backlog events queue here while the MQTT client goes on reading (so
/// a call behind them is handled at once, in the live lane), and one worker archives whatever has
/// queued in one transaction (group commit: no timer, a batch is what arrived while the last one
/// was written, up to <see cref="MaxBatch"/>). Each message is acknowledged to the broker only after
/// its batch is committed: a console that stops mid-batch gets those messages again from its
/// persistent session, and the archive's (device, boot, seq) key keeps them once. A database that
/// fails is retried, nothing acknowledged, nothing dropped.
/// </summary>
public sealed class ArchiveLane(MessageRouter router, ILogger<ArchiveLane> log)
{
    /// <summary>
    /// At most this many per transaction: large enough to reach tens of thousands of events a second,
    /// small enough that a live write (a call, an alarm) waits for one batch at most on SQLite, whose
    /// writers take turns.
    /// </summary>
    public const int MaxBatch = 1000;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private long _queued;
    private long _archived;

    /// <summary>Messages waiting for the archive (the console's backlog, for the benchmark and the log).</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>Messages this lane has taken through the archive since start (stored, duplicate or refused).</summary>
    public long Archived => Interlocked.Read(ref _archived);

    /// <summary>Queues one message; <paramref name="acknowledge"/> (if any) runs once it is committed.</summary>
    public void Enqueue(IncomingMessage message, Func<CancellationToken, Task>? acknowledge)
    {
        Interlocked.Increment(ref _queued);
        _queue.Writer.TryWrite(new Pending(message, acknowledge));
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var batch = new List<IncomingMessage>(MaxBatch);
        var acks = new List<Func<CancellationToken, Task>>(MaxBatch);
        var failures = 0;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stop))
            {
                batch.Clear();
                acks.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p))
                {
                    batch.Add(p.Message);
                    if (p.Acknowledge is not null)
                        acks.Add(p.Acknowledge);
                }
                while (true)
                {
                    try
                    {
                        router.HandleBatch(batch);
                        failures = 0;
                        break;
                    }
                    catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                    {
                        // Nothing was committed and nothing acknowledged: the same batch again, after a pause.
                        failures++;
                        log.LogError("archiving {Count} messages failed ({Reason}); retrying", batch.Count, e.Message);
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * failures)), stop);
                    }
                }
                Interlocked.Add(ref _queued, -batch.Count);
                Interlocked.Add(ref _archived, batch.Count);
                await AcknowledgeAsync(acks, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down: what is still queued is unacknowledged and comes again with the session
        }
    }

    private async Task AcknowledgeAsync(List<Func<CancellationToken, Task>> acks, CancellationToken stop)
    {
        if (acks.Count == 0)
            return;
        var sends = new Task[acks.Count];
        for (var i = 0; i < acks.Count; i++)
            sends[i] = Acknowledge(acks[i], stop);
        await Task.WhenAll(sends);
    }

    private async Task Acknowledge(Func<CancellationToken, Task> ack, CancellationToken stop)
    {
        try
        {
            await ack(stop);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The connection it came on is gone: the broker sends it again on the next one (and it is archived once).
            log.LogDebug("an acknowledgement could not be sent: {Reason}", e.Message);
        }
    }

    private readonly record struct Pending(IncomingMessage Message, Func<CancellationToken, Task>? Acknowledge);
}
