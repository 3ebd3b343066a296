using System;
using System.Text;
using System.Linq;
using Kiosk.Core.Events;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Events;

public sealed class EventStoreTests
{
    private readonly MemoryStorage _storage = new();

    private static EventRecord Record(int code, string source = "test") => new()
    {
        BootId = 7, UnixMillis = 1_795_000_000_000 + code, TimeSynced = true, Type = EventType.Patrol, Code = code, Source = source, Detail = "d" + code,
    };

    private EventStore Open(int capacity = 1000)
    {
        var store = new EventStore(_storage, capacity);
        store.Open();
        return store;
    }

    [Fact]
    public void Records_come_back_exactly_as_written()
    {
        var store = Open();
        var written = Record(42, "a-source-that-is-far-too-long-for-a-slot");

        var seq = store.Append(written);
        var read = new EventRecord();

        Assert.True(store.TryRead(seq, read));
        Assert.Equal(1, read.Sequence);
        Assert.Equal(7, read.BootId);
        Assert.Equal(written.UnixMillis, read.UnixMillis);
        Assert.True(read.TimeSynced);
        Assert.Equal(EventType.Patrol, read.Type);
        Assert.Equal(42, read.Code);
        Assert.Equal("a-source-that-is-far-too", read.Source);
        Assert.Equal("d42", read.Detail);
    }

    [Theory]
    // 24 bytes of source: eight three-byte characters fit exactly; a ninth is cut whole, never halved.
    [InlineData("东门岗亭东门岗亭", "东门岗亭东门岗亭")]
    [InlineData("东门岗亭东门岗亭东", "东门岗亭东门岗亭")]
    [InlineData("a东门岗亭东门岗亭", "a东门岗亭东门岗")] // 1 + 21 bytes; the next character would need 25
    [InlineData("🚪🚪🚪🚪🚪🚪🚪", "🚪🚪🚪🚪🚪🚪")] // four bytes each: six fit, the seventh pair is not split
    [InlineData("ab\u0007c", "ab?c")]
    public void Names_are_kept_as_utf8_cut_at_a_character_boundary(string source, string kept)
    {
        var store = Open();
        var written = Record(1, source);
        written.Detail = "访客李明已登记，车牌苏E·12345，来访3栋2单元";

        var read = new EventRecord();
        Assert.True(store.TryRead(store.Append(written), read));

        Assert.Equal(kept, read.Source);
        Assert.True(Encoding.UTF8.GetByteCount(read.Detail) <= EventRecord.MaxDetailLength);
        Assert.StartsWith(read.Detail, written.Detail, StringComparison.Ordinal);
        Assert.Equal("访客李明已登记，车牌苏E·1234", read.Detail); // exactly 40 bytes
    }

    [Fact]
    public void A_torn_write_of_a_chinese_record_loses_only_that_record()
    {
        var store = Open();
        for (var i = 1; i <= 5; i++)
            store.Append(Record(i, "东门岗亭门磁" + i));

        _storage.TearNextWriteAfter(30, EventStore.BlobName); // inside the source's UTF-8
        Assert.Throws<PowerLossException>(() => store.Append(Record(6, "东门岗亭门磁6")));

        var reopened = Open();
        var r = new EventRecord();
        Assert.Equal(5, reopened.LastSequence);
        Assert.Equal(1, reopened.TornSlotsFound);
        Assert.True(reopened.TryRead(5, r));
        Assert.Equal("东门岗亭门磁5", r.Source);
    }

    [Fact]
    public void Twenty_five_hundred_events_wrap_a_thousand_slot_ring_and_survive_reboot_in_order()
    {
        var store = Open(1000);
        for (var i = 1; i <= 2500; i++)
            store.Append(Record(i % 30000));

        var reopened = Open(1000);

        Assert.Equal(2500, reopened.LastSequence);
        Assert.Equal(1501, reopened.OldestSequence);
        var r = new EventRecord();
        Assert.False(reopened.TryRead(1500, r));
        var sequences = Enumerable.Range(1501, 1000).Select(s => reopened.TryRead(s, r) ? r.Sequence : -1).ToList();
        Assert.Equal(Enumerable.Range(1501, 1000).Select(s => (long)s), sequences);
        Assert.Equal(2501, reopened.Append(Record(1)));
    }

    [Fact]
    public void Power_lost_mid_write_loses_only_the_record_being_written()
    {
        var store = Open();
        for (var i = 1; i <= 10; i++)
            store.Append(Record(i));

        _storage.TearNextWriteAfter(40, EventStore.BlobName);
        Assert.Throws<PowerLossException>(() => store.Append(Record(11)));

        var reopened = Open();
        Assert.Equal(10, reopened.LastSequence);
        Assert.Equal(1, reopened.TornSlotsFound);
        var r = new EventRecord();
        Assert.All(Enumerable.Range(1, 10), s => Assert.True(reopened.TryRead(s, r)));
        Assert.Equal(11, reopened.Append(Record(11)));
        Assert.True(reopened.TryRead(11, r));
        Assert.Equal(11, r.Code);
    }

    [Fact]
    public void A_torn_overwrite_of_the_oldest_slot_after_wrap_keeps_the_rest()
    {
        var store = Open(1000);
        for (var i = 1; i <= 1000; i++)
            store.Append(Record(i));

        _storage.TearNextWriteAfter(10, EventStore.BlobName);
        Assert.Throws<PowerLossException>(() => store.Append(Record(1001)));

        var reopened = Open(1000);
        Assert.Equal(1000, reopened.LastSequence);
        var r = new EventRecord();
        Assert.False(reopened.TryRead(1, r)); // the slot being overwritten
        Assert.True(reopened.TryRead(2, r));
        Assert.True(reopened.TryRead(1000, r));
    }

    [Fact]
    public void Delivery_marks_survive_reboot_and_a_torn_mark_write()
    {
        var store = Open();
        for (var i = 1; i <= 20; i++)
            store.Append(Record(i));
        store.MarkDelivered(12);
        _storage.TearNextWriteAfter(3, EventStore.DeliveredBlobName);
        Assert.Throws<PowerLossException>(() => store.MarkDelivered(15));

        var reopened = Open();

        Assert.Equal(12, reopened.DeliveredThrough);
        Assert.Equal(8, reopened.Undelivered);
        reopened.MarkDelivered(10); // never backwards
        Assert.Equal(12, reopened.DeliveredThrough);
    }

    [Fact]
    public void The_log_warns_when_undelivered_events_nearly_fill_the_ring_and_when_it_overwrites_them()
    {
        var clock = new Core.Loop.VirtualClock(new System.DateTime(2026, 11, 24, 0, 0, 0, System.DateTimeKind.Utc), synced: false);
        var store = Open(1000);
        var log = new EventLog(store, clock, 3);

        for (var i = 0; i < 1100; i++)
            log.Record(EventType.Patrol, 0, "guard", "");

        var r = new EventRecord();
        var warnings = Enumerable.Range((int)store.OldestSequence, 1000)
            .Where(s => store.TryRead(s, r) && r.Type == EventType.StoreWarning)
            .Select(s => { store.TryRead(s, r); return (r.Code, r.Detail); })
            .ToList();
        Assert.Contains(warnings, w => w.Code == 2 && w.Detail.StartsWith("overwrote undelivered", System.StringComparison.Ordinal));
        Assert.True(store.OverwrittenUndelivered > 0);
        Assert.False(r.TimeSynced);
    }

    [Fact]
    public void The_nearly_full_warning_comes_once_per_episode()
    {
        var store = Open(1000);
        for (var i = 0; i < 899; i++)
            store.Append(Record(1));
        Assert.False(store.TakeNearlyFullWarning());

        store.Append(Record(1));
        Assert.True(store.TakeNearlyFullWarning());
        store.Append(Record(1));
        Assert.False(store.TakeNearlyFullWarning());

        store.MarkDelivered(store.LastSequence);
        Assert.False(store.TakeNearlyFullWarning());
        for (var i = 0; i < 900; i++)
            store.Append(Record(1));
        Assert.True(store.TakeNearlyFullWarning());
    }

    [Fact]
    public void An_empty_or_garbage_blob_opens_as_an_empty_store()
    {
        _storage.Write(EventStore.BlobName, 0, Enumerable.Repeat((byte)0x5A, 96 * 3).ToArray(), 0, 96 * 3);

        var store = Open();

        Assert.Equal(0, store.LastSequence);
        Assert.Equal(3, store.TornSlotsFound);
        Assert.Equal(1, store.Append(Record(1)));
    }

    [Fact]
    public void Under_pressure_a_routine_record_is_counted_not_written_and_a_door_record_still_is()
    {
        var store = Open(1000);
        for (var i = 1; i <= 900; i++)
            store.Append(new EventRecord { Type = EventType.DoorState, Code = 5, Source = "forced", Detail = "d" });
        Assert.True(store.UnderPressure);

        var refused = store.Append(new EventRecord { Type = EventType.Command, Code = 4, Source = "mqtt", Detail = "unlock: bad mac" });
        var door = store.Append(new EventRecord { Type = EventType.DoorState, Code = 1, Source = "close", Detail = "d" });

        Assert.Equal(0, refused);
        Assert.Equal(901, door);
        Assert.Equal(1, store.DroppedRoutine);
        store.MarkDelivered(900);
        Assert.False(store.UnderPressure);
        Assert.Equal(902, store.Append(new EventRecord { Type = EventType.Command, Code = 4, Source = "mqtt", Detail = "after" }));
    }

    [Theory]
    [InlineData(EventType.Command, 0, false)] // an accepted unlock: an access record
    [InlineData(EventType.Command, 1, false)] // an authentic command refused (lock-down)
    [InlineData(EventType.Command, 4, true)]  // a bad signature: anyone can send those
    [InlineData(EventType.Command, 7, true)]
    [InlineData(EventType.DoorState, 5, false)]
    [InlineData(EventType.AlarmRaised, 1, false)]
    [InlineData(EventType.Call, 1, false)]
    [InlineData(EventType.Patrol, 3, false)]
    [InlineData(EventType.LightingReport, 1, false)]
    [InlineData(EventType.Link, 5, true)]
    [InlineData(EventType.RefusalSummary, 100, true)]
    public void What_may_give_way_under_pressure(EventType type, int code, bool routine)
    {
        Assert.Equal(routine, Retention.IsRoutine(type, code));
    }
}
