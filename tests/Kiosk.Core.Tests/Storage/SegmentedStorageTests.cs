using System;
using System.Linq;
using Kiosk.Core.Events;
using Kiosk.Core.Storage;
using Kiosk.HostSim.Simulation;
using Xunit;

namespace Kiosk.Core.Tests.Storage;

/// <summary>
/// The event ring kept as segment files of one flash block (the device's LittleFS rewrites a file
/// from a modified block to its end): the same bytes as one whole blob under any writes, each
/// record's write one file of at most a block, and a ring left whole by earlier firmware moved
/// across without losing a record, even when the move is cut short.
/// </summary>
public sealed class SegmentedStorageTests
{
    private const string Ring = EventStore.BlobName;
    private readonly MemoryStorage _files = new();

    private SegmentedStorage Segmented() => SegmentedStorage.ForEventRing(_files);

    private static EventRecord Record(int code) => new()
    {
        BootId = 3, UnixMillis = 1_795_000_000_000 + code, TimeSynced = true, Type = EventType.Patrol, Code = code, Source = "东门岗亭", Detail = "巡更 " + code,
    };

    [Fact]
    public void A_segment_is_the_most_whole_slots_one_flash_block_holds()
    {
        var storage = Segmented();
        Assert.Equal(42 * EventRecordCodec.SlotSize, storage.SegmentBytes); // 4032 of 4096 bytes
        Assert.Equal("events.ring@3", storage.SegmentName(3));
    }

    [Fact]
    public void Any_writes_read_back_as_from_one_whole_blob()
    {
        // A model check: the same random writes (slots, spans across segment ends, writes past the end) to both.
        var whole = new MemoryStorage();
        var storage = Segmented();
        var random = new Random(17);
        for (var i = 0; i < 400; i++)
        {
            var position = random.Next(0, 30_000);
            var bytes = new byte[random.Next(1, 9_000)];
            random.NextBytes(bytes);
            whole.Write(Ring, position, bytes, 0, bytes.Length);
            storage.Write(Ring, position, bytes, 0, bytes.Length);
            Assert.Equal(whole.Length(Ring), storage.Length(Ring));
            var from = random.Next(0, whole.Length(Ring) + 100);
            var count = random.Next(0, 10_000);
            var expected = new byte[count];
            var actual = new byte[count];
            Assert.Equal(whole.Read(Ring, from, expected, 0, count), storage.Read(Ring, from, actual, 0, count));
            Assert.Equal(expected, actual);
        }
        // A fresh instance over the same files (the board after a restart) finds the same blob.
        var again = Segmented();
        Assert.Equal(whole.Length(Ring), again.Length(Ring));
        var all = new byte[whole.Length(Ring)];
        var allAgain = new byte[all.Length];
        whole.Read(Ring, 0, all, 0, all.Length);
        Assert.Equal(all.Length, again.Read(Ring, 0, allAgain, 0, allAgain.Length));
        Assert.Equal(all, allAgain);
        Assert.Equal(-1, _files.Length(Ring)); // never one whole file
    }

    [Fact]
    public void Each_event_is_one_write_to_one_file_of_at_most_a_block_after_the_ring_wraps()
    {
        var store = new EventStore(Segmented(), 1024);
        store.Open();
        for (var i = 0; i < 1024; i++)
            store.Append(Record(i)); // the first pass fills the ring
        var writes = _files.Writes;
        for (var i = 0; i < 500; i++)
            store.Append(Record(2000 + i)); // and now every slot is rewritten in the middle

        Assert.Equal(500, _files.Writes - writes);
        var segments = Enumerable.Range(0, 100).Select(i => _files.Length(Ring + "@" + i)).TakeWhile(l => l >= 0).ToList();
        Assert.Equal(25, segments.Count); // 1024 slots of 96 bytes in 4032-byte segments
        Assert.All(segments, length => Assert.InRange(length, 1, SegmentedStorage.FlashBlockBytes));
        Assert.Equal(-1, _files.Length(Ring));
    }

    [Fact]
    public void Writing_and_reading_the_ring_makes_a_segment_name_only_when_it_moves_to_another_segment()
    {
        // Against the same events through one whole blob: what the records and their decoding allocate is the same in both.
        var whole = PerEvent(new MemoryStorage());
        var segmented = PerEvent(Segmented());

        // Ten segments crossed: ten names of about 60 bytes, not one per write and read (120 B or more per event).
        Assert.InRange(segmented - whole, 0, 4);
    }

    /// <summary>Bytes allocated per event appended and read back (as the outbox does) once the ring has wrapped.</summary>
    private static double PerEvent(Kiosk.Core.Ports.IStorage storage)
    {
        var store = new EventStore(storage, 1024);
        store.Open();
        for (var i = 0; i < 1100; i++)
            store.Append(Record(i));
        var records = Enumerable.Range(0, 420).Select(i => Record(5000 + i)).ToArray();
        var read = new EventRecord();
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var record in records)
            store.TryRead(store.Append(record), read);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / 420.0;
    }

    [Fact]
    public void The_ring_reopens_with_every_record_after_wrapping()
    {
        var store = new EventStore(Segmented(), 1024);
        store.Open();
        for (var i = 0; i < 3000; i++)
            store.Append(Record(i));

        var reopened = new EventStore(Segmented(), 1024);
        Assert.Equal(1024, reopened.Open());
        Assert.Equal(3000, reopened.LastSequence);
        var read = new EventRecord();
        Assert.True(reopened.TryRead(3000 - 1023, read));
        Assert.Equal(3000 - 1024, read.Code); // code i was sequence i + 1
        Assert.Equal("东门岗亭", read.Source);
        Assert.False(reopened.TryRead(3000 - 1024, read)); // overwritten, as in one whole blob
    }

    [Fact]
    public void A_ring_left_whole_by_earlier_firmware_is_moved_into_segments_and_keeps_every_record()
    {
        var old = new EventStore(_files, 1024); // the firmware before: one file
        old.Open();
        for (var i = 0; i < 1500; i++)
            old.Append(Record(i));
        Assert.True(_files.Length(Ring) > 0);

        var store = new EventStore(Segmented(), 1024);
        Assert.Equal(1024, store.Open());
        Assert.Equal(1500, store.LastSequence);
        Assert.Equal(-1, _files.Length(Ring)); // the whole file is gone once copied
        Assert.True(_files.Length(Ring + "@0") > 0);
        store.Append(Record(9999));
        var read = new EventRecord();
        Assert.True(store.TryRead(1501, read));
        Assert.Equal(9999, read.Code);
    }

    [Fact]
    public void A_move_cut_short_by_power_loss_is_done_again_from_the_whole_file()
    {
        var old = new EventStore(_files, 1024);
        old.Open();
        for (var i = 0; i < 700; i++)
            old.Append(Record(i));
        var before = new byte[_files.Length(Ring)];
        _files.Read(Ring, 0, before, 0, before.Length);

        _files.TearNextWriteAfter(100, Ring + "@5"); // power fails while the sixth segment is copied
        Assert.Throws<PowerLossException>(() => new EventStore(Segmented(), 1024).Open());
        Assert.True(_files.Length(Ring) > 0); // the whole file is still there

        var store = new EventStore(Segmented(), 1024);
        Assert.Equal(700, store.Open());
        var after = new byte[before.Length];
        var segmented = Segmented();
        Assert.Equal(before.Length, segmented.Read(Ring, 0, after, 0, after.Length));
        Assert.Equal(before, after);
        Assert.Equal(-1, _files.Length(Ring));
    }

    [Fact]
    public void A_drive_too_full_to_hold_the_ring_twice_keeps_it_whole_and_the_board_still_runs()
    {
        var old = new EventStore(_files, 1024);
        old.Open();
        for (var i = 0; i < 1500; i++)
            old.Append(Record(i));
        var drive = new FullDrive(_files, room: 40_000); // less than the ring's 98,304 bytes: the copy runs out of room

        var storage = SegmentedStorage.ForEventRing(drive);
        var store = new EventStore(storage, 1024);
        Assert.Equal(1024, store.Open());
        Assert.True(storage.KeptWhole);
        Assert.Equal(1500, store.LastSequence);
        Assert.Equal(-1, _files.Length(Ring + "@0")); // the partial copy is gone again
        store.Append(Record(7777)); // and it runs on the whole file
        var read = new EventRecord();
        Assert.True(new EventStore(_files, 1024) is var whole && whole.Open() == 1024 && whole.TryRead(1501, read));
        Assert.Equal(7777, read.Code);
    }

    /// <summary>A drive with <c>room</c> bytes left for new files: a write that would pass it fails, as a full LittleFS does.</summary>
    private sealed class FullDrive(MemoryStorage files, int room) : Kiosk.Core.Ports.IStorage
    {
        private int _used;

        public int Length(string name) => files.Length(name);
        public int Read(string name, int position, byte[] buffer, int offset, int count) => files.Read(name, position, buffer, offset, count);
        public void Delete(string name) => files.Delete(name);

        public void Write(string name, int position, byte[] buffer, int offset, int count)
        {
            var grows = Math.Max(0, position + count - Math.Max(0, files.Length(name)));
            if (_used + grows > room)
                throw new System.IO.IOException("no space left on the drive");
            _used += grows;
            files.Write(name, position, buffer, offset, count);
        }
    }

    [Fact]
    public void Other_blobs_pass_through_as_whole_files()
    {
        var storage = Segmented();
        storage.Write("boot.counter", 0, [1, 2, 3, 4], 0, 4);
        storage.Write(EventStore.DeliveredBlobName, 8, [9, 9], 0, 2);

        Assert.Equal(4, _files.Length("boot.counter"));
        Assert.Equal(10, _files.Length(EventStore.DeliveredBlobName));
        storage.Delete("boot.counter");
        Assert.Equal(-1, _files.Length("boot.counter"));
    }

    [Fact]
    public void Deleting_the_ring_removes_every_segment()
    {
        var storage = Segmented();
        storage.Write(Ring, 0, new byte[10_000], 0, 10_000);
        storage.Delete(Ring);

        Assert.Equal(-1, storage.Length(Ring));
        Assert.Equal(-1, _files.Length(Ring + "@0"));
        Assert.Equal(-1, _files.Length(Ring + "@2"));
        Assert.Equal(-1, Segmented().Length(Ring));
    }
}
