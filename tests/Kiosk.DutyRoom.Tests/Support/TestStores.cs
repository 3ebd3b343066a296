using System;
using System.IO;
using Kiosk.DutyRoom;
using Kiosk.DutyRoom.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace Kiosk.DutyRoom.Tests.Support;

/// <summary>The console's stores on a fresh SQLite file (or a fresh PostgreSQL schema), deleted afterwards.</summary>
public sealed class TestStores : IDisposable
{
    public const string PostgresVariable = "KIOSK_TEST_POSTGRES";
    private readonly string _folder = Directory.CreateTempSubdirectory("kiosk-dutyroom-").FullName;

    private TestStores(Func<string, ConsoleDb> open)
    {
        Protection = ConsoleProtection.Create(_folder);
        Db = open(_folder);
        Stores = new Stores(Db, Protection);
    }

    public ConsoleDb Db { get; }
    public Stores Stores { get; }
    public IDataProtectionProvider Protection { get; }
    public string Folder => _folder;

    public static TestStores Sqlite() => new(folder => ConsoleDb.Sqlite(Path.Combine(folder, "dutyroom.db")));

    /// <summary>On the PostgreSQL server KIOSK_TEST_POSTGRES names (`.ci/run` starts Debian's), in a schema of its own.</summary>
    public static TestStores Postgres()
    {
        var connection = Environment.GetEnvironmentVariable(PostgresVariable)!;
        var schema = "t" + Guid.NewGuid().ToString("N")[..12];
        using (var admin = new Npgsql.NpgsqlConnection(connection))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE SCHEMA {schema}";
            create.ExecuteNonQuery();
        }
        return new(_ => ConsoleDb.Postgres(connection + ";Search Path=" + schema));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>A fact that runs only where a PostgreSQL server is named (skipped, and visibly so, elsewhere).</summary>
public sealed class PostgresFactAttribute : Xunit.FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestStores.PostgresVariable)))
            Skip = $"no PostgreSQL: set {TestStores.PostgresVariable} to an Npgsql connection string (.ci/run does)";
    }
}
