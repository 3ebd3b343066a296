using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.Core.Door;
using Kiosk.Core.Link;
using Kiosk.Core.Protocol;
using Kiosk.HostSim.Simulation;
using Kiosk.HostSim.Site;

namespace Kiosk.HostSim.Scenarios;

/// <summary>
/// Carries out scenario steps on a running <see cref="SimulatedSite"/>: actions at their site time,
/// expectations checked until their deadline (without holding up later steps), and at the end every
/// invariant violation the monitor saw counts as a failure too.
/// </summary>
public sealed class ScenarioExecutor
{
    private readonly SimulatedSite _site;
    private readonly List<Task> _pending = new();
    private readonly ScenarioResult _result = new();
    private readonly object _gate = new();
    private long _origin;

    private readonly System.IO.TextWriter? _echo;

    /// <param name="echo">Where to write each log line and failure as it happens (the interactive prompt); null to only collect them.</param>
    public ScenarioExecutor(SimulatedSite site, System.IO.TextWriter? echo = null)
    {
        _site = site;
        _echo = echo;
        _origin = site.Runner.SiteMillis;
    }

    public ScenarioResult Result => _result;

    private int? _receivedAtStepTime;

    /// <summary>Waits for every expectation and delayed release still running.</summary>
    public Task DrainAsync() => Task.WhenAll(_pending.ToArray());

    public async Task<ScenarioResult> RunAsync(IReadOnlyList<ScenarioStep> steps)
    {
        _origin = _site.Runner.SiteMillis;
        long markedAt = -1;
        try
        {
            foreach (var step in steps)
            {
                // The site waits for the script: on a loaded machine this thread may wake a second
                // late, and the steps after it would then meet a site that had moved on without them.
                _site.Runner.HoldAt = _origin + step.AtMillis;
                await UntilAsync(_origin + step.AtMillis);
                if (step.AtMillis != markedAt)
                {
                    // What the console had heard when the site reached this time: an expectation at
                    // this time counts the events from here, so those caused by an earlier step at the
                    // same time ("operator ack", then "expect … alarm-reset") are never missed while
                    // that step still waits for its broker's acknowledgement.
                    _receivedAtStepTime = _site.Console.ReceivedCount;
                    markedAt = step.AtMillis;
                }
                await ExecuteAsync(step);
            }
        }
        finally
        {
            _site.Runner.HoldAt = long.MaxValue;
            _receivedAtStepTime = null;
        }
        await Task.WhenAll(_pending.ToArray());
        foreach (var violation in _site.Runner.Monitor.Violations)
            Fail($"invariant: {violation}");
        if (_site.Runner.Failure is Exception e)
            Fail($"a board's loop failed: {e.GetType().Name}: {e.Message}");
        return _result;
    }

    /// <summary>Carries out one step now (the interactive prompt) or at its time (a scenario).</summary>
    public async Task ExecuteAsync(ScenarioStep step)
    {
        var a = step.Args;
        Log($"{Clock()} {step.Where} {step.Verb} {string.Join(' ', a)}");
        switch (step.Verb)
        {
            case "press":
            case "hold":
                var function = Button(a[1]);
                var hold = 300L;
                if (a.Length == 4)
                    ScenarioParser.TryDuration(a[3], out hold);
                ForBoards(a[0], b => b.Set(function, true));
                Later(hold, () => ForBoards(a[0], b => b.Set(function, false)));
                break;
            case "door":
                ForBoards(a[0], b => b.Set(InputFunction.DoorContact, a[1] == "open"));
                break;
            case "force":
                ForBoards(a[0], b => b.Set(InputFunction.DoorContact, true));
                break;
            case "fire":
                ForBoards(a[0], b => b.Set(InputFunction.Fire, a[1] == "on"));
                break;
            case "tamper":
                ForBoards(a[0], b => b.Set(InputFunction.Tamper, a[1] == "on"));
                break;
            case "perimeter":
                ForBoards(a[0], b => b.Set(InputFunction.Perimeter, a[1] == "on"));
                break;
            case "lamp":
                var circuit = int.Parse(a[1], CultureInfo.InvariantCulture);
                ForBoards(a[0], b =>
                {
                    for (var i = 0; i < b.Config.Inputs.Length; i++)
                        if (b.Config.Inputs[i].Function == InputFunction.LampFeedback && b.Config.Inputs[i].Circuit == circuit)
                            b.Pins.SetChannel(i, a[2] == "lit");
                });
                break;
            case "daylight":
                var percent = int.Parse(a[1], CultureInfo.InvariantCulture);
                ForBoards(a[0], b => b.Pins.Light.SetPercent(percent));
                break;
            case "network":
                ForBoards(a[0], b => b.NetworkDown = a[1] == "down");
                break;
            case "speed":
                _site.Runner.Speed = double.Parse(a[0], CultureInfo.InvariantCulture);
                break;
            case "broker":
                await _site.RestartBrokerAsync();
                break;
            case "power-cycle":
                ForBoards(a[0], b => _site.PowerCycle(b, a.Length == 2));
                break;
            case "skew":
                ScenarioParser.TryDuration(a[1], out var skew);
                ForBoards(a[0], b => b.Clock.SkewWall(TimeSpan.FromMilliseconds(skew)));
                break;
            case "operator":
                await OperatorAsync(a);
                break;
            case "swipe":
                ScenarioParser.TryCard(a[1], out var facility, out var number);
                ForBoards(a[0], b => Reader(b).Swipe26(facility, number));
                break;
            case "pin":
                ForBoards(a[0], b => Reader(b).Keys(a[1] + "#"));
                break;
            case "grant":
            case "revoke":
                // Sent in the background, as the console does: later steps (an expectation that the
                // new list is in force within 5 s) are timed from this step, not from its replies.
                _pending.Add(CredentialAsync(step.Verb, a));
                break;
            case "sync":
                _pending.Add(SyncAsync(a[0]));
                break;
            case "expect":
                Expect(step);
                break;
        }
    }

    private async Task OperatorAsync(string[] a)
    {
        foreach (var board in Targets(a[1]))
        {
            var device = board.Config.DeviceId;
            var argument = a[0] switch
            {
                "lockdown" or "ack" => a[2],
                "answer" or "end" => CurrentCall(device),
                "time" => new DateTimeOffset(board.Clock.UtcNow).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                _ => "",
            };
            // The duty room lives on the simulated site's time, so its commands are fresh there.
            await _site.Console.SendAsync(_site.SiteOf(device), device, _site.KeyOf(device), a[0], argument, sender: _site.OperatorSender, now: board.Clock.UtcNow);
        }
    }

    private static SimulatedReader Reader(SimulatedBoard board) =>
        board.Pins.Reader ?? throw new InvalidOperationException($"{board.Config.DeviceId} has no access reader (a \"reader\" section in its config)");

    /// <summary>The duty room changes a door's list and sends it at once, as the console does.</summary>
    private async Task CredentialAsync(string verb, string[] a)
    {
        var device = a[0];
        var kind = a[1] == "pin" ? Kiosk.Core.Access.CredentialHash.Pin : Kiosk.Core.Access.CredentialHash.Card26;
        var value = a[2];
        if (a[1] == "card")
        {
            ScenarioParser.TryCard(a[2], out var facility, out var number);
            value = ((long)facility << 16 | (long)number).ToString(CultureInfo.InvariantCulture);
        }
        if (verb == "grant")
        {
            var until = 0u;
            var schedule = 0;
            var board = _site.Board(device)!;
            if (a.Length == 5 && a[3] == "until" && ScenarioParser.TryDuration(a[4], out var ms))
                until = (uint)(new DateTimeOffset(board.Clock.UtcNow).ToUnixTimeSeconds() + ms / 1000);
            if (a.Length == 5 && a[3] == "hours")
            {
                // Schedule 1 (now) or 2 (elsewhere): two hours around the door's local time, or twelve hours away from it.
                var local = board.Clock.UtcNow.AddMinutes(board.Config.Reader.UtcOffsetMinutes);
                var slot = (local.Hour * 60 + local.Minute) / 30;
                schedule = a[4] == "now" ? 1 : 2;
                _site.Access.Schedule(device, schedule, (slot + (schedule == 1 ? 46 : 24)) % 48, 4);
            }
            _site.Access.Grant(device, _site.KeyOf(device), kind, value, until, schedule: schedule);
        }
        else if (!_site.Access.Revoke(device, _site.KeyOf(device), kind, value))
            Fail($"revoke {device}: {a[1]} {a[2]} was not on its list");
        await SyncAsync(device);
    }

    private readonly System.Threading.SemaphoreSlim _syncing = new(1, 1);

    private async Task SyncAsync(string device)
    {
        await _syncing.WaitAsync(); // one update at a time, in the order the steps asked
        try
        {
            await SyncNowAsync(device);
        }
        finally
        {
            _syncing.Release();
        }
    }

    private async Task SyncNowAsync(string device)
    {
        var board = _site.Board(device)!;
        var problem = await _site.Access.SyncAsync(_site.Console, _site.SiteOf(device), device, _site.KeyOf(device), board.Clock.UtcNow, _site.OperatorSender, TimeSpan.FromSeconds(3));
        Log(problem is null ? $"{Clock()} {device} allow-list in force" : $"{Clock()} {device} allow-list not sent: {problem}");
    }

    /// <summary>The call the duty room last heard of from this entrance.</summary>
    private string CurrentCall(string device) =>
        _site.Console.EventsSince(device, 0).LastOrDefault(e => e.GetProperty("type").GetString() == "call") is { ValueKind: JsonValueKind.Object } call
            ? call.GetProperty("src").GetString() ?? ""
            : "";

    private void Expect(ScenarioStep step)
    {
        var a = step.Args;
        if (a[0] == "no-violations")
        {
            var violations = _site.Runner.Monitor.Violations;
            if (violations.Count > 0)
                Fail($"{step.Where}: expected no invariant violations, got: {string.Join("; ", violations)}");
            return;
        }
        var device = a[0];
        var since = _receivedAtStepTime ?? _site.Console.ReceivedCount; // at the prompt: from now
        var recordedSince = Board(device)?.RecordedCount ?? 0;
        var deadline = _site.Runner.SiteMillis + step.WithinMillis;
        Func<(bool Holds, string Got)> check = a[1] switch
        {
            "lock" => () => Board(device) is { } b ? (b.LockReleased == (a[2] == "released"), b.LockReleased ? "released" : "secure") : (false, "no board"),
            "door" => () => Board(device) is { } b ? (DoorStateNames.Of(b.Controller.DoorState) == a[2], DoorStateNames.Of(b.Controller.DoorState)) : (false, "no board"),
            "online" => () => Board(device) is { } b ? (b.Node.LinkState == LinkState.Connected, b.Node.LinkState.ToString()) : (false, "no board"),
            "call" => () => Seen(device, since, "call", a[2]),
            "event" => () => Seen(device, since, a[2], a.Length == 4 ? a[3] : null),
            "delivered" => () => Delivered(device),
            "recorded" => () => Recorded(device, recordedSince, a[2], a.Length == 4 ? a[3] : null),
            _ => () => (false, "unknown expectation"),
        };
        _pending.Add(Task.Run(async () =>
        {
            var last = "";
            while (true)
            {
                var (holds, got) = check();
                if (holds)
                {
                    Log($"{Clock()} {step.Where} ok: {string.Join(' ', a)}");
                    return;
                }
                last = got;
                if (_site.Runner.SiteMillis > deadline)
                    break;
                await Task.Delay(2);
            }
            Fail($"{step.Where}: expected {string.Join(' ', a)} within {step.WithinMillis / 1000.0:0.###} s; got {last}");
        }));
    }

    private (bool, string) Seen(string device, int since, string type, string? name)
    {
        var events = _site.Console.EventsSince(device, since);
        var match = events.Any(e => e.GetProperty("type").GetString() == type
            && (name is null || (e.TryGetProperty("name", out var n) && n.GetString() == name)));
        var got = events.Count == 0 ? "no events" : string.Join(", ", events.TakeLast(5).Select(e =>
            e.GetProperty("type").GetString() + (e.TryGetProperty("name", out var n) ? " " + n.GetString() : "")
            + (e.TryGetProperty("detail", out var d) && d.GetString() is { Length: > 0 } detail ? " (" + detail + ")" : "")));
        return (match, got);
    }

    /// <summary>Board side: the board itself recorded the event (whether or not it could send it yet).</summary>
    private (bool, string) Recorded(string device, int since, string type, string? name)
    {
        if (Board(device) is not { } board)
            return (false, "no board");
        var events = board.RecordedSince(since);
        var match = events.Any(e => Names.Of(e.Type) == type && (name is null || e.Name == name));
        return (match, events.Count == 0 ? "nothing recorded" : string.Join(", ", events.TakeLast(5).Select(e => Names.Of(e.Type) + (e.Name is null ? "" : " " + e.Name))));
    }

    private (bool, string) Delivered(string device)
    {
        var board = Board(device);
        if (board is null)
            return (false, "no board");
        var seqs = _site.Console.Events(device).Select(e => e.GetProperty("seq").GetInt64()).Distinct().OrderBy(s => s).ToList();
        var last = board.Controller.Store.LastSequence;
        if (seqs.Count == 0)
            return (false, $"nothing received, board at {last}");
        var missing = last - seqs[0] + 1 - seqs.Count(s => s <= last);
        return (missing == 0 && seqs[^1] >= last, $"{seqs.Count} received from {seqs[0]}, board at {last}, {missing} missing");
    }

    private SimulatedBoard? Board(string device) => _site.Board(device);

    private IEnumerable<SimulatedBoard> Targets(string device) =>
        device == "all" ? _site.Boards : _site.Board(device) is { } b ? new[] { b } : Array.Empty<SimulatedBoard>();

    private void ForBoards(string device, Action<SimulatedBoard> act)
    {
        foreach (var board in Targets(device))
            act(board);
    }

    private void Later(long millis, Action act) => _site.Runner.At(_site.Runner.SiteMillis + millis, act);

    private async Task UntilAsync(long siteMillis)
    {
        while (_site.Runner.SiteMillis < siteMillis)
            await Task.Delay(1);
    }

    private static InputFunction Button(string name) => name switch
    {
        "call" => InputFunction.CallButton,
        "exit" => InputFunction.ExitButton,
        "patrol" => InputFunction.Patrol,
        _ => InputFunction.Emergency,
    };

    private string Clock() => $"[{(_site.Runner.SiteMillis - _origin) / 1000.0,8:F1} s]";

    private void Log(string line)
    {
        lock (_gate)
            _result.Log.Add(line);
        _echo?.WriteLine(line);
    }

    private void Fail(string line)
    {
        lock (_gate)
            _result.Failures.Add(line);
        _echo?.WriteLine("FAILED " + line);
    }
}
