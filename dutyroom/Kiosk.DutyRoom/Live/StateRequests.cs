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
/// <list type="bullet">
/// <item>Asked once per board, then again no sooner than <see cref="Again"/> if the state still has not
/// come (a lost command, a board that cannot answer), so a fleet of silent boards cannot flood the broker.</item>
/// <item>Each request waits a random moment up to <see cref="Spread"/> first and is dropped if the state
/// came meanwhile. Consoles that restart together (one database, one power cut) would otherwise ask the
/// same board within milliseconds, and the board refuses the one whose counter arrives second as a replay,
/// a security event. The board's answer reaches every console, so one request serves them all; spreading
/// them also spreads a fleet's requests over the heartbeat period instead of the message thread.</item>
/// <item>A board whose heartbeat says its clock is not set is not asked: it refuses every command until
/// it is (freshness cannot be checked), and each refusal is a security event.</item>
/// </list>
/// </summary>
public sealed class StateRequests
{
    /// <summary>The command's sender, as the board's audit and the console's log show it.</summary>
    public const string Sender = "dutyroom:state";

    /// <summary>How long after one request the next may go, while the state is still unknown.</summary>
    public static readonly TimeSpan Again = TimeSpan.FromMinutes(5);

    /// <summary>The longest a request waits before it goes (shorter than the boards' 30 s heartbeat).</summary>
    public static readonly TimeSpan DefaultSpread = TimeSpan.FromSeconds(10);

    private readonly Commander _commander;
    private readonly ConsoleClock _clock;
    private readonly ILogger<StateRequests> _log;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _askedAt = new(StringComparer.Ordinal);
    private long _asked;
    private long _sent;
    private long _answeredMeanwhile;

    public StateRequests(Commander commander, ConsoleClock clock, ILogger<StateRequests> log)
        : this(commander, clock, log, DefaultSpread)
    {
    }

    /// <param name="spread">the longest a request waits before it goes; zero sends it at once, on the caller's thread</param>
    public StateRequests(Commander commander, ConsoleClock clock, ILogger<StateRequests> log, TimeSpan spread)
    {
        _commander = commander;
        _clock = clock;
        _log = log;
        Spread = spread;
    }

    public TimeSpan Spread { get; }

    /// <summary>Boards this console decided to ask since it started.</summary>
    public long Asked => Interlocked.Read(ref _asked);

    /// <summary>State commands handed to the commander (which sends none for a board not in the registry: it has no key).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Requests dropped because the state came while they waited (another console asked, or the board changed).</summary>
    public long AnsweredMeanwhile => Interlocked.Read(ref _answeredMeanwhile);

    /// <summary>Called for every heartbeat: asks an entrance whose state is unknown, unless asked lately.</summary>
    public void OnHeard(EntranceView entrance)
    {
        if (entrance.StateKnown || entrance.ClockSynced == false)
            return;
        var now = _clock.Now;
        var device = entrance.Device;
        var asked = _askedAt.GetOrAdd(device, DateTimeOffset.MinValue);
        if (now - asked < Again || !_askedAt.TryUpdate(device, now, asked))
            return; // asked lately, or another heartbeat's thread is asking now
        Interlocked.Increment(ref _asked);
        if (Spread <= TimeSpan.Zero)
        {
            _ = AskAsync(entrance);
            return;
        }
        var wait = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Spread.TotalMilliseconds);
        _ = Task.Run(async () =>
        {
            await Task.Delay(wait).ConfigureAwait(false);
            await AskAsync(entrance).ConfigureAwait(false);
        });
    }

    private async Task AskAsync(EntranceView entrance)
    {
        var device = entrance.Device;
        try
        {
            if (entrance.StateKnown)
            {
                Interlocked.Increment(ref _answeredMeanwhile);
                return;
            }
            Interlocked.Increment(ref _sent);
            var outcome = await _commander.SendAsync(device, "state", "", Sender);
            if (outcome.Result == "not-registered")
                _log.LogDebug("{Device} is not registered: not asked for its state", device);
            else if (!outcome.Ok)
                _log.LogWarning("asked {Device} for its state: {Result} {Detail}", device, outcome.Result, outcome.Detail);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.LogWarning(e, "asking {Device} for its state failed", device);
        }
    }
}
