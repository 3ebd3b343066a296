using System;
using System.Collections.Generic;
using System.Linq;
using Kiosk.Core.Access;

namespace Kiosk.DutyRoom.Data.Residents;

/// <summary>A named weekly schedule: its number on the board (1..15) and its ranges as written.</summary>
public sealed record NamedSchedule(int Number, string Name, string Ranges);

/// <summary>A named set of doors (e.g. "3栋": the doors of building 3) that residents are given.</summary>
public sealed record DoorGroup(string Name, IReadOnlyList<string> Devices);

/// <summary>
/// The estate's weekly schedules (the board has room for 15) and its door groups. A door group is
/// the console's: the board gets, per door, only the credentials whose groups hold that door.
/// </summary>
public sealed class AccessRulesStore(ConsoleDb db)
{
    public IReadOnlyList<NamedSchedule> Schedules() =>
        db.Query("SELECT number, name, ranges FROM access_schedules ORDER BY number",
            r => new NamedSchedule((int)r.GetInt64(0), r.GetString(1), r.GetString(2)));

    /// <summary>Adds or replaces a schedule by name; returns its number. Refused: bad ranges, a 16th schedule.</summary>
    public int SaveSchedule(string name, string ranges)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 32)
            throw InputRefusedException.One("schedule-name", "schedule name: 1 to 32 characters");
        try
        {
            WeeklySchedule.Parse(ranges);
        }
        catch (FormatException e)
        {
            throw InputRefusedException.One("schedule-ranges", "schedule: " + e.Message, e.Message);
        }
        var all = Schedules();
        var number = all.FirstOrDefault(s => s.Name == name)?.Number
            ?? Enumerable.Range(1, AccessSchedule.Count).FirstOrDefault(n => all.All(s => s.Number != n));
        if (number == 0)
            throw InputRefusedException.One("schedule-full", $"at most {AccessSchedule.Count} schedules (the board's table)", AccessSchedule.Count);
        db.Execute("""
            INSERT INTO access_schedules (number, name, ranges) VALUES (@n, @name, @ranges)
            ON CONFLICT (number) DO UPDATE SET name = @name, ranges = @ranges
            """, ("@n", (long)number), ("@name", name), ("@ranges", ranges.Trim()));
        return number;
    }

    /// <summary>The board's schedule table (630 bytes) built from the saved schedules.</summary>
    public byte[] ScheduleTable()
    {
        var table = new byte[AccessSchedule.TableSize];
        foreach (var s in Schedules())
            WeeklySchedule.Parse(s.Ranges).CopyTo(table, (s.Number - 1) * AccessSchedule.Size);
        return table;
    }

    public IReadOnlyList<DoorGroup> DoorGroups() =>
        db.Query("SELECT name, devices FROM door_groups ORDER BY name",
            r => new DoorGroup(r.GetString(0), Split(r.GetString(1))));

    public void SaveDoorGroup(string name, IEnumerable<string> devices)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 32 || name.Contains(','))
            throw InputRefusedException.One("door-group-name", "door group name: 1 to 32 characters, no commas");
        db.Execute("""
            INSERT INTO door_groups (name, devices) VALUES (@name, @devices)
            ON CONFLICT (name) DO UPDATE SET devices = @devices
            """, ("@name", name), ("@devices", string.Join(',', devices.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct())));
    }

    internal static IReadOnlyList<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
