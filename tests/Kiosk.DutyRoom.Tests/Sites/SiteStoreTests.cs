using System;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Tests.Support;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Sites;

/// <summary>The multi-site scenarios on SQLite, each on a fresh file.</summary>
public sealed class SqliteSiteStoreTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in SiteStoreScenarios.All)
            data.Add(scenario.Method.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario(string name)
    {
        using var db = TestStores.Sqlite();
        Array.Find(SiteStoreScenarios.All, s => s.Method.Name == name)!(db.Stores);
    }
}

/// <summary>The same scenarios on a real PostgreSQL (Debian's, started by .ci/run), each in a fresh schema.</summary>
public sealed class PostgresSiteStoreTests
{
    [PostgresFact]
    public void Every_multi_site_scenario_passes_on_postgres()
    {
        foreach (var scenario in SiteStoreScenarios.All)
        {
            using var db = TestStores.Postgres();
            Assert.Equal(DbProvider.Postgres, db.Db.Provider);
            scenario(db.Stores);
        }
    }
}
