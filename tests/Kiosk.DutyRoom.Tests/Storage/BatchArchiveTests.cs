using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Tests.Support;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Storage;

/// <summary>
/// The batched archive (issue 16) on SQLite and PostgreSQL: one transaction per batch keeps every
/// (device, boot, seq) once, says which messages were new, refuses a malformed one without losing
/// the rest of its batch, and writes the same rows as the one-by-one path.
/// </summary>
public sealed class BatchArchiveTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void On_sqlite()
    {
        using var db = TestStores.Sqlite();
        A_batch_keeps_each_event_once_and_says_which_were_new(db.Stores);
        using var big = TestStores.Sqlite();
        A_batch_larger_than_one_statement_is_archived_whole(big.Stores);
    }

    [PostgresFact]
    public void On_postgres()
    {
        using var db = TestStores.Postgres();
        A_batch_keeps_each_event_once_and_says_which_were_new(db.Stores);
        using var big = TestStores.Postgres();
        A_batch_larger_than_one_statement_is_archived_whole(big.Stores);
    }

    private static IncomingMessage Event(string device, long seq, string type = "patrol", string? name = null) => new(
        $"kiosk/v1/maple-court/{device}/events",
        Encoding.UTF8.GetBytes($"{{\"v\":1,\"site\":\"maple-court\",\"dev\":\"{device}\",\"boot\":3,\"seq\":{seq},\"ts\":\"2026-11-24T21:00:{seq % 60:00}.000Z\"," +
            $"\"synced\":true,\"type\":\"{type}\",\"code\":2,{(name is null ? "" : $"\"name\":\"{name}\",")}\"src\":\"东门巡更点\",\"detail\":\"check-in\"}}"),
        Now);

    private static void A_batch_keeps_each_event_once_and_says_which_were_new(Stores s)
    {
        Assert.Equal(IngestResult.Stored, s.Archive.Ingest(Event("main-gate", 1).Topic, Event("main-gate", 1).Payload, Now));
        var batch = new List<IncomingMessage>
        {
            Event("main-gate", 1), // archived before: a redelivery
            Event("main-gate", 2),
            Event("main-gate", 2), // twice in the same batch
            new("kiosk/v1/maple-court/main-gate/events", Encoding.UTF8.GetBytes("{\"v\":1,\"dev\":\"side-gate\"}"), Now),
            new("kiosk/v1/maple-court/main-gate/events", Encoding.UTF8.GetBytes("not json"), Now),
            Event("side-gate", 7, "door", "OPEN_AUTHORISED"),
            new("kiosk/v1/maple-court/main-gate/status", Encoding.UTF8.GetBytes(
                "{\"v\":1,\"dev\":\"main-gate\",\"state\":\"online\",\"boot\":3,\"conn\":1,\"ts\":\"2026-11-24T21:00:00.000Z\",\"fw\":\"0.6.0\",\"cfg\":1}"), Now),
        };

        var outcome = s.Archive.IngestBatch(batch);

        Assert.Equal([IngestResult.Duplicate, IngestResult.Stored, IngestResult.Duplicate, IngestResult.Rejected, IngestResult.Rejected, IngestResult.Stored, IngestResult.Stored],
            outcome.Results);
        Assert.Contains("does not match the topic", outcome.Rejections[3], StringComparison.Ordinal);
        Assert.NotNull(outcome.Rejections[4]);
        Assert.Null(outcome.Rejections[1]);
        Assert.True(s.Archive.Status("main-gate")!.Online);
        var rows = s.Archive.Query();
        Assert.Equal(3, rows.Count);
        var door = rows.Single(e => e.Device == "side-gate");
        Assert.Equal(("door", "OPEN_AUTHORISED", "东门巡更点", 7L), (door.Type, door.Name, door.Source, door.Seq));
        Assert.Null(rows.Single(e => e.Device == "main-gate" && e.Seq == 2).Name);

        // The whole batch again (a reconnect's redelivery): nothing new.
        Assert.DoesNotContain(IngestResult.Stored, s.Archive.IngestBatch(batch.Where(m => m.Topic.EndsWith("/events", StringComparison.Ordinal)).ToList()).Results);
        Assert.Equal(3, s.Archive.Query().Count);
    }

    private static void A_batch_larger_than_one_statement_is_archived_whole(Stores s)
    {
        // 1,000 boards' worth across statement boundaries, in an order that is not the key order.
        var batch = Enumerable.Range(0, 2 * EventArchive.RowsPerStatement + 37)
            .Select(i => Event("door-" + (i % 13).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), 1000 - i))
            .ToList();

        var outcome = s.Archive.IngestBatch(batch);

        Assert.All(outcome.Results, r => Assert.Equal(IngestResult.Stored, r));
        Assert.Equal(batch.Count, s.Db.Scalar("SELECT COUNT(*) FROM events"));
        Assert.All(s.Archive.IngestBatch(batch).Results, r => Assert.Equal(IngestResult.Duplicate, r));
    }
}
