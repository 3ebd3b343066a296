using System;
using System.Linq;
using System.Text.Json.Nodes;
using Kiosk.Core.Access;
using Kiosk.Core.Alarms;
using Kiosk.Core.Events;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Access;

/// <summary>A building door with a Wiegand reader and an allow-list on flash, decided with no network.</summary>
public sealed class AccessPointTests
{
    // 2026-11-24 18:00 UTC is Wednesday 02:00 in the estate (UTC+8).
    private static readonly uint Now = (uint)new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static EntranceRig Door(Func<AccessEntry[]> entries, byte[]? schedules = null, Action<JsonObject>? edit = null, bool synced = true)
    {
        var node = SampleConfig.Node();
        node["reader"] = new JsonObject { ["d0"] = 32, ["d1"] = 33, ["groups"] = new JsonArray(3) };
        node["outputs"]!.AsArray().Add(new JsonObject { ["function"] = "readerLed", ["pin"] = 2, ["activeHigh"] = false });
        node["outputs"]!.AsArray().Add(new JsonObject { ["function"] = "readerBeeper", ["pin"] = 15, ["activeHigh"] = false });
        edit?.Invoke(node);
        var clock = new Kiosk.Core.Loop.VirtualClock(new DateTime(2026, 11, 24, 18, 0, 0, DateTimeKind.Utc), synced);
        var rig = new EntranceRig(node.ToJsonString(), beforeBoot: r => AccessLists.Write(r.Storage, 1, entries(), schedules), clock: clock);
        rig.Controller.EnableAccess(AccessLists.Hmac, AccessLists.Key);
        return rig.Settled();
    }

    private static EventRecord LastAccess(EntranceRig rig) => rig.History.Last(e => e.Type == EventType.Access);

    [Fact]
    public void A_card_on_the_list_opens_the_door_and_is_recorded_under_its_credential_id()
    {
        var rig = Door(() => new[] { AccessLists.Card26(501, 12, 3456, groups: 1u << 2) });

        rig.Pins.Reader!.Swipe26(12, 3456);
        rig.Run(200);

        Assert.True(rig.LockPinReleased);
        var e = LastAccess(rig);
        Assert.Equal((int)AccessResult.Granted, e.Code);
        Assert.Equal("cred:501", e.Source);
        Assert.True(rig.Controller.Access!.Feedback.LedOn);
    }

    [Fact]
    public void An_unknown_card_is_refused_and_recorded_by_its_keyed_hash_never_its_number()
    {
        var rig = Door(() => new[] { AccessLists.Card26(501, 12, 3456, groups: 4) });

        rig.Pins.Reader!.Swipe26(12, 3457);
        rig.Run(200);

        Assert.False(rig.LockPinReleased);
        var e = LastAccess(rig);
        Assert.Equal((int)AccessResult.Unknown, e.Code);
        Assert.Matches("^card:[0-9a-f]{8}$", e.Source);
        Assert.DoesNotContain("3457", e.Source + e.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(((12L << 16) | 3457).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Source + e.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u, 0u, 2u, AccessResult.WrongDoor)]           // group 2 only; this door is group 3
    [InlineData(0u, 1000u, 4u, AccessResult.Expired)]           // expired long ago
    [InlineData(4000000000u, 0u, 4u, AccessResult.NotYetValid)] // valid from 2096
    public void A_card_refused_for_its_groups_or_dates(uint from, uint until, uint groups, AccessResult expected)
    {
        var rig = Door(() => new[] { AccessLists.Card26(7, 1, 1, groups, from, until) });

        rig.Pins.Reader!.Swipe26(1, 1);
        rig.Run(200);

        Assert.False(rig.LockPinReleased);
        Assert.Equal((int)expected, LastAccess(rig).Code);
    }

    [Fact]
    public void Outside_its_weekly_schedule_a_card_is_refused_in_the_estates_local_time()
    {
        // Schedule 1: weekdays 07:00-22:00 local; it is 02:00 local.
        var rig = Door(() => new[] { AccessLists.Card26(7, 1, 1, groups: 4, schedule: 1) }, AccessLists.WeekdayDaytime());

        rig.Pins.Reader!.Swipe26(1, 1);
        rig.Run(200);
        Assert.Equal((int)AccessResult.OutOfSchedule, LastAccess(rig).Code);

        rig.Clock.SkewWall(TimeSpan.FromHours(6)); // 08:00 local, Wednesday
        rig.Pins.Reader!.Swipe26(1, 1);
        rig.Run(200);
        Assert.Equal((int)AccessResult.Granted, LastAccess(rig).Code);
    }

    [Fact]
    public void With_the_clock_not_set_dated_credentials_are_refused_and_undated_ones_still_open()
    {
        var rig = Door(() => new[] { AccessLists.Card26(1, 1, 1, groups: 4, until: Now + 86400), AccessLists.Card26(2, 2, 2, groups: 4) }, synced: false);

        rig.Pins.Reader!.Swipe26(1, 1);
        rig.Run(200);
        Assert.Equal((int)AccessResult.ClockNotSet, LastAccess(rig).Code);
        Assert.False(rig.LockPinReleased);

        rig.Pins.Reader!.Swipe26(2, 2);
        rig.Run(200);
        Assert.Equal((int)AccessResult.Granted, LastAccess(rig).Code);
        Assert.True(rig.LockPinReleased);
    }

    [Fact]
    public void A_pin_typed_on_the_keypad_and_ended_with_hash_opens()
    {
        var rig = Door(() => new[] { AccessLists.Pin(88, "260514", groups: 4) });

        rig.Pins.Reader!.Keys("2605");
        rig.Run(300);
        rig.Pins.Reader!.Keys("14#");
        rig.Run(300);

        Assert.True(rig.LockPinReleased);
        Assert.Equal("cred:88", LastAccess(rig).Source);
    }

    [Fact]
    public void Star_clears_and_a_pause_forgets_a_half_typed_pin()
    {
        var rig = Door(() => new[] { AccessLists.Pin(88, "2605", groups: 4) });

        rig.Pins.Reader!.Keys("99*2605#");
        rig.Run(600);
        Assert.Equal((int)AccessResult.Granted, LastAccess(rig).Code);

        rig.RunSeconds(10);
        rig.Pins.Reader!.Keys("26");
        rig.RunSeconds(11); // longer than the 10 s key timeout
        rig.Pins.Reader!.Keys("05#");
        rig.Run(600);
        Assert.Equal((int)AccessResult.Unknown, LastAccess(rig).Code);
        Assert.Contains(rig.History, e => e.Type == EventType.Access && e.Detail == "PIN entry timed out");
    }

    [Fact]
    public void Five_wrong_cards_in_a_row_lock_the_reader_out_and_raise_an_alarm_that_latches()
    {
        var rig = Door(() => new[] { AccessLists.Card26(1, 1, 1, groups: 4) });

        for (var i = 0; i < 5; i++)
        {
            rig.Pins.Reader!.Swipe26(9, 100 + i);
            rig.Run(200);
        }
        rig.Pins.Reader!.Swipe26(1, 1); // the right card, during the lock-out
        rig.Run(200);

        Assert.False(rig.LockPinReleased);
        Assert.Equal((int)AccessResult.LockedOut, LastAccess(rig).Code);
        Assert.Contains(rig.History, e => e.Type == EventType.AlarmRaised && e.Code == (int)AlarmKind.ReaderLockout);

        rig.RunSeconds(61); // the lock-out ends; the alarm stays latched until acknowledged
        rig.Pins.Reader!.Swipe26(1, 1);
        rig.Run(200);
        Assert.True(rig.LockPinReleased);
        var alarms = Enumerable.Range(0, rig.Controller.Alarms.Count).Select(i => rig.Controller.Alarms[i]);
        Assert.Contains(alarms, a => a.Kind == AlarmKind.ReaderLockout && a.Latched);
    }

    [Fact]
    public void A_good_card_resets_the_count_of_wrong_ones()
    {
        var rig = Door(() => new[] { AccessLists.Card26(1, 1, 1, groups: 4) });
        for (var i = 0; i < 4; i++)
        {
            rig.Pins.Reader!.Swipe26(9, i);
            rig.Run(200);
        }

        rig.Pins.Reader!.Swipe26(1, 1);
        rig.Run(200);

        Assert.Equal(0, rig.Controller.Access!.WrongInARow);
        Assert.False(rig.Controller.Access.LockedOut);
    }

    [Fact]
    public void Noise_on_the_wires_is_refused_and_cannot_flood_the_store()
    {
        var rig = Door(() => Array.Empty<AccessEntry>());

        for (var i = 0; i < 50; i++)
            rig.Pins.Reader!.Frame("10110");
        rig.RunSeconds(5);

        var bad = rig.History.Where(e => e.Type == EventType.Access && e.Code == (int)AccessResult.BadFrame).ToList();
        Assert.Equal(AccessPoint.BadFramesRecordedPerMinute, bad.Count);
        Assert.False(rig.Controller.Access!.LockedOut); // noise is not a wrong credential
    }

    [Fact]
    public void A_shorted_data_line_is_recorded_once()
    {
        var rig = Door(() => Array.Empty<AccessEntry>());

        rig.Pins.Reader!.Stuck(0, true);
        rig.RunSeconds(3);

        Assert.Single(rig.History, e => e.Type == EventType.Access && e.Detail == "D0 stuck low");
    }

    [Fact]
    public void In_lock_down_a_good_card_is_refused()
    {
        var rig = Door(() => new[] { AccessLists.Card26(1, 1, 1, groups: 4) });
        rig.Controller.SetLockDown(true, "operator:li", rig.Now);

        rig.Pins.Reader!.Swipe26(1, 1);
        rig.Run(200);

        Assert.False(rig.LockPinReleased);
        Assert.Equal((int)AccessResult.LockDown, LastAccess(rig).Code);
    }
}
