using System;

namespace Kiosk.DutyRoom.Reports;

/// <summary>
/// The limits the measures use, where the seeds give no number (docs/assessment.md says why each).
/// </summary>
public sealed record AssessmentRules
{
    /// <summary>A held-open alarm lasting longer than this counts the door as not closing for that day.</summary>
    public TimeSpan HeldOpenLimit { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A board offline longer than this counts its door as not intact for the days it covers (nobody could see it).</summary>
    public TimeSpan OfflineLimit { get; init; } = TimeSpan.FromHours(1);

    /// <summary>GB 50396: a field event reaches the centre within 5 s; later ones are counted as delivered late.</summary>
    public TimeSpan DeliveryLimit { get; init; } = TimeSpan.FromSeconds(5);
}
