using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Desk;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom.Live;

/// <summary>
/// Asks a board for its state when the console hears from it without knowing its door and lock.
/// The board publishes its state retained, but RabbitMQ 3.x keeps a retained message on the node that
/// took it and gives a wildcard subscriber none, so a console restarted there would show "?" for every
/// door until each next changed (docs/deployment.md). A signed <c>state</c> command makes the board
/// publish its birth and state again; it records no event on the board and changes nothing there.
/// Asked once per board, then again no sooner than <see cref="Again"/> if the state still has not come
/// (a lost command, a board that cannot answer), so a fleet of silent boards cannot flood the broker.
/// </summary>
public sealed class StateRequests(Commander commander, ConsoleClock clock, ILogger<StateRequests> log)
{
    /// <summary>The command's sender, as the board's audit and the console's log show it.</summary>
    public const string Sender = "dutyroom:state";

    /// <summary>How long after one request the next may go, while the state is still unknown.</summary>
    public static readonly TimeSpan Again = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _askedAt = new(StringComparer.Ordinal);
    private long _asked;

    /// <summary>State requests made since the console started (for an unregistered board, none is sent).</summary>
    public long Asked => Interlocked.Read(ref _asked);

    /// <summary>
    /// Called for every heartbeat: asks an entrance whose state is unknown, unless asked lately. One
    /// that is not in the registry has no key to sign with, and the commander sends nothing for it.
    /// </summary>
    public void OnHeard(EntranceView entrance)
    {
        if (entrance.StateKnown)
            return;
        var now = clock.Now;
        var device = entrance.Device;
        var asked = _askedAt.GetOrAdd(device, DateTimeOffset.MinValue);
        if (now - asked < Again || !_askedAt.TryUpdate(device, now, asked))
            return; // asked lately, or another heartbeat's thread is asking now
        Interlocked.Increment(ref _asked);
        _ = AskAsync(device);
    }

    private async Task AskAsync(string device)
    {
        try
        {
            var outcome = await commander.SendAsync(device, "state", "", Sender);
            if (outcome.Result == "not-registered")
                log.LogDebug("{Device} is not registered: not asked for its state", device);
            else if (!outcome.Ok)
                log.LogWarning("asked {Device} for its state: {Result} {Detail}", device, outcome.Result, outcome.Detail);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "asking {Device} for its state failed", device);
        }
    }
}
