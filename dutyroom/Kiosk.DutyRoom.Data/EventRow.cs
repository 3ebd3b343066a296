using System;
using System.Globalization;
using System.Text.Json;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// One event as a row of the events table, read from its JSON once, so the single insert and the
/// batched one write exactly the same columns from the same parsing.
/// </summary>
internal sealed record EventRow(string Site, string Device, long Boot, long Seq, string Ts, long Synced, string Type, long Code,
    string? Name, string Src, string Detail, string ReceivedAt)
{
    public const string Columns = "site, device, boot, seq, ts, synced, type, code, name, src, detail, received_at";
    private const int Width = 12;

    /// <summary>Reads the protocol's event fields (docs/protocol.md, events); throws KeyNotFound/InvalidOperation/Format on a malformed one.</summary>
    public static EventRow From(string site, string device, JsonElement e, DateTimeOffset receivedAt) => new(
        site, device, e.GetProperty("boot").GetInt64(), e.GetProperty("seq").GetInt64(),
        ConsoleDb.Iso(DateTimeOffset.Parse(e.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture)),
        e.GetProperty("synced").GetBoolean() ? 1L : 0L, e.GetProperty("type").GetString()!, e.GetProperty("code").GetInt32(),
        e.TryGetProperty("name", out var name) ? name.GetString() : null, e.GetProperty("src").GetString()!,
        e.GetProperty("detail").GetString()!, ConsoleDb.Iso(receivedAt));

    /// <summary>"(@site3, @device3, …)": the row's VALUES tuple, numbered so many rows share one statement.</summary>
    public static string Placeholders(int n)
    {
        var i = n.ToString(CultureInfo.InvariantCulture);
        return $"(@site{i}, @device{i}, @boot{i}, @seq{i}, @ts{i}, @synced{i}, @type{i}, @code{i}, @name{i}, @src{i}, @detail{i}, @received{i})";
    }

    public (string Name, object? Value)[] Parameters(int n)
    {
        var args = new (string, object?)[Width];
        Fill(args, 0, n);
        return args;
    }

    public void Fill((string Name, object? Value)[] args, int at, int n)
    {
        var i = n.ToString(CultureInfo.InvariantCulture);
        args[at] = ("@site" + i, Site);
        args[at + 1] = ("@device" + i, Device);
        args[at + 2] = ("@boot" + i, Boot);
        args[at + 3] = ("@seq" + i, Seq);
        args[at + 4] = ("@ts" + i, Ts);
        args[at + 5] = ("@synced" + i, Synced);
        args[at + 6] = ("@type" + i, Type);
        args[at + 7] = ("@code" + i, Code);
        args[at + 8] = ("@name" + i, Name);
        args[at + 9] = ("@src" + i, Src);
        args[at + 10] = ("@detail" + i, Detail);
        args[at + 11] = ("@received" + i, ReceivedAt);
    }

    public static int ParameterCount(int rows) => rows * Width;
}
