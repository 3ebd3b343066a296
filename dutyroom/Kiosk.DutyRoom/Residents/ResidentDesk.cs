using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Residents;

namespace Kiosk.DutyRoom.Residents;

/// <summary>
/// What administrators do to the residents' book: add, import, revoke, schedules and door groups.
/// Every change is audited, refused ones too, and sent to the doors at once (<see cref="AccessSync"/>),
/// so a revoked card stops working within seconds on an online board.
/// </summary>
public sealed class ResidentDesk(Stores stores, AccessSync sync, ConsoleClock clock, Auth.OperatorGuard guard)
{
    public IReadOnlyList<long> Add(Operator op, IReadOnlyList<ResidentInput> inputs, string action, string target)
    {
        Admin(op, action, target);
        try
        {
            var ids = stores.Residents.Add(inputs, op.Username, clock.Now);
            stores.Audit.Record(op.Username, action, target, string.Create(CultureInfo.InvariantCulture, $"{ids.Count} residents, ids {string.Join(',', ids.Take(20))}{(ids.Count > 20 ? "…" : "")}"), "ok", clock.Now);
            sync.BookChanged();
            return ids;
        }
        catch (ArgumentException e)
        {
            stores.Audit.Record(op.Username, action, target, e.Message, "refused", clock.Now);
            throw;
        }
    }

    /// <summary>
    /// Imports a property office's CSV: all rows or none. Returns the ids, or every bad row with its
    /// line (file problems, then each row's broken rules), and then nothing is added.
    /// </summary>
    public (IReadOnlyList<long> Ids, IReadOnlyList<ImportProblem> Problems) Import(Operator op, byte[] file, string fileName, Localization.SiteTime time, IReadOnlyList<string> defaultGroups)
    {
        var (rows, lines, problems) = ResidentCsv.Parse(file, time, defaultGroups);
        var all = new List<ImportProblem>(problems);
        if (rows.Count > 0)
        {
            var checks = stores.Residents.Check(rows);
            for (var i = 0; i < rows.Count; i++)
                all.AddRange(checks[i].Select(p => new ImportProblem(lines[i], p)));
        }
        if (rows.Count == 0 && all.Count == 0)
            all.Add(new ImportProblem(1, new Problem("csv-no-rows", "no residents after the header row")));
        if (all.Count > 0)
        {
            Admin(op, "resident.import", fileName);
            stores.Audit.Record(op.Username, "resident.import", fileName,
                string.Create(CultureInfo.InvariantCulture, $"{all.Count} problems, nothing imported; first: line {all[0].Line}: {all[0].Problem.English}"), "refused", clock.Now);
            return ([], all.OrderBy(p => p.Line).ToList());
        }
        return (Add(op, rows, "resident.import", fileName), []);
    }

    public long AddCredential(Operator op, long residentId, string card, string pin)
    {
        var target = "resident " + residentId.ToString(CultureInfo.InvariantCulture);
        Admin(op, "credential.add", target);
        try
        {
            var id = stores.Residents.AddCredential(residentId, card, pin, op.Username, clock.Now);
            stores.Audit.Record(op.Username, "credential.add", target, $"credential {id}" + (card.Trim().Length > 0 ? $", card {card.Trim()}" : ", PIN"), "ok", clock.Now);
            sync.BookChanged();
            return id;
        }
        catch (ArgumentException e)
        {
            stores.Audit.Record(op.Username, "credential.add", target, e.Message, "refused", clock.Now);
            throw;
        }
    }

    public bool Revoke(Operator op, long credentialId)
    {
        var target = "credential " + credentialId.ToString(CultureInfo.InvariantCulture);
        Admin(op, "credential.revoke", target);
        var done = stores.Residents.Revoke(credentialId, op.Username, clock.Now);
        stores.Audit.Record(op.Username, "credential.revoke", target, done ? "revoked; sent to the doors" : "not live", done ? "ok" : "refused", clock.Now);
        if (done)
            sync.BookChanged();
        return done;
    }

    public void Update(Operator op, long residentId, DateTimeOffset? from, DateTimeOffset? until, string schedule, IReadOnlyList<string> groups)
    {
        var target = "resident " + residentId.ToString(CultureInfo.InvariantCulture);
        Admin(op, "resident.update", target);
        try
        {
            stores.Residents.Update(residentId, from, until, schedule, groups, clock.Now);
            stores.Audit.Record(op.Username, "resident.update", target, $"valid {from?.ToString("O", CultureInfo.InvariantCulture) ?? "-"} to {until?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}, schedule '{schedule}', groups {string.Join(',', groups)}", "ok", clock.Now);
            sync.BookChanged();
        }
        catch (ArgumentException e)
        {
            stores.Audit.Record(op.Username, "resident.update", target, e.Message, "refused", clock.Now);
            throw;
        }
    }

    public int SaveSchedule(Operator op, string name, string ranges)
    {
        Admin(op, "schedule.save", name);
        try
        {
            var n = stores.AccessRules.SaveSchedule(name, ranges);
            stores.Audit.Record(op.Username, "schedule.save", name, $"#{n}: {ranges}", "ok", clock.Now);
            sync.BookChanged();
            return n;
        }
        catch (ArgumentException e)
        {
            stores.Audit.Record(op.Username, "schedule.save", name, e.Message, "refused", clock.Now);
            throw;
        }
    }

    public void SaveDoorGroup(Operator op, string name, IReadOnlyList<string> devices)
    {
        Admin(op, "door-group.save", name);
        try
        {
            stores.AccessRules.SaveDoorGroup(name, devices);
            stores.Audit.Record(op.Username, "door-group.save", name, string.Join(',', devices), "ok", clock.Now);
            sync.BookChanged();
        }
        catch (ArgumentException e)
        {
            stores.Audit.Record(op.Username, "door-group.save", name, e.Message, "refused", clock.Now);
            throw;
        }
    }

    /// <summary>The role as the database has it now (not as the screen remembers it); refused and audited otherwise.</summary>
    private void Admin(Operator op, string action, string target)
    {
        if (guard.Allow(op, action, target, administrator: true) is not null)
            return;
        throw InputRefusedException.One("admins-only", "administrators only");
    }
}
