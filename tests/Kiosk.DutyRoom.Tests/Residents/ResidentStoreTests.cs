using System;
using System.Linq;
using System.Text;
using Kiosk.Core.Access;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Residents;
using Kiosk.DutyRoom.Localization;
using Kiosk.DutyRoom.Residents;
using Kiosk.DutyRoom.Tests.Support;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Residents;

/// <summary>Residents, credentials, schedules, door groups and allow-list state on SQLite and PostgreSQL; the CSV import.</summary>
public sealed class ResidentStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SiteTime Time = new(new ConsoleOptions());

    [Fact] public void Storage_on_sqlite() => Storage(TestStores.Sqlite);
    [PostgresFact] public void Storage_on_postgres() => Storage(TestStores.Postgres);

    private static void Storage(Func<TestStores> open)
    {
        using var db = open();
        var s = db.Stores;
        s.AccessRules.SaveDoorGroup("3栋", ["building-3a", "building-3b"]);
        Assert.Equal(1, s.AccessRules.SaveSchedule("保洁", "Mon-Fri 07:00-09:30; Sat,Sun 08:00-12:00"));
        Assert.Throws<InputRefusedException>(() => s.AccessRules.SaveSchedule("bad", "Mon 07:15-08:00"));
        var table = s.AccessRules.ScheduleTable();
        Assert.True(AccessSchedule.Allows(table, 1, 0, 9 * 60 + 29));
        Assert.False(AccessSchedule.Allows(table, 1, 0, 9 * 60 + 30));
        Assert.True(AccessSchedule.Allows(table, 1, 6, 11 * 60));
        var ids = s.Residents.Add([new ResidentInput("3", "1", "1502", "王小明", null, Now.AddDays(30), "保洁", ["3栋"], "12:34567", "2468")], "chen", Now);
        var creds = s.Residents.CredentialsOf(ids[0]);
        Assert.Equal([CredentialHash.Card26, CredentialHash.Pin], creds.Select(c => c.Kind));
        Assert.Equal("12:34567", creds[0].Card);
        Assert.Null(creds[1].Card);
        // The PIN is nowhere in the database in clear.
        Assert.Empty(db.Db.Query("SELECT secret_protected FROM credentials WHERE secret_protected LIKE '%2468%'", r => r.GetString(0)));
        var live = s.Residents.Live();
        Assert.Equal(["820999", "2468"], live.Select(c => c.Value)); // 12 × 65536 + 34567
        Assert.Equal(1, live[0].Schedule);

        // A second card with the same number, or a second PIN the same, is refused; nothing is added.
        var e = Assert.Throws<ResidentsRefusedException>(() => s.Residents.Add(
            [new ResidentInput("3", "1", "1503", "李四", null, null, "", ["3栋"], "5", ""), new ResidentInput("3", "1", "1504", "赵六", null, null, "", ["3栋"], "12:34567", "2468")], "chen", Now));
        Assert.Empty(e.Problems[0]);
        Assert.Equal(["card-taken", "pin-taken"], e.Problems[1].Select(p => p.Code));
        Assert.Single(s.Residents.All());

        Assert.True(s.Residents.Revoke(creds[0].Id, "chen", Now));
        Assert.False(s.Residents.Revoke(creds[0].Id, "chen", Now));
        Assert.Single(s.Residents.Live());
        // Once revoked, the number may be given again (a found card returned to its owner).
        s.Residents.AddCredential(ids[0], "12:34567", "", "chen", Now);

        var records = AccessListBuilder.RecordsFor("building-3a", new byte[32], s.Residents.Live(), s.AccessRules.DoorGroups());
        Assert.Equal(2, AccessListBuilder.Count(records));
        Assert.Equal(0, AccessListBuilder.Count(AccessListBuilder.RecordsFor("main-gate", new byte[32], s.Residents.Live(), s.AccessRules.DoorGroups())));
        s.AccessLists.Reported("building-3a", 4, Now);
        s.AccessLists.Sending("building-3a", 5);
        Assert.True(s.AccessLists.Of("building-3a").Pending);
        s.AccessLists.Confirmed("building-3a", 5, records, table, stillPending: false, Now);
        var state = s.AccessLists.Of("building-3a");
        Assert.Equal((5u, 4u, false), (state.ConfirmedVersion, state.ReportedVersion!.Value, state.Pending));
        Assert.Equal(records, state.ConfirmedRecords);
        s.AccessLists.Failed("building-3a", "no reply", Now);
        Assert.Equal("no reply", s.AccessLists.Of("building-3a").LastError);
    }

    [Fact]
    public void A_delta_holds_changes_and_removals_only()
    {
        var live = Enumerable.Range(1, 3).Select(i => new LiveCredential(i, CredentialHash.Card34, i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, 0, ["g"])).ToList();
        var groups = new[] { new DoorGroup("g", ["d"]) };
        var before = AccessListBuilder.RecordsFor("d", new byte[32], live, groups);
        var after = AccessListBuilder.RecordsFor("d", new byte[32], [live[0], live[1] with { Schedule = 2 }], groups);
        var delta = AccessListBuilder.Delta(before, after);
        Assert.Equal(2, AccessListBuilder.Count(delta));
        var kinds = Enumerable.Range(0, 2).Select(i => { var e = new AccessEntry(); e.Decode(delta, i * AccessEntry.Size); return (e.Id, e.Kind); }).OrderBy(x => x.Id).ToList();
        Assert.Equal([(2u, AccessEntry.Card), (3u, AccessEntry.Removed)], kinds);
    }

    private const string Good = "楼栋,单元,房号,姓名,卡号,有效期至,电话\r\n3,1,1502,王小明,12:34567,2026-12-31,13800138000\r\n3,2,\"0801\",\"李, 娜\",4000000001,,\r\n";

    [Fact]
    public void Csv_in_utf8_with_a_bom_without_one_and_in_gb18030_reads_the_same()
    {
        var bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Good)).ToArray();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(54936).GetBytes(Good);
        Assert.NotEqual(Encoding.UTF8.GetBytes(Good), gbk);
        foreach (var file in new[] { bom, Encoding.UTF8.GetBytes(Good), gbk })
        {
            var (rows, lines, problems) = ResidentCsv.Parse(file, Time, ["3栋"]);
            Assert.Empty(problems);
            Assert.Equal([2, 3], lines);
            Assert.Equal("王小明", rows[0].Name);
            Assert.Equal("李, 娜", rows[1].Name);
            Assert.Equal("0801", rows[1].Room);
            // The last day is whole, in the site's zone (Asia/Shanghai, +8): until 2027-01-01 00:00 there.
            Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), rows[0].ValidUntil);
            Assert.Equal(["3栋"], rows[0].DoorGroups);
        }
        var (english, _, none) = ResidentCsv.Parse(Encoding.UTF8.GetBytes("Name,Room,Building,Card,Door groups\nAmy Li,101,5,7:7,5栋；3栋\n"), Time, []);
        Assert.Empty(none);
        Assert.Equal(["5栋", "3栋"], english[0].DoorGroups);
    }

    [Fact]
    public void Csv_with_bad_rows_names_each_line_and_imports_nothing()
    {
        using var db = TestStores.Sqlite();
        db.Stores.AccessRules.SaveDoorGroup("3栋", ["building-1"]);
        const string csv = "楼栋,单元,房号,姓名,卡号,有效期至\n3,1,1502,王小明,12:34567,2026-12-31\n3,1,,李娜,256:1,\n\n3,1,1504,赵六,12:34567,31/12/2026\n3,1,1505,钱七,,\n";
        var (rows, lines, problems) = ResidentCsv.Parse(Encoding.UTF8.GetBytes(csv), Time, ["3栋"]);
        Assert.Equal([(5, "csv-date")], problems.Select(p => (p.Line, p.Problem.Code)));
        var checks = db.Stores.Residents.Check(rows);
        var found = checks.SelectMany((c, i) => c.Select(p => (lines[i], p.Code))).ToList();
        Assert.Equal([(3, "room-required"), (3, "card-format"), (5, "card-taken"), (6, "credential-missing")], found);
        Assert.Throws<ResidentsRefusedException>(() => db.Stores.Residents.Add(rows, "chen", Now));
        Assert.Empty(db.Stores.Residents.All());
        var (_, _, header) = ResidentCsv.Parse(Encoding.UTF8.GetBytes("姓名,卡号\n王,1\n"), Time, []);
        Assert.Equal(["building", "room"], header.Select(p => (string)p.Problem.Args[0]));
    }
}
