using Kiosk.DutyRoom.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Kiosk.DutyRoom;

/// <summary>Every store of the console over one database.</summary>
public sealed class Stores(ConsoleDb db, IDataProtectionProvider protection)
{
    public ConsoleDb Db { get; } = db;
    public EventArchive Archive { get; } = new(db);
    public OperatorStore Operators { get; } = new(db);
    public AuditLog Audit { get; } = new(db);
    public CallStore Calls { get; } = new(db);
    public AlarmStore Alarms { get; } = new(db);
    public DeviceRegistry Devices { get; } = new(db, protection);
    public PatrolPlanStore PatrolPlans { get; } = new(db);

    // Resident access (docs/access.md, the duty room's side).
    public Data.Residents.AccessRulesStore AccessRules { get; } = new(db);
    public Data.Residents.ResidentStore Residents { get; } = new(db, protection, new(db));
    public Data.Residents.AccessListStateStore AccessLists { get; } = new(db);

    // Multi-site (issue 16): the estates and which operator serves which.
    public Data.Sites.SiteDirectory Sites { get; } = new(db);
    public Data.Sites.SiteAssignments SiteAssignments { get; } = new(db);
}
