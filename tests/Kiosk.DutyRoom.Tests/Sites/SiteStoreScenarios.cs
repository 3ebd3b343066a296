using System;
using System.Linq;
using System.Text;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Sites;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Sites;

/// <summary>Multi-site storage (issue 16) on every database the console supports: SQLite always, PostgreSQL when there is one.</summary>
public static class SiteStoreScenarios
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 22, 0, 0, TimeSpan.Zero);

    public static readonly Action<Stores>[] All =
    [
        Operators_are_assigned_to_sites_and_their_scope_follows,
        A_site_is_named_by_its_boards_and_an_administrator_label_wins,
        Events_calls_and_alarms_are_read_only_within_a_scope,
        The_site_tables_are_created_again_without_harm,
    ];

    public static void Operators_are_assigned_to_sites_and_their_scope_follows(Stores s)
    {
        var li = s.Operators.Create("li", "李伟", "0123456789", Roles.Operator, Now);
        var chen = s.Operators.Create("chen", "陈杰", "0123456789", Roles.Administrator, Now);

        Assert.True(s.ScopeOfFresh(li).IsEverywhere); // none assigned: a one-estate console needs no assignments
        Assert.True(s.SiteAssignments.Assign("li", "fenglin-yuan", "chen", Now));
        Assert.False(s.SiteAssignments.Assign("li", "fenglin-yuan", "chen", Now)); // twice: nothing changes
        Assert.True(s.SiteAssignments.Assign("li", "guihua-yuan", "chen", Now));
        Assert.Equal(["fenglin-yuan", "guihua-yuan"], s.SiteAssignments.SitesOf("li"));
        Assert.Equal(["li"], s.SiteAssignments.OperatorsOf("guihua-yuan"));

        var scope = s.ScopeOfFresh(li);
        Assert.False(scope.IsEverywhere);
        Assert.True(scope.Allows("fenglin-yuan"));
        Assert.False(scope.Allows("maple-court"));
        Assert.False(scope.Allows(null));
        Assert.True(s.ScopeOfFresh(chen).IsEverywhere); // administrators see every site
        Assert.True(s.ScopeOfFresh(chen).Allows("maple-court"));

        Assert.True(s.SiteAssignments.Unassign("li", "guihua-yuan"));
        Assert.False(s.SiteAssignments.Unassign("li", "guihua-yuan"));
        Assert.Equal(["fenglin-yuan"], s.ScopeOfFresh(li).Sites);
        Assert.Equal("fenglin-yuan", s.SiteAssignments.All().Single().Site);

        s.Operators.SetDisabled("li", true);
        Assert.False(s.ScopeOfFresh(li).Allows("fenglin-yuan")); // disabled: nowhere, assignments or not

        var bad = Assert.Throws<InputRefusedException>(() => s.SiteAssignments.Assign("li", "Fenglin Yuan", "chen", Now));
        Assert.Equal("site", bad.Problems.Single().Code);
        Assert.Throws<ArgumentException>(() => s.SiteAssignments.Assign("nobody", "fenglin-yuan", "chen", Now));
    }

    public static void A_site_is_named_by_its_boards_and_an_administrator_label_wins(Stores s)
    {
        s.Devices.Add("fenglin-yuan", "fl-east-gate", "东门岗亭", new string('a', 64), "test", Now);
        s.Devices.Add("maple-court", "main-gate", "Main gate", new string('b', 64), "test", Now);
        s.Sites.Reported("fenglin-yuan", "枫林苑", Now);
        s.Sites.Reported("fenglin-yuan", "  ", Now); // a blank name changes nothing
        s.Sites.Reported("guihua-yuan", "桂花苑", Now); // heard of before any entrance is registered

        Assert.Equal(["fenglin-yuan", "guihua-yuan", "maple-court"], s.Sites.All().Select(x => x.Site));
        Assert.Equal("枫林苑", s.Sites.Find("fenglin-yuan")!.Name);
        Assert.Equal("maple-court", s.Sites.Find("maple-court")!.Name); // no name reported: the id

        s.Sites.SetLabel("fenglin-yuan", "枫林苑（一期）", Now);
        s.Sites.Reported("fenglin-yuan", "枫林苑", Now.AddMinutes(1));
        Assert.Equal("枫林苑（一期）", s.Sites.Find("fenglin-yuan")!.Name);
        Assert.Equal("枫林苑", s.Sites.Find("fenglin-yuan")!.ReportedName);
        s.Sites.SetLabel("fenglin-yuan", "", Now);
        Assert.Equal("枫林苑", s.Sites.Find("fenglin-yuan")!.Name);
        Assert.Throws<InputRefusedException>(() => s.Sites.SetLabel("fenglin-yuan", new string('园', 65), Now));

        Assert.Equal(["fenglin-yuan", "guihua-yuan"], s.Sites.Named().Select(x => x.Site)); // maple-court has no name: the overview takes it from the live picture
        Assert.Equal(["guihua-yuan"], s.Sites.All(SiteScope.Only(["guihua-yuan", "elsewhere"])).Select(x => x.Site));
        Assert.Empty(s.Sites.All(SiteScope.Only([])));
    }

    public static void Events_calls_and_alarms_are_read_only_within_a_scope(Stores s)
    {
        Ingest(s, "fenglin-yuan", "fl-east-gate", 1);
        Ingest(s, "fenglin-yuan", "fl-east-gate", 2);
        Ingest(s, "guihua-yuan", "gh-north-gate", 1);
        s.Calls.Progress("fenglin-yuan", "fl-east-gate", "1-1", "ringing", Now);
        s.Calls.Progress("guihua-yuan", "gh-north-gate", "1-1", "ringing", Now);
        s.Calls.Progress("guihua-yuan", "gh-north-gate", "1-2", "missed", Now.AddMinutes(1));
        s.Alarms.Raise("fenglin-yuan", "fl-east-gate", "forced-open", "door", AlarmRecord.FromDevice, "", Now);
        s.Alarms.Raise("guihua-yuan", "gh-north-gate", "tamper", "tamper", AlarmRecord.FromDevice, "", Now);
        var fenglin = SiteScope.Only(["fenglin-yuan"]);
        var both = SiteScope.Only(["fenglin-yuan", "guihua-yuan"]);
        var none = SiteScope.Only([]);

        Assert.Equal(3, s.Archive.Query().Count);
        Assert.All(s.Archive.Query(scope: fenglin), e => Assert.Equal("fenglin-yuan", e.Site));
        Assert.Equal(2, s.Archive.Query(scope: fenglin).Count);
        Assert.Empty(s.Archive.Query(device: "gh-north-gate", scope: fenglin)); // another site's device, asked by name: nothing
        Assert.Equal(3, s.Archive.Query(scope: both).Count);
        Assert.Empty(s.Archive.Query(scope: none));
        Assert.Equal(2, s.Archive.Latest(10, fenglin).Count);
        Assert.Equal(3, s.Archive.Latest(10, SiteScope.Everywhere).Count);

        Assert.Equal("fenglin-yuan", s.Calls.Live(fenglin).Single().Site);
        Assert.Equal(2, s.Calls.Live(both).Count);
        Assert.Empty(s.Calls.MissedNotDealt(fenglin));
        Assert.Single(s.Calls.MissedNotDealt(both));
        Assert.Single(s.Calls.Recent(10, fenglin));
        Assert.Equal(3, s.Calls.Recent(10).Count);

        Assert.Equal("forced-open", s.Alarms.Open(fenglin).Single().Kind);
        Assert.Equal("tamper", s.Alarms.Recent(10, SiteScope.Only(["guihua-yuan"])).Single().Kind);
        Assert.Equal(2, s.Alarms.Open().Count);
        Assert.Empty(s.Alarms.Open(none));
    }

    public static void The_site_tables_are_created_again_without_harm(Stores s)
    {
        s.Operators.Create("li", "Li", "0123456789", Roles.Operator, Now);
        s.SiteAssignments.Assign("li", "fenglin-yuan", "chen", Now);
        var again = new Stores(s.Db.Provider == DbProvider.Sqlite ? ConsoleDb.Sqlite(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(s.Db.ConnectionString).DataSource)
            : ConsoleDb.Postgres(s.Db.ConnectionString), Microsoft.AspNetCore.DataProtection.DataProtectionProvider.Create("test"));
        Assert.Equal(["fenglin-yuan"], again.SiteAssignments.SitesOf("li"));
    }

    private static SiteScope ScopeOfFresh(this Stores s, Operator op) => s.SiteAssignments.ScopeOf(s.Operators.Find(op.Username));

    private static void Ingest(Stores s, string site, string device, long seq)
    {
        var json = $"{{\"v\":1,\"site\":\"{site}\",\"dev\":\"{device}\",\"boot\":1,\"seq\":{seq},\"ts\":\"2026-11-24T21:00:{seq:00}.000Z\",\"synced\":true,\"type\":\"door\",\"code\":1,\"name\":\"LOCKED_CLOSED\",\"src\":\"contact\",\"detail\":\"\"}}";
        Assert.Equal(IngestResult.Stored, s.Archive.Ingest($"kiosk/v1/{site}/{device}/events", Encoding.UTF8.GetBytes(json), Now));
    }
}
