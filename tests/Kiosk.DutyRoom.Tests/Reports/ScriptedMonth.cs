using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiosk.DutyRoom;
using Kiosk.DutyRoom.Data;

namespace Kiosk.DutyRoom.Tests.Reports;

/// <summary>
/// November 2025 at maple-court's four entrances, as the boards would have reported it: every message
/// in the protocol's form (docs/protocol.md), put through the archive's own ingest, on the times the
/// console would have received them. Nights run 18:00–06:00 (site time, UTC+8); building-1 and -2
/// each have two lamp circuits. The incidents are listed here once, and the expected figures in
/// <see cref="AssessmentMonthTests"/> are worked out by hand from this list, not by the report code.
/// </summary>
public sealed class ScriptedMonth
{
    public const string Site = "maple-court";
    public const int Year = 2025;
    public const int Month = 11;
    public const int Nights = 30;
    public const int NightSeconds = 12 * 3600;
    public static readonly string[] Devices = ["main-gate", "side-gate", "building-1", "building-2"];
    public static readonly string[] PatrolPoints = ["main-gate/gate-checkpoint", "building-1/building-1-checkpoint", "building-2/building-2-checkpoint"];

    private readonly List<(string Topic, string Payload, DateTimeOffset Received)> _messages = [];
    private readonly Dictionary<string, long> _seq = [];
    private readonly List<(string Device, string CallId, DateTimeOffset At)> _visitors = [];

    /// <summary>Site time in Shanghai (no daylight saving): Nov d at HH:mm:ss.</summary>
    public static DateTimeOffset At(int day, string time, int month = Month) =>
        new DateTimeOffset(DateTime.ParseExact($"{Year}-{month:D2}-{day:D2} {time}", time.Length == 5 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    /// <summary>A night's start (18:00 on <paramref name="night"/>, Oct 31 = 0) plus an offset.</summary>
    private static DateTimeOffset Dusk(int night) => At(1, "18:00").AddDays(night - 1);

    public ScriptedMonth()
    {
        // Every board was online before the month began.
        foreach (var d in Devices)
            Status(d, online: true, conn: 1, At(31, "12:00", month: 10));

        // Nights Oct 31 (0) to Nov 30: the dawn report of Oct 31's night lands on Nov 1 and belongs to October.
        for (var night = 0; night <= Nights; night++)
        {
            var dusk = Dusk(night);
            var dawn = dusk.AddSeconds(NightSeconds);
            foreach (var b in new[] { "building-1", "building-2" })
            {
                Event(b, dusk, "day-night", 1, null, "light-sensor", "level 4%");
                Event(b, dawn, "day-night", 0, null, "light-sensor", "level 41%");
                for (var circuit = 1; circuit <= 2; circuit++)
                    Event(b, dawn, "lighting", circuit, null, "lamp-circuit-" + circuit, $"lit {(night == 0 ? 0 : NightSeconds - LostSeconds(night, b, circuit))} of {NightSeconds} s");
            }
        }
        // Lamp failures: building-1 circuit 1 dark from 23:00 on the 5th; building-2 circuit 2 dark the nights of the 20th and 21st.
        Alarm("building-1", "lamp-failure", 7, "lamp-circuit-1", At(5, "23:00"), At(6, "06:00"), At(6, "08:30"));
        Alarm("building-2", "lamp-failure", 7, "lamp-circuit-2", At(20, "18:00"), At(21, "06:00"), At(21, "08:00"));
        Alarm("building-2", "lamp-failure", 7, "lamp-circuit-2", At(21, "18:00"), At(22, "06:00"), At(22, "10:00"));

        // Doors: a fault at the side gate from the 10th to the 12th; building-1 held open 5 min on the
        // 15th (under the limit) and 40 min on the 16th; the main gate forced on the 8th (acknowledged at
        // once) and on the 27th at 23:50 (acknowledged only after midnight, on the 28th).
        Alarm("side-gate", "door-fault", 9, "door", At(10, "14:00"), At(12, "09:00"), At(12, "09:05"));
        Alarm("building-1", "held-open", 2, "door", At(15, "20:00"), At(15, "20:05"), At(15, "20:06"));
        Alarm("building-1", "held-open", 2, "door", At(16, "21:00"), At(16, "21:40"), At(16, "21:41"));
        Alarm("main-gate", "forced-open", 1, "door", At(8, "02:00"), At(8, "02:00:30"), At(8, "02:03"));
        Alarm("main-gate", "forced-open", 1, "door", At(27, "23:50"), At(27, "23:51"), At(28, "00:20"));

        // Perimeter and emergency: acknowledged after 2 min, 10 min and 1 min; the last one only in December.
        Alarm("side-gate", "perimeter", 5, "perimeter-east", At(4, "01:00"), At(4, "01:00:30"), At(4, "01:02"));
        Alarm("side-gate", "perimeter", 5, "perimeter-east", At(14, "03:00"), At(14, "03:00:30"), At(14, "03:10"));
        Alarm("main-gate", "emergency", 6, "emergency", At(19, "20:00"), At(19, "20:00:30"), At(19, "20:01"));
        Alarm("side-gate", "perimeter", 5, "perimeter-east", At(30, "23:00"), At(30, "23:00:30"), At(1, "00:30", month: 12));

        // Building-2 offline from 01:00 to 04:30 on the 25th: its will, its records kept on the board and
        // delivered at the reconnect (late), its birth.
        Status("building-2", online: false, conn: 1, At(25, "01:00"));
        Status("building-2", online: true, conn: 2, At(25, "04:30"));

        // Patrols 22:00–06:00 in two rounds: round 1 check-ins at 22:30/22:40/22:50, round 2 at 02:30/02:40/02:50.
        // Night 3: building-1 missed in round 2. Night 7: building-2 checked in at 02:10, late for round 1.
        // Night 12: nobody walked round 1.
        for (var night = 1; night <= Nights; night++)
        {
            var start = Dusk(night).AddHours(4);
            for (var p = 0; p < PatrolPoints.Length; p++)
            {
                var (device, point) = (PatrolPoints[p].Split('/')[0], PatrolPoints[p].Split('/')[1]);
                if (night != 12)
                    Patrol(device, point, night == 7 && p == 2 ? start.AddMinutes(250) : start.AddMinutes(30 + 10 * p));
                if (!(night == 3 && p == 1))
                    Patrol(device, point, start.AddMinutes(270 + 10 * p));
            }
        }

        // Visitor calls every day: main gate 09:00 (answered after 12 s) and 19:00 (30 s), side gate 14:00 (20 s).
        // The 6th's 14:00 and the 18th's 09:00 are missed; the 12th's 19:00 answered after 90 s; the 22nd's 14:00 cancelled.
        // Visitors were registered on the 19:00 calls of the 1st to the 10th.
        for (var day = 1; day <= Nights; day++)
        {
            Call("main-gate", At(day, "09:00"), day == 18 ? "missed" : "12");
            Call("side-gate", At(day, "14:00"), day == 6 ? "missed" : day == 22 ? "cancelled" : "20");
            var evening = Call("main-gate", At(day, "19:00"), day == 12 ? "90" : "30");
            if (day <= 10)
                _visitors.Add(("main-gate", evening, At(day, "19:00")));
        }
    }

    /// <summary>Lamp-seconds lost on a night (1..30), by the incidents above.</summary>
    private static int LostSeconds(int night, string device, int circuit) => (night, device, circuit) switch
    {
        (5, "building-1", 1) => 7 * 3600,
        (20 or 21, "building-2", 2) => NightSeconds,
        _ => 0,
    };

    public int MessageCount => _messages.Count;

    /// <summary>Registers the four entrances and feeds every message through the archive's ingest, as the router would.</summary>
    public void Load(Stores stores, bool register = true)
    {
        if (register)
            foreach (var d in Devices)
                stores.Devices.Add(Site, d, d, Convert.ToHexString(new byte[32]).ToLowerInvariant(), "test", At(1, "00:00"));
        foreach (var (topic, payload, received) in _messages)
            if (stores.Archive.Ingest(topic, Encoding.UTF8.GetBytes(payload), received) == IngestResult.Rejected)
                throw new InvalidOperationException(stores.Archive.LastRejection);
        foreach (var (device, callId, at) in _visitors)
        {
            stores.Calls.Progress(Site, device, callId, "calling", at);
            stores.Calls.Register(device, callId, new Visitor("张伟", "13812345678", null, "3", "1", "502", "探亲"));
            stores.Calls.Progress(Site, device, callId, "connected", at.AddSeconds(30));
            stores.Calls.Progress(Site, device, callId, "ended", at.AddSeconds(90));
        }
    }

    private void Status(string device, bool online, int conn, DateTimeOffset received) =>
        _messages.Add(($"kiosk/v1/{Site}/{device}/status",
            JsonSerializer.Serialize(new Dictionary<string, object> { ["v"] = 1, ["dev"] = device, ["state"] = online ? "online" : "offline", ["boot"] = 1, ["conn"] = conn, ["ts"] = Iso(received) }),
            received));

    private void Event(string device, DateTimeOffset ts, string type, int code, string? name, string src, string detail)
    {
        // Sequence numbers continue across a board's life; the month's start far above what host-sim's
        // fresh boards record in the browser test, so the archive's de-duplication keeps both.
        var seq = _seq[device] = _seq.GetValueOrDefault(device, 1_000_000) + 1;
        var e = new Dictionary<string, object> { ["v"] = 1, ["site"] = Site, ["dev"] = device, ["boot"] = 1, ["seq"] = seq, ["ts"] = Iso(ts), ["synced"] = true, ["type"] = type, ["code"] = code };
        if (name is not null)
            e["name"] = name;
        e["src"] = src;
        e["detail"] = detail;
        // Recorded during building-2's outage: kept on the board, delivered when it came back.
        var received = device == "building-2" && ts >= At(25, "01:00") && ts < At(25, "04:30") ? At(25, "04:30:01") : ts.AddMilliseconds(40);
        _messages.Add(($"kiosk/v1/{Site}/{device}/events", JsonSerializer.Serialize(e), received));
    }

    private void Alarm(string device, string kind, int code, string src, DateTimeOffset raised, DateTimeOffset restored, DateTimeOffset reset)
    {
        Event(device, raised, "alarm-raised", code, kind, src, "");
        Event(device, restored, "alarm-restored", code, kind, src, "latched until acknowledged");
        Event(device, reset, "alarm-reset", code, kind, src, "by operator:li");
    }

    private void Patrol(string device, string point, DateTimeOffset at) => Event(device, at, "patrol", 1, null, point, "check-in");

    private int _calls;

    /// <summary>A call pressed at <paramref name="at"/>: answered after N seconds, or "missed" (45 s ring) or "cancelled" (10 s).</summary>
    private string Call(string device, DateTimeOffset at, string outcome)
    {
        var id = "1-" + ++_calls;
        Event(device, at, "call", 1, "calling", id, "");
        Event(device, at.AddSeconds(1), "call", 2, "ringing", id, "");
        switch (outcome)
        {
            case "missed":
                Event(device, at.AddSeconds(46), "call", 5, "missed", id, "no answer in 45 s");
                break;
            case "cancelled":
                Event(device, at.AddSeconds(10), "call", 6, "cancelled", id, "long press");
                break;
            default:
                var answered = at.AddSeconds(int.Parse(outcome, CultureInfo.InvariantCulture));
                Event(device, answered, "call", 3, "connected", id, "operator:li");
                Event(device, answered.AddSeconds(60), "call", 4, "ended", id, "");
                break;
        }
        return id;
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
