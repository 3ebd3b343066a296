using System.Linq;
using Kiosk.Core.Alarms;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Lights;

public sealed class StreetLightTests
{
    private static EntranceRig NightRig()
    {
        var rig = new EntranceRig();
        rig.Light.SetPercent(60);
        rig.RunSeconds(2);
        return rig;
    }

    private static void Dusk(EntranceRig rig)
    {
        rig.Light.SetPercent(10);
        rig.RunSeconds(70);
    }

    [Fact]
    public void Night_falls_only_after_the_dark_level_has_held_for_the_dwell_time()
    {
        var rig = NightRig();
        Assert.False(rig.Controller.Lights.IsNight);

        rig.Light.SetPercent(10);
        rig.RunSeconds(30);
        Assert.False(rig.Controller.Lights.IsNight);
        rig.RunSeconds(40);
        Assert.True(rig.Controller.Lights.IsNight);
    }

    [Fact]
    public void Headlights_at_night_do_not_make_it_day()
    {
        var rig = NightRig();
        Dusk(rig);

        rig.Light.SetPercent(80);
        rig.RunSeconds(20);
        rig.Light.SetPercent(10);
        rig.RunSeconds(60);

        Assert.True(rig.Controller.Lights.IsNight);
        Assert.Single(rig.Events(EventType.DayNight), e => e.Code == 1);
    }

    [Fact]
    public void A_level_inside_the_hysteresis_band_changes_nothing()
    {
        var rig = NightRig();
        Dusk(rig);

        rig.Light.SetPercent(25); // above dark (20), below light (30)
        rig.RunSeconds(600);

        Assert.True(rig.Controller.Lights.IsNight);
    }

    [Fact]
    public void The_lamp_relay_follows_dusk_and_dawn()
    {
        var rig = NightRig();
        var relay = rig.Output(OutputFunction.LampRelay);

        Dusk(rig);
        Assert.False(relay.Level); // active-low relay: on is low
        rig.Light.SetPercent(60);
        rig.RunSeconds(70);
        Assert.True(relay.Level);
        Assert.Equal(new[] { "on", "off" }, rig.Events(EventType.LampRelay).Select(e => e.Detail));
    }

    [Fact]
    public void A_lamp_dark_at_night_after_warm_up_raises_a_latched_lamp_failure()
    {
        var rig = NightRig();
        Dusk(rig);
        rig.RunSeconds(100);
        Assert.Empty(rig.Events(EventType.AlarmRaised)); // still warming up

        rig.RunSeconds(30);

        var failure = rig.Controller.Alarms.Find(AlarmKind.LampFailure, 1)!;
        Assert.True(failure.Latched);
        rig.Set(InputFunction.LampFeedback, true);
        rig.RunSeconds(1);
        Assert.False(failure.Active);
        Assert.True(failure.Latched);
    }

    [Fact]
    public void Each_night_reports_lit_time_against_expected_time()
    {
        var rig = NightRig();
        Dusk(rig);
        rig.Set(InputFunction.LampFeedback, true);
        rig.RunSeconds(3600);
        rig.Set(InputFunction.LampFeedback, false); // lamp fails for ten minutes
        rig.RunSeconds(600);
        rig.Set(InputFunction.LampFeedback, true);
        rig.RunSeconds(1400);

        rig.Light.SetPercent(70);
        rig.RunSeconds(70);

        var report = Assert.Single(rig.Events(EventType.LightingReport));
        Assert.Equal(1, report.Code);
        var numbers = report.Detail.Split(' ').Where(w => long.TryParse(w, out _)).Select(long.Parse).ToArray();
        var (lit, expected) = (numbers[0], numbers[1]);
        Assert.InRange(expected, 5500, 5600); // night ≈ 5670 s, less the 120 s warm-up the lamps get
        Assert.Equal(expected - 600, lit, tolerance: 2);
        Assert.Equal(1, rig.Controller.Lights.NightsCompleted);
    }

    [Fact]
    public void Without_a_light_sensor_day_and_night_stay_unknown_and_no_lamp_alarm_is_raised()
    {
        var rig = EntranceRig.With(n => n["lights"]!["sensorChannel"] = -1);

        rig.RunSeconds(3600);

        Assert.False(rig.Controller.Lights.IsKnown);
        Assert.Empty(rig.Events(EventType.AlarmRaised));
    }
}
