using System;
using Kiosk.Core.Events;
using Xunit;

namespace Kiosk.Core.Tests.Events;

/// <summary>
/// Reading records into one scratch record (what the outbox does per event) reuses the strings of
/// names it has just read: the board's heap gets no new string per event for "gate-checkpoint".
/// </summary>
public sealed class RecordDecodeTests
{
    private static byte[] Slot(long seq, string source, string detail)
    {
        var slot = new byte[EventRecordCodec.SlotSize];
        EventRecordCodec.Encode(new EventRecord { Sequence = seq, BootId = 3, UnixMillis = 1795000000123, Type = EventType.Patrol, Source = source, Detail = detail }, slot);
        return slot;
    }

    [Fact]
    public void The_same_names_read_again_are_the_same_strings_and_read_without_allocating()
    {
        var first = Slot(1, "gate-checkpoint", "check-in");
        var second = Slot(2, "gate-checkpoint", "check-in");
        var record = new EventRecord();
        Assert.True(EventRecordCodec.Decode(first, record));
        var source = record.Source;
        var detail = record.Detail;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            Assert.True(EventRecordCodec.Decode(i % 2 == 0 ? second : first, record));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(source, record.Source);
        Assert.Same(detail, record.Detail);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Other_names_are_read_as_written_in_Chinese_too_and_a_field_set_meanwhile_is_never_mistaken_for_the_cache()
    {
        var record = new EventRecord();
        Assert.True(EventRecordCodec.Decode(Slot(1, "东门岗亭", "门已打开"), record));
        Assert.Equal("东门岗亭", record.Source);
        Assert.Equal("门已打开", record.Detail);

        Assert.True(EventRecordCodec.Decode(Slot(2, "gate-checkpoint", ""), record));
        Assert.Equal("gate-checkpoint", record.Source);
        Assert.Equal("", record.Detail);

        // The caller reuses the record for something else; the next decode of the old bytes must
        // still give the slot's text, not whatever the field holds.
        record.Source = "call-1";
        Assert.True(EventRecordCodec.Decode(Slot(3, "gate-checkpoint", "check-in"), record));
        Assert.Equal("gate-checkpoint", record.Source);
        Assert.Equal("check-in", record.Detail);

        // Same length, other bytes.
        Assert.True(EventRecordCodec.Decode(Slot(4, "gate-checkpoinX", "check-up"), record));
        Assert.Equal("gate-checkpoinX", record.Source);
        Assert.Equal("check-up", record.Detail);
    }
}
