using System;
using System.Collections.Generic;
using Kiosk.DutyRoom.Data;

namespace Kiosk.DutyRoom.Reports;

/// <summary>
/// One alarm at one board from its raise to its reset, from the board's own records: raised, the
/// condition restored (door closed, lamp lit), reset after an operator's acknowledgement. A raise
/// repeated while the alarm is still latched belongs to the same alarm, as on the board.
/// </summary>
public sealed record AlarmSpan(string Device, string Kind, string Source, DateTimeOffset Raised, DateTimeOffset? Restored, DateTimeOffset? Reset)
{
    /// <summary>When the condition ended, as far as the records say (restored, else reset).</summary>
    public DateTimeOffset? ConditionEnded => Restored ?? Reset;

    public static List<AlarmSpan> From(IEnumerable<ArchivedEvent> events)
    {
        var all = new List<AlarmSpan>();
        var open = new Dictionary<(string, string, string), int>();
        foreach (var e in events)
        {
            if (e.Name is null || !e.Type.StartsWith("alarm-", StringComparison.Ordinal))
                continue;
            var key = (e.Device, e.Name, e.Source);
            var known = open.TryGetValue(key, out var at);
            switch (e.Type)
            {
                case "alarm-raised" when known:
                    all[at] = all[at] with { Restored = null }; // the condition came back before anyone acknowledged
                    break;
                case "alarm-raised":
                    open[key] = all.Count;
                    all.Add(new AlarmSpan(e.Device, e.Name, e.Source, e.Time, null, null));
                    break;
                case "alarm-restored" when known:
                    all[at] = all[at] with { Restored = all[at].Restored ?? e.Time };
                    break;
                case "alarm-reset" when known:
                    all[at] = all[at] with { Reset = e.Time };
                    open.Remove(key);
                    break;
            }
        }
        return all;
    }
}
