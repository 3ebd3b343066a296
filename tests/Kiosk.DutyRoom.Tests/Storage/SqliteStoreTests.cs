using System;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Tests.Support;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Storage;

/// <summary>The console's storage on SQLite, the default: each scenario on a fresh file.</summary>
public sealed class SqliteStoreTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in StoreScenarios.All)
            data.Add(scenario.Method.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario(string name)
    {
        using var db = TestStores.Sqlite();
        Array.Find(StoreScenarios.All, s => s.Method.Name == name)!(db.Stores);
    }

    [Fact]
    public void A_database_spec_names_its_provider_or_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => ConsoleDb.Parse("mysql://gate"));
        Assert.Contains("sqlite:PATH or postgres:", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>The same scenarios on a real PostgreSQL (Debian's, started by .ci/run), each in a fresh schema.</summary>
public sealed class PostgresStoreTests
{
    [PostgresFact]
    public void Every_scenario_passes_on_postgres()
    {
        foreach (var scenario in StoreScenarios.All)
        {
            using var db = TestStores.Postgres();
            Assert.Equal(DbProvider.Postgres, db.Db.Provider);
            scenario(db.Stores);
        }
    }
}
