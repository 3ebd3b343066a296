using System;
using Kiosk.Core.Alarms;
using Kiosk.Core.Call;
using Kiosk.Core.Commands;
using Kiosk.Core.Door;
using Kiosk.Core.Events;

namespace Kiosk.HostSim.Stories;

/// <summary>One event record as a line a person can read.</summary>
public static class EventText
{
    public static string Format(EventRecord e)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(e.UnixMillis).UtcDateTime;
        var what = e.Type switch
        {
            EventType.DoorState => DoorStateNames.Of((DoorState)e.Code),
            EventType.AlarmRaised or EventType.AlarmRestored or EventType.AlarmReset => ((AlarmKind)e.Code).ToString(),
            EventType.Call => CallStateNames.Of((CallState)e.Code),
            EventType.Command => ((CommandResult)e.Code).ToString(),
            _ => e.Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return $"{time:yyyy-MM-dd HH:mm:ss}{(e.TimeSynced ? "Z" : "?")} #{e.Sequence,-4} {e.Type,-14} {what,-18} {e.Source,-24} {e.Detail}";
    }
}
