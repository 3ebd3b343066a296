using System;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// The console's tables, created if missing. Times are ISO-8601 text (sortable, the same in both
/// databases); flags are 0/1 BIGINT. Only the identity column differs between SQLite and PostgreSQL.
/// </summary>
internal static class Schema
{
    public static void Create(ConsoleDb db)
    {
        var id = db.Provider == DbProvider.Sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
        using var connection = db.Connect();
        if (db.Provider == DbProvider.Sqlite)
            ConsoleDb.Run(connection, "PRAGMA journal_mode = WAL;");
        foreach (var statement in Statements(id))
            ConsoleDb.Run(connection, statement);
        foreach (var statement in Residents.ResidentSchema.Statements(id))
            ConsoleDb.Run(connection, statement);
        // Entrance cameras and the pictures kept with records (issue 19): their own block.
        foreach (var statement in Cameras.CameraSchema.Statements(id))
            ConsoleDb.Run(connection, statement);
        // Multi-site (issue 16): estates and which operator serves which.
        foreach (var statement in Sites.SiteSchema.Statements())
            ConsoleDb.Run(connection, statement);
        // Columns added after the first release: a database made by an older console gains them in place.
        foreach (var (table, column, type) in AddedColumns)
            AddColumnIfMissing(connection, table, column, type);
        if (db.Provider == DbProvider.Postgres)
            foreach (var statement in ScaleOutStatements)
                ConsoleDb.Run(connection, statement);
    }

    /// <summary>The channel every change to a call or an alarm is announced on (PostgreSQL, scale-out).</summary>
    public const string DeskChannel = DeskChanges.Channel;

    // Issue 16, scale-out: consoles on one PostgreSQL learn of each other's call and alarm changes (a
    // call taken on one stops ringing on the others; an alarm stored by the console that archived its
    // event shows on all) from the database itself: triggers announce every insert or update, whoever's
    // code made it. The payload starts with the schema, so
    // consoles of other estates (or tests) in the same database can tell theirs. Idempotent.
    private static readonly string[] ScaleOutStatements =
    [
        $"""
        CREATE OR REPLACE FUNCTION kiosk_call_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{DeskChannel}', TG_TABLE_SCHEMA || '/' || NEW.device || '/' || NEW.call_id);
            RETURN NULL;
        END $$
        """,
        "CREATE OR REPLACE TRIGGER calls_announce AFTER INSERT OR UPDATE ON calls FOR EACH ROW EXECUTE FUNCTION kiosk_call_changed()",
        $"""
        CREATE OR REPLACE FUNCTION kiosk_alarm_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{DeskChannel}', TG_TABLE_SCHEMA || '/' || NEW.device || '/alarm-' || NEW.id);
            RETURN NULL;
        END $$
        """,
        "CREATE OR REPLACE TRIGGER alarms_announce AFTER INSERT OR UPDATE ON alarms FOR EACH ROW EXECUTE FUNCTION kiosk_alarm_changed()",
    ];

    private static readonly (string Table, string Column, string Type)[] AddedColumns =
    [
        ("operators", "language", "TEXT"),
        ("calls", "visitor_plate", "TEXT"),
        ("calls", "visitor_building", "TEXT"),
        ("calls", "visitor_room", "TEXT"),
        ("calls", "visitor_id_masked", "TEXT"),
        ("calls", "visitor_erased_at", "TEXT"),
    ];

    private static void AddColumnIfMissing(System.Data.Common.DbConnection connection, string table, string column, string type)
    {
        try
        {
            ConsoleDb.Run(connection, $"SELECT {column} FROM {table} LIMIT 0");
        }
        catch (System.Data.Common.DbException)
        {
            ConsoleDb.Run(connection, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
        }
    }

    private static string[] Statements(string id) =>
    [
        """
        CREATE TABLE IF NOT EXISTS events (
            site TEXT NOT NULL, device TEXT NOT NULL, boot BIGINT NOT NULL, seq BIGINT NOT NULL,
            ts TEXT NOT NULL, synced BIGINT NOT NULL, type TEXT NOT NULL, code BIGINT NOT NULL,
            name TEXT, src TEXT NOT NULL, detail TEXT NOT NULL, received_at TEXT NOT NULL,
            PRIMARY KEY (device, boot, seq))
        """,
        "CREATE INDEX IF NOT EXISTS events_by_time ON events (ts)",
        """
        CREATE TABLE IF NOT EXISTS device_status (
            site TEXT NOT NULL, device TEXT NOT NULL PRIMARY KEY, online BIGINT NOT NULL,
            boot BIGINT NOT NULL, conn BIGINT NOT NULL, since TEXT NOT NULL, fw TEXT, cfg BIGINT)
        """,
        """
        CREATE TABLE IF NOT EXISTS devices (
            site TEXT NOT NULL, device TEXT NOT NULL PRIMARY KEY, label TEXT NOT NULL,
            key_protected TEXT NOT NULL, added_by TEXT NOT NULL, added_at TEXT NOT NULL)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS operators (
            id {id}, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, password_hash TEXT NOT NULL,
            role TEXT NOT NULL, disabled BIGINT NOT NULL, created_at TEXT NOT NULL, on_duty_since TEXT)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS audit (
            id {id}, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
            target TEXT NOT NULL, detail TEXT NOT NULL, result TEXT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS calls (
            device TEXT NOT NULL, call_id TEXT NOT NULL, site TEXT NOT NULL, state TEXT NOT NULL,
            pressed_at TEXT NOT NULL, rang_at TEXT, answered_by TEXT, answered_at TEXT,
            visitor_name TEXT, visitor_unit TEXT, visitor_phone TEXT, visitor_reason TEXT,
            decision TEXT, decided_by TEXT, decided_at TEXT, unlock_result TEXT,
            door_opened_at TEXT, door_closed_at TEXT, ended_at TEXT, dealt_by TEXT, dealt_at TEXT,
            PRIMARY KEY (device, call_id))
        """,
        "CREATE INDEX IF NOT EXISTS calls_by_time ON calls (pressed_at)",
        $"""
        CREATE TABLE IF NOT EXISTS alarms (
            id {id}, site TEXT NOT NULL, device TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
            origin TEXT NOT NULL, detail TEXT NOT NULL, raised_at TEXT NOT NULL, restored_at TEXT,
            acked_by TEXT, acked_at TEXT, ack_note TEXT, ack_result TEXT, cleared_at TEXT)
        """,
        // Assessment (issue 14): every birth and will as it counted, for availability over a month
        // (device_status keeps only the latest), and the estate's patrol plans.
        """
        CREATE TABLE IF NOT EXISTS presence (
            device TEXT NOT NULL, online BIGINT NOT NULL, boot BIGINT NOT NULL, conn BIGINT NOT NULL, at TEXT NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS presence_by_time ON presence (at)",
        $"""
        CREATE TABLE IF NOT EXISTS patrol_plans (
            id {id}, name TEXT NOT NULL UNIQUE, points TEXT NOT NULL, window_start TEXT NOT NULL, window_end TEXT NOT NULL,
            rounds BIGINT NOT NULL, late_minutes BIGINT NOT NULL, monthly_minimum BIGINT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL)
        """,
    ];
}
