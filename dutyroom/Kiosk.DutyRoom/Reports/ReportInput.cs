using System;
using System.Collections.Generic;
using Kiosk.DutyRoom.Data;

namespace Kiosk.DutyRoom.Reports;

/// <summary>An entrance of the estate as the registry names it.</summary>
public sealed record ReportEntrance(string Device, string Label);

/// <summary>
/// Everything a report is computed from, read once (<see cref="ReportSource"/>): the archive's events
/// from a day before the period to a day after it (a night reported at dawn on the 1st belongs to the
/// month before; an alarm acknowledged after midnight belongs to its day), births and wills, the
/// period's calls, the registry and the patrol plans. <see cref="Now"/> cuts off days still to come.
/// </summary>
public sealed record ReportInput(
    ReportPeriod Period,
    IReadOnlyList<ReportEntrance> Entrances,
    IReadOnlyList<ArchivedEvent> Events,
    IReadOnlyList<PresenceChange> Presence,
    IReadOnlyList<CallRecord> Calls,
    IReadOnlyList<PatrolPlan> Plans,
    AssessmentRules Rules,
    DateTimeOffset Now)
{
    /// <summary>The end of what can be measured: the period's end, or now if that is earlier.</summary>
    public DateTimeOffset Until => Now < Period.To ? Now : Period.To;
}
