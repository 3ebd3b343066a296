using System.Linq;
using System.Text;
using Kiosk.Core.Link;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Link;

public sealed class ConnectionTests
{
    [Fact]
    public void Backoff_doubles_to_a_minute_with_jitter_and_resets()
    {
        var backoff = new Backoff(Backoff.SeedFrom("main-gate", 1));

        var delays = Enumerable.Range(0, 10).Select(_ => backoff.Next()).ToArray();

        Assert.InRange(delays[0], 750, 1250);
        Assert.InRange(delays[1], 1500, 2500);
        Assert.InRange(delays[9], 45000, 75000);
        Assert.All(delays, d => Assert.InRange(d, 750, 75000));
        backoff.Reset();
        Assert.InRange(backoff.Next(), 750, 1250);
    }

    [Fact]
    public void Two_devices_do_not_retry_in_lock_step()
    {
        var a = new Backoff(Backoff.SeedFrom("main-gate", 1));
        var b = new Backoff(Backoff.SeedFrom("side-gate", 1));

        Assert.NotEqual(Enumerable.Range(0, 5).Select(_ => a.Next()), Enumerable.Range(0, 5).Select(_ => b.Next()));
    }

    [Fact]
    public void Connecting_sets_a_retained_offline_will_then_publishes_the_birth_and_subscribes()
    {
        var n = new NodeRig();
        n.Run(1500);

        var options = n.Transport.LastOptions!;
        Assert.Equal("kiosk/v1/maple-court/main-gate/status", options.WillTopic);
        Assert.True(options.WillRetain);
        Assert.Contains("\"state\":\"offline\"", Encoding.ASCII.GetString(options.WillPayload), System.StringComparison.Ordinal);

        n.Connect();

        var birth = n.Transport.Published.First(p => p.Topic.EndsWith("/status", System.StringComparison.Ordinal));
        Assert.True(birth.Retain);
        Assert.Contains("\"state\":\"online\"", Encoding.ASCII.GetString(birth.Payload), System.StringComparison.Ordinal);
        Assert.Contains("kiosk/v1/maple-court/main-gate/cmd", n.Transport.Subscriptions);
        Assert.Contains(n.Transport.Published, p => p.Topic.EndsWith("/state", System.StringComparison.Ordinal) && p.Retain);
        Assert.Contains(n.Transport.Published, p => p.Topic.EndsWith("/heartbeat", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Reconnect_attempts_back_off_while_the_broker_stays_away_and_the_door_still_works()
    {
        var n = new NodeRig();
        for (var i = 0; i < 6; i++)
        {
            n.Run(70_000);
            n.Transport.Listener!.OnConnectionLost("refused");
        }
        n.Run(70_000);
        var attempts = n.Transport.ConnectAttempts;

        n.Rig.Press(Kiosk.Core.Config.InputFunction.ExitButton);

        Assert.InRange(attempts, 6, 12);
        Assert.True(n.Rig.LockPinReleased);
    }
}
