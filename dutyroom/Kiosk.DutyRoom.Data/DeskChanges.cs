using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// Scale-out: hears, through PostgreSQL's LISTEN/NOTIFY, every change another console (or this one)
/// makes to a call or an alarm, as the tables' triggers announce it (Schema). Which operator holds a call
/// is decided by the database (CallStore.Claim's conditional UPDATE); this only tells every console
/// to look again, so a call answered on one stops ringing on all. Nothing on SQLite (one console).
/// </summary>
public sealed class DeskChanges(ConsoleDb db)
{
    public const string Channel = "kiosk_desk";

    /// <summary>Whether there is anything to listen to (PostgreSQL).</summary>
    public bool Available => db.Provider == DbProvider.Postgres;

    /// <summary>
    /// Listens until <paramref name="stop"/>; calls <paramref name="changed"/> with (device, call id or "alarm-ID") for
    /// each change in this console's schema, and with nulls after every (re)connect, when changes may
    /// have been missed. A lost connection is retried every 2 s.
    /// </summary>
    public async Task ListenAsync(Action<string?, string?> changed, CancellationToken stop)
    {
        if (!Available)
            return;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(db.ConnectionString);
                await connection.OpenAsync(stop);
                string schema;
                await using (var ask = new NpgsqlCommand("SELECT current_schema()", connection))
                    schema = (string)(await ask.ExecuteScalarAsync(stop))!;
                connection.Notification += (_, n) =>
                {
                    var parts = n.Payload.Split('/', 3);
                    if (parts.Length == 3 && parts[0] == schema)
                        changed(parts[1], parts[2]);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stop);
                changed(null, null);
                while (!stop.IsCancellationRequested)
                    await connection.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
