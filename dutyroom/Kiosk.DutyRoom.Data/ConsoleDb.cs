using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// The console's database: SQLite by default (one file under the data folder), PostgreSQL for
/// larger estates. Every statement is written once in the SQL both understand (named @parameters,
/// ON CONFLICT, RETURNING, BIGINT, ISO-8601 text times); only the schema's identity columns and
/// SQLite's pragmas differ. A connection per operation, from the provider's pool.
/// </summary>
public sealed class ConsoleDb
{
    private ConsoleDb(DbProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public DbProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>SQLite in a file (created with the schema if missing).</summary>
    public static ConsoleDb Sqlite(string path) =>
        // Microsoft.Data.Sqlite retries a busy database until the command timeout: 5 s, like a busy_timeout.
        Open(DbProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 5 }.ToString());

    /// <summary>PostgreSQL (Npgsql connection string); the schema is created if missing.</summary>
    public static ConsoleDb Postgres(string connectionString) => Open(DbProvider.Postgres, connectionString);

    /// <summary>"sqlite:PATH" or "postgres:CONNECTION STRING", as the console's --db option takes it.</summary>
    public static ConsoleDb Parse(string spec)
    {
        if (spec.StartsWith("sqlite:", StringComparison.Ordinal))
            return Sqlite(spec["sqlite:".Length..]);
        if (spec.StartsWith("postgres:", StringComparison.Ordinal))
            return Postgres(spec["postgres:".Length..]);
        throw new ArgumentException($"database '{spec}': expected sqlite:PATH or postgres:CONNECTION-STRING");
    }

    private static ConsoleDb Open(DbProvider provider, string connectionString)
    {
        var db = new ConsoleDb(provider, connectionString);
        Schema.Create(db);
        return db;
    }

    public DbConnection Connect()
    {
        DbConnection connection = Provider == DbProvider.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        connection.Open();
        if (Provider == DbProvider.Sqlite)
        {
            // SQLite's own busy handler waits in steps of 1 to 100 ms for another writer (the archive
            // lane's batch) to finish; without it Microsoft.Data.Sqlite retries every 150 ms, so a
            // call's write could lose the lock to the next batch again and again (issue 16).
            using var busy = connection.CreateCommand();
            busy.CommandText = "PRAGMA busy_timeout = 5000";
            busy.ExecuteNonQuery();
        }
        return connection;
    }

    /// <summary>Runs a statement; returns rows affected.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] args)
    {
        using var connection = Connect();
        using var command = Command(connection, sql, args);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a statement that returns one value (RETURNING id, COUNT(*)).</summary>
    public long Scalar(string sql, params (string Name, object? Value)[] args)
    {
        using var connection = Connect();
        using var command = Command(connection, sql, args);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a query and maps each row.</summary>
    public List<T> Query<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] args)
    {
        using var connection = Connect();
        using var command = Command(connection, sql, args);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(map(reader));
        return rows;
    }

    internal static DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] args)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    internal static void Run(DbConnection connection, string sql)
    {
        using var command = Command(connection, sql, []);
        command.ExecuteNonQuery();
    }

    /// <summary>Times are stored as sortable ISO-8601 UTC text with milliseconds, the protocol's own form.</summary>
    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Time(DbDataReader r, int i) => DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture);

    public static DateTimeOffset? MaybeTime(DbDataReader r, int i) => r.IsDBNull(i) ? null : Time(r, i);

    public static string? MaybeText(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}

public enum DbProvider
{
    Sqlite,
    Postgres,
}
