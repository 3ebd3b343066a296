using System.Linq;
using Kiosk.Core.Access;
using Kiosk.HostSim.Simulation;
using Xunit;

namespace Kiosk.Core.Tests.Access;

public sealed class AllowListTests
{
    private readonly MemoryStorage _storage = new();

    [Fact]
    public void Ten_thousand_credentials_are_found_by_binary_search_with_a_handful_of_reads()
    {
        var entries = Enumerable.Range(1, 10_000).Select(i => AccessLists.Card26((uint)i, i % 256, i)).ToList();
        var list = AccessLists.Write(_storage, 7, entries);
        var reopened = new AllowList(_storage);
        reopened.Open();
        var found = new AccessEntry();

        var readsBefore = _storage.Reads;
        Assert.True(reopened.Find(entries[4321].Hash, found));
        var reads = _storage.Reads - readsBefore;

        Assert.Equal(7u, reopened.Version);
        Assert.Equal(10_000, reopened.Count);
        Assert.Equal(4322u, found.Id);
        Assert.InRange(reads, 1, 14); // ⌈log2 10,000⌉ = 14 probes of 28 bytes, nothing loaded
        Assert.False(reopened.Find(AccessLists.Card26(0, 1, 65535).Hash, found));
        Assert.Equal(list.Count, reopened.Count);
    }

    [Fact]
    public void Records_must_come_in_hash_order()
    {
        var list = new AllowList(_storage);
        list.Open();
        var writer = new AllowListWriter(_storage, list);
        var bytes = AccessLists.Sorted(new[] { AccessLists.Card26(1, 1, 1), AccessLists.Card26(2, 1, 2) });
        writer.Begin(1, new byte[AccessSchedule.TableSize]);

        Assert.Null(writer.Append(bytes, AccessEntry.Size));
        Assert.Equal("records out of order (each hash must be above the one before)", writer.Append(bytes, 0));
    }

    [Fact]
    public void Power_lost_while_a_new_list_is_written_keeps_the_old_one_in_force()
    {
        var old = Enumerable.Range(1, 100).Select(i => AccessLists.Card26((uint)i, 1, i)).ToList();
        var list = AccessLists.Write(_storage, 1, old);
        var writer = new AllowListWriter(_storage, list);
        writer.Begin(2, new byte[AccessSchedule.TableSize]);
        var bytes = AccessLists.Sorted(Enumerable.Range(500, 40).Select(i => AccessLists.Card26((uint)i, 2, i)));
        for (var at = 0; at < bytes.Length; at += AccessEntry.Size)
            writer.Append(bytes, at);

        _storage.TearNextWriteAfter(10); // the power goes as the header is written
        Assert.Throws<PowerLossException>(() => writer.Commit());

        var reopened = new AllowList(_storage);
        reopened.Open();
        Assert.Equal(1u, reopened.Version);
        Assert.True(reopened.Find(old[50].Hash, new AccessEntry()));
    }

    [Fact]
    public void A_copy_whose_body_was_damaged_is_not_used()
    {
        AccessLists.Write(_storage, 1, new[] { AccessLists.Card26(1, 1, 1) });
        var list = AccessLists.Write(_storage, 2, new[] { AccessLists.Card26(2, 2, 2) });
        var damaged = list.ActiveBlob!;
        _storage.Write(damaged, AllowList.RecordsAt + 3, new byte[] { 0xFF }, 0, 1);

        var reopened = new AllowList(_storage);
        reopened.Open();

        Assert.Equal(1u, reopened.Version);
        Assert.NotEqual(damaged, reopened.ActiveBlob);
    }

    [Fact]
    public void A_board_with_no_list_opens_empty_and_finds_nothing()
    {
        var list = new AllowList(_storage);
        list.Open();

        Assert.Equal(0u, list.Version);
        Assert.False(list.Find(new byte[8], new AccessEntry()));
    }

    [Theory]
    [InlineData(0, 7 * 60, true)]     // Monday 07:00
    [InlineData(0, 6 * 60 + 59, false)]
    [InlineData(4, 21 * 60 + 59, true)] // Friday 21:59
    [InlineData(4, 22 * 60, false)]
    [InlineData(5, 12 * 60, false)]   // Saturday
    public void A_weekly_schedule_allows_its_half_hours(int day, int minute, bool allowed)
    {
        Assert.Equal(allowed, AccessSchedule.Allows(AccessLists.WeekdayDaytime(), 1, day, minute));
        Assert.True(AccessSchedule.Allows(AccessLists.WeekdayDaytime(), 0, day, minute));
    }
}
