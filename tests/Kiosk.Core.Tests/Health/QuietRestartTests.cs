using System;
using System.Linq;
using Kiosk.Core.Boot;
using Kiosk.Core.Call;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Health;

/// <summary>
/// A leaking MQTT client must not take the gate down after months: under the heap floor the board
/// restarts itself, but only at a quiet moment, and says why.
/// </summary>
public sealed class QuietRestartTests
{
    [Fact]
    public void Low_memory_waits_for_the_call_and_the_door_then_restarts_once_with_the_reason_recorded()
    {
        var b = new BoardRig(clockSet: true);
        b.Rig.Settled();
        b.RunMinutes(11);

        b.Rig.Press(InputFunction.CallButton);
        b.Run(500);
        b.Command("answer", b.Rig.Controller.Call.CallId);
        b.Command("unlock", "");
        b.Rig.Set(InputFunction.DoorContact, true); // the visitor walks in
        b.System.FreeMemory = 12_000;
        b.RunMinutes(2);

        Assert.True(b.Node.Restart.Pending);
        Assert.Equal(0, b.Power.Reboots);
        Assert.Equal(CallState.Connected, b.Rig.Controller.Call.State);
        Assert.Contains(b.Rig.History, e => e.Type == EventType.LowMemory && e.Code == 1 && e.Detail.StartsWith("12000 B free < 16384", StringComparison.Ordinal));

        b.Rig.Set(InputFunction.DoorContact, false);
        b.Run(2000);
        Assert.Equal(0, b.Power.Reboots); // the call is still on
        b.Command("end", b.Rig.Controller.Call.CallId);
        b.Run(10_000); // the call's outcome shows for a few seconds, then the booth is quiet

        b.RunMinutes(5);
        Assert.Equal(1, b.Power.Reboots);
        Assert.True(b.Rig.Controller.Quiet);
        var next = b.Rig.Reboot();
        var boot = next.Events(EventType.Boot).Last();
        Assert.Equal("planned: low-memory: 12000 B free", boot.Detail);
    }

    [Fact]
    public void Lock_down_is_never_lifted_by_a_memory_restart()
    {
        var b = new BoardRig(clockSet: true);
        b.Rig.Settled();
        b.RunMinutes(11);
        b.Command("lockdown", "on");

        b.System.FreeMemory = 9_000;
        b.RunMinutes(30);

        Assert.True(b.Node.Restart.Pending);
        Assert.Equal(0, b.Power.Reboots);
        b.Command("lockdown", "off");
        b.Run(1000);
        Assert.Equal(1, b.Power.Reboots);
    }

    [Fact]
    public void A_floor_hit_right_after_boot_is_reported_not_acted_on()
    {
        var b = new BoardRig(clockSet: true);
        b.System.FreeMemory = 10_000;
        b.Rig.Settled();

        b.RunMinutes(9);

        Assert.Equal(0, b.Power.Reboots);
        Assert.False(b.Node.Restart.Pending);
        var warning = Assert.Single(b.Rig.History, e => e.Type == EventType.LowMemory);
        Assert.Equal(2, warning.Code);
        Assert.Equal("10000 B free < 16384 after boot", warning.Detail);
    }

    [Fact]
    public void The_heap_reading_goes_out_in_every_heartbeat()
    {
        var b = new BoardRig(clockSet: true);
        b.System.FreeMemory = 81_234;
        b.Rig.Settled();

        b.RunMinutes(2);

        var beats = b.Published("heartbeat");
        Assert.True(beats.Count >= 4);
        Assert.All(beats, h => Assert.Equal(81_234, h.GetProperty("freeMem").GetInt64()));
    }

    [Fact]
    public void A_floor_of_zero_never_restarts()
    {
        var b = new BoardRig(c => c["lowMemoryRebootBytes"] = 0, clockSet: true);
        b.Rig.Settled();
        b.System.FreeMemory = 1_000;

        b.RunMinutes(60);

        Assert.Equal(0, b.Power.Reboots);
        Assert.DoesNotContain(b.Rig.History, e => e.Type == EventType.LowMemory);
        Assert.Equal(0, b.Rig.Storage.Length(RebootReason.BlobName) > 0 ? 1 : 0);
    }
}
