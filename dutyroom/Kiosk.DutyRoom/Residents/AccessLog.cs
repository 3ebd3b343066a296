using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Residents;

namespace Kiosk.DutyRoom.Residents;

/// <summary>One decision at a door's reader, with the resident it was for when the credential is the console's.</summary>
public sealed record AccessLogRow(DateTimeOffset Time, string Device, int Code, string Result, string Source, Resident? Resident, string Detail);

/// <summary>
/// The access log, from the archived <c>access</c> events (docs/protocol.md): "who entered building
/// 3 last night" is the doors of a door group, a time range at the site and, if wanted, only
/// the granted ones. <c>cred:ID</c> names the console's credential and so its resident; a credential
/// not on the list is shown as the board sent it (card: or pin: and a hash prefix), never a number.
/// </summary>
public static class AccessLog
{
    public const int Granted = 1;

    public static IReadOnlyList<AccessLogRow> Query(Stores stores, string? doorGroup, string? device, long? residentId, DateTimeOffset? from, DateTimeOffset? to,
        bool grantedOnly, int limit = 10_000)
    {
        var doors = doorGroup is null ? null : stores.AccessRules.DoorGroups().FirstOrDefault(g => g.Name == doorGroup)?.Devices.ToHashSet(StringComparer.Ordinal) ?? [];
        var directory = stores.Residents.Directory();
        var rows = new List<AccessLogRow>();
        foreach (var e in stores.Archive.Query(device, "access", from, to, 100_000))
        {
            if (doors is not null && !doors.Contains(e.Device))
                continue;
            if (grantedOnly && e.Code != Granted)
                continue;
            Resident? resident = null;
            if (e.Source.StartsWith("cred:", StringComparison.Ordinal)
                && long.TryParse(e.Source.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && directory.TryGetValue(id, out var entry))
                resident = entry.Resident;
            if (residentId is not null && resident?.Id != residentId)
                continue;
            rows.Add(new AccessLogRow(e.TimeSynced ? e.Time : e.ReceivedAt, e.Device, e.Code, e.Name ?? e.Code.ToString(CultureInfo.InvariantCulture), e.Source, resident, e.Detail));
            if (rows.Count == limit)
                break;
        }
        return rows;
    }

    /// <summary>The rows as CSV cells (formulas neutralised by <see cref="CsvCell"/>), one line a row after the header.</summary>
    public static void WriteCsv(IEnumerable<AccessLogRow> rows, TextWriter to, string[] header, Func<DateTimeOffset, string> time, Func<string, string> label, Func<string, string> result)
    {
        to.Write(string.Join(',', header.Select(CsvCell.Of)));
        to.Write("\r\n");
        foreach (var r in rows)
        {
            string[] cells = [time(r.Time), label(r.Device), result(r.Result), r.Resident?.Name ?? "", r.Resident?.Building ?? "", r.Resident?.Unit ?? "", r.Resident?.Room ?? "", r.Source, r.Detail];
            to.Write(string.Join(',', cells.Select(CsvCell.Of)));
            to.Write("\r\n");
        }
    }
}
