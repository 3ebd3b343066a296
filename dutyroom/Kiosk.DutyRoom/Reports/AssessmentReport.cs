using System;

namespace Kiosk.DutyRoom.Reports;

/// <summary>Every measure of one period, computed from one <see cref="ReportInput"/> (docs/assessment.md).</summary>
public sealed record AssessmentReport(
    ReportInput Input,
    LightingMeasure Lighting,
    DoorMeasure Doors,
    AlarmMeasure Alarms,
    CallMeasure Calls,
    PatrolMeasure Patrols,
    AvailabilityMeasure Availability)
{
    public ReportPeriod Period => Input.Period;

    public static AssessmentReport Compute(ReportInput input)
    {
        var availability = AvailabilityMeasure.Compute(input);
        return new(input, LightingMeasure.Compute(input), DoorMeasure.Compute(input, availability.Offline), AlarmMeasure.Compute(input),
            CallMeasure.Compute(input), PatrolMeasure.Compute(input), availability);
    }
}
