namespace Kiosk.Core.Events
{
    /// <summary>What an <see cref="EventRecord"/> records. Values are stored on flash: never renumber.</summary>
    public enum EventType
    {
        /// <summary>The controller started. Code = 1 when the config was valid; Detail = reboot reason.</summary>
        Boot = 1,

        /// <summary>The door state changed. Code = new <see cref="Kiosk.Core.Door.DoorState"/>; Source = cause.</summary>
        DoorState = 2,

        /// <summary>An alarm was raised and latched. Code = <see cref="Kiosk.Core.Alarms.AlarmKind"/>; Source = input or circuit.</summary>
        AlarmRaised = 3,

        /// <summary>An alarm's condition ended; it stays latched until acknowledged.</summary>
        AlarmRestored = 4,

        /// <summary>An operator acknowledged a latched alarm whose condition had ended: it is reset.</summary>
        AlarmReset = 5,

        /// <summary>The visitor call changed state. Code = <see cref="Kiosk.Core.Call.CallState"/>; Source = call id.</summary>
        Call = 6,

        /// <summary>A command was handled. Code = <see cref="Kiosk.Core.Commands.CommandResult"/>; Source = who; Detail = command.</summary>
        Command = 7,

        /// <summary>An input flapped past its limit and is ignored until quiet. Source = input name.</summary>
        InputFault = 8,

        /// <summary>A faulted input has been quiet for a minute and is trusted again.</summary>
        InputRecovered = 9,

        /// <summary>A guard checked in at the patrol point. Source = point name.</summary>
        Patrol = 10,

        /// <summary>Night ended: a lamp circuit's lit time against expected. Code = circuit; Detail = "lit/expected seconds".</summary>
        LightingReport = 11,

        /// <summary>Day or night began. Code = 1 night, 0 day; Detail = light level percent.</summary>
        DayNight = 12,

        /// <summary>The event store is nearly full of undelivered events (Code 1), overwrote undelivered ones (Code 2), found torn records at boot (Code 3), or left routine records unwritten while nearly full (Code 4, Detail = how many).</summary>
        StoreWarning = 13,

        /// <summary>Inputs were lost because the input queue overflowed. Code = how many; inputs were re-read.</summary>
        InputsDropped = 14,

        /// <summary>The wall clock was set. Detail = offset applied, in ms.</summary>
        ClockSet = 15,

        /// <summary>A lamp relay was switched. Code = circuit; Detail = "on" or "off".</summary>
        LampRelay = 16,

        /// <summary>The network, the broker or network time failed or recovered. Code = <see cref="Kiosk.Core.Link.LinkEvent"/>; Detail = why.</summary>
        Link = 17,

        /// <summary>Free heap fell under the configured floor. Code 1 = restart planned for the next quiet moment; 2 = too soon after boot to restart (floor set too high?). Detail = bytes free.</summary>
        LowMemory = 18,

        /// <summary>Security refusals past the per-minute limit, summarised. Code = how many were not recorded one by one; Source = the last claimed sender; Detail = first and last reasons.</summary>
        RefusalSummary = 19,

        /// <summary>The controller's code threw; the loop carried on with the lock secure (fire release excepted). Detail = the exception's message.</summary>
        Fault = 20,

        /// <summary>A credential at the reader. Code = <see cref="Kiosk.Core.Access.AccessResult"/>; Source = "cred:ID" or "card:HASH" (never the number), "pin"; Detail = why.</summary>
        Access = 21,

        /// <summary>The allow-list changed. Code 1 = a new list in force (Detail = version and count), 2 = an update refused (Detail = why).</summary>
        AccessList = 22,
    }
}
