using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Text;
using System.Text.Json;

namespace Kiosk.DutyRoom.Data;

/// <summary>One MQTT message as the console received it, waiting to be archived.</summary>
public readonly record struct IncomingMessage(string Topic, byte[] Payload, DateTimeOffset ReceivedAt);

/// <summary>What became of each message of a batch, in the batch's order; the reason where one was rejected.</summary>
public sealed class BatchOutcome(IngestResult[] results, string?[] rejections)
{
    public IReadOnlyList<IngestResult> Results { get; } = results;
    public IReadOnlyList<string?> Rejections { get; } = rejections;
}

public sealed partial class EventArchive
{
    /// <summary>Rows per INSERT on PostgreSQL: 200 × 12 parameters, far below its 65,535; a round trip carries 200 rows.</summary>
    public const int RowsPerStatement = 200;

    /// <summary>
    /// Archives many messages in one transaction: events as INSERT … ON CONFLICT DO NOTHING (on
    /// PostgreSQL multi-row, RETURNING the keys that were new; on SQLite one prepared row at a time,
    /// counting rows affected), so each (device, boot, seq) is Stored once however often
    /// at-least-once delivery brings it, also when two consoles insert the same event at the same
    /// moment (the database's unique key decides, not this process). Rows go in key order, so two
    /// consoles' overlapping batches take their row locks in the same order and cannot deadlock.
    /// Status messages take the single path (they are few and compare with what is on record).
    /// </summary>
    public BatchOutcome IngestBatch(IReadOnlyList<IncomingMessage> batch)
    {
        var results = new IngestResult[batch.Count];
        var rejections = new string?[batch.Count];
        var rows = new List<(int Index, EventRow Row)>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var (topic, payload, receivedAt) = batch[i];
            var parts = topic.Split('/');
            if (parts.Length == 5 && parts[0] == "kiosk" && parts[1] == "v1" && parts[4] == "events")
            {
                var row = ParseEvent(parts, payload, receivedAt, out var why);
                if (row is null)
                {
                    results[i] = IngestResult.Rejected;
                    rejections[i] = why;
                }
                else
                    rows.Add((i, row));
                continue;
            }
            results[i] = Ingest(topic, payload, receivedAt);
            if (results[i] == IngestResult.Rejected)
                rejections[i] = LastRejection;
        }
        if (rows.Count == 0)
            return new BatchOutcome(results, rejections);

        var inOrder = rows.ToArray();
        Array.Sort(inOrder, (a, b) => CompareKeys(a.Row, b.Row));
        var stored = WriteRows(inOrder);
        var seen = new HashSet<(string, long, long)>();
        foreach (var (index, row) in rows)
        {
            var key = (row.Device, row.Boot, row.Seq);
            // The same event twice in one batch: the first counts, the second is the duplicate it is.
            results[index] = stored.Contains(key) && seen.Add(key) ? IngestResult.Stored : IngestResult.Duplicate;
        }
        return new BatchOutcome(results, rejections);
    }

    private static EventRow? ParseEvent(string[] parts, byte[] payload, DateTimeOffset receivedAt, out string? why)
    {
        why = null;
        var topic = string.Join('/', parts);
        if (payload.Length > MaxPayloadBytes)
        {
            why = $"{topic}: payload of {payload.Length} bytes";
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            if (root.GetProperty("v").GetInt32() != 1)
                why = $"{topic}: unknown version";
            else if (root.GetProperty("dev").GetString() != parts[3])
                why = $"{topic}: device '{root.GetProperty("dev").GetString()}' does not match the topic";
            else
                return EventRow.From(parts[2], parts[3], root, receivedAt);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            why = $"{topic}: {e.Message}";
        }
        return null;
    }

    private static int CompareKeys(EventRow a, EventRow b)
    {
        var byDevice = string.CompareOrdinal(a.Device, b.Device);
        if (byDevice != 0)
            return byDevice;
        var byBoot = a.Boot.CompareTo(b.Boot);
        return byBoot != 0 ? byBoot : a.Seq.CompareTo(b.Seq);
    }

    /// <summary>One transaction. PostgreSQL: multi-row statements, the full-size one built and prepared once and re-run with new values.</summary>
    private HashSet<(string, long, long)> WriteRows((int Index, EventRow Row)[] rows)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stored = new HashSet<(string, long, long)>();
                using var connection = _db.Connect();
                using var transaction = connection.BeginTransaction();
                if (_db.Provider == DbProvider.Sqlite)
                {
                    WriteRowByRow(connection, transaction, rows, stored);
                    transaction.Commit();
                    return stored;
                }
                DbCommand? full = null;
                for (var start = 0; start < rows.Length; start += RowsPerStatement)
                {
                    var count = Math.Min(RowsPerStatement, rows.Length - start);
                    DbCommand command;
                    if (count == RowsPerStatement)
                        command = full ??= InsertCommand(connection, transaction, count);
                    else
                        command = InsertCommand(connection, transaction, count);
                    var args = new (string Name, object? Value)[EventRow.ParameterCount(count)];
                    for (var r = 0; r < count; r++)
                        rows[start + r].Row.Fill(args, r * 12, r);
                    for (var p = 0; p < args.Length; p++)
                        command.Parameters[p].Value = args[p].Value ?? DBNull.Value;
                    using (var reader = command.ExecuteReader())
                    {
                        while (reader.Read())
                            stored.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
                    }
                    if (command != full)
                        command.Dispose();
                }
                full?.Dispose();
                transaction.Commit();
                return stored;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState is "40P01" or "40001" && attempt < 3)
            {
                // A deadlock or serialization failure with another console: nothing was committed; try again.
            }
        }
    }

    /// <summary>
    /// SQLite: one prepared single-row INSERT re-run for every row of the transaction. SQLite runs in
    /// this process, so a statement per row costs no round trip, while a 2,400-parameter statement
    /// costs SQLite a linear search per parameter name on every bind.
    /// </summary>
    private static void WriteRowByRow(DbConnection connection, DbTransaction transaction, (int Index, EventRow Row)[] rows, HashSet<(string, long, long)> stored)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO events ({EventRow.Columns}) VALUES {EventRow.Placeholders(0)} ON CONFLICT DO NOTHING";
        var args = rows[0].Row.Parameters(0);
        foreach (var (name, _) in args)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            command.Parameters.Add(p);
        }
        command.Prepare();
        foreach (var (_, row) in rows)
        {
            row.Fill(args, 0, 0);
            for (var p = 0; p < args.Length; p++)
                command.Parameters[p].Value = args[p].Value ?? DBNull.Value;
            if (command.ExecuteNonQuery() == 1)
                stored.Add((row.Device, row.Boot, row.Seq));
        }
    }

    private DbCommand InsertCommand(DbConnection connection, DbTransaction transaction, int rows)
    {
        var sql = new StringBuilder("INSERT INTO events (").Append(EventRow.Columns).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
            sql.Append(r == 0 ? "" : ", ").Append(EventRow.Placeholders(r));
        sql.Append(" ON CONFLICT DO NOTHING RETURNING device, boot, seq");
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql.ToString();
        var names = new (string Name, object? Value)[EventRow.ParameterCount(rows)];
        var blank = new EventRow("", "", 0, 0, "", 0, "", 0, "", "", "", "");
        for (var r = 0; r < rows; r++)
            blank.Fill(names, r * 12, r);
        foreach (var (name, _) in names)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            var number = name.StartsWith("@boot", StringComparison.Ordinal) || name.StartsWith("@seq", StringComparison.Ordinal)
                || name.StartsWith("@synced", StringComparison.Ordinal) || name.StartsWith("@code", StringComparison.Ordinal);
            // Typed up front: a prepared statement keeps its types when a value is later DBNull (an event without a name).
            p.DbType = number ? System.Data.DbType.Int64 : System.Data.DbType.String;
            p.Value = number ? 0L : "";
            command.Parameters.Add(p);
        }
        if (_db.Provider == DbProvider.Postgres)
            command.Prepare();
        return command;
    }
}
