using System.Linq;
using System.Text;
using Kiosk.Core.Events;
using Kiosk.Core.Link;
using Kiosk.Core.Ports;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Link;

/// <summary>A board given the nodes of a broker cluster moves to the next one when its broker fails, and stays on one that works.</summary>
public sealed class BrokerFailoverTests
{
    private static NodeRig Cluster() => new(options: new TransportConnectOptions
    {
        Host = "mq1", Port = 1883, ClientId = "kiosk-maple-court.main-gate", Username = "main-gate", Password = "p",
        FailoverHosts = new[] { "mq2", "mq3" }, FailoverPorts = new[] { 1884, 1885 },
    });

    [Fact]
    public void Each_failed_attempt_tries_the_next_broker_wrapping_round_with_the_same_credentials_and_will()
    {
        var n = Cluster();
        var tried = new System.Collections.Generic.List<string>();
        for (var i = 0; i < 4; i++)
        {
            NextAttempt(n);
            var o = n.Transport.LastOptions!;
            tried.Add(o.Host + ":" + o.Port);
            Assert.Equal("main-gate", o.Username);
            Assert.Equal("kiosk/v1/maple-court/main-gate/status", o.WillTopic);
            n.Transport.Listener!.OnConnectionLost("refused");
        }

        Assert.Equal(new[] { "mq1:1883", "mq2:1884", "mq3:1885", "mq1:1883" }, tried);
    }

    [Fact]
    public void A_lost_connection_moves_to_the_next_node_and_the_recovery_record_names_it()
    {
        var n = Cluster();
        n.Run(1500);
        n.Connect();
        Assert.Equal("mq1:1883", n.Node.Broker);

        n.Drop(); // the node died under the board
        NextAttempt(n);

        Assert.Equal("mq2", n.Transport.LastOptions!.Host);
        n.Connect();
        Assert.Equal(LinkState.Connected, n.Node.LinkState);
        Assert.Equal("mq2:1884", n.Node.Broker);
        var records = n.Rig.Controller.Store;
        var link = Enumerable.Range(1, (int)records.LastSequence).Select(s => { var r = new EventRecord(); records.TryRead(s, r); return r; })
            .Where(r => r.Type == EventType.Link).ToList();
        Assert.Contains(link, r => r.Code == LinkEvent.BrokerFailed && r.Detail.StartsWith("broker 1 lost: test", System.StringComparison.Ordinal));
        Assert.Contains(link, r => r.Code == LinkEvent.BrokerConnected && r.Detail.StartsWith("broker 2 after 1 failed", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_working_broker_is_kept_across_publishes_and_heartbeats()
    {
        var n = Cluster();
        NextAttempt(n);
        n.Transport.Listener!.OnConnectionLost("refused"); // mq1 is down
        NextAttempt(n);
        n.Connect();
        for (var i = 0; i < 12; i++) // two minutes of a broker that acknowledges everything
        {
            n.Run(10_000);
            n.AckAll();
        }

        Assert.Equal("mq2:1884", n.Node.Broker);
        Assert.Equal(2, n.Transport.ConnectAttempts);
        Assert.Contains(n.Transport.Published, p => p.Topic.EndsWith("/status", System.StringComparison.Ordinal)
            && Encoding.ASCII.GetString(p.Payload).Contains("\"state\":\"online\"", System.StringComparison.Ordinal));
    }

    /// <summary>Runs the loop until the board starts its next connect attempt (less than the 20 s attempt timeout after a refusal).</summary>
    private static void NextAttempt(NodeRig n)
    {
        var before = n.Transport.ConnectAttempts;
        for (var waited = 0; n.Transport.ConnectAttempts == before && waited < 15_000; waited += 50)
            n.Run(50);
        Assert.Equal(before + 1, n.Transport.ConnectAttempts);
    }

    [Fact]
    public void On_a_cluster_configured_for_QoS_0_subscriptions_every_node_gets_them()
    {
        var n = new NodeRig(options: new TransportConnectOptions
        {
            Host = "mq1", Port = 1883, ClientId = "kiosk-maple-court.main-gate", SubscribeQos = 0,
            FailoverHosts = new[] { "mq2" }, FailoverPorts = new[] { 1883 },
        });
        NextAttempt(n);
        n.Connect();
        n.Drop();
        NextAttempt(n);
        n.Connect();

        Assert.Equal("mq2:1883", n.Node.Broker);
        Assert.Equal(4, n.Transport.Subscriptions.Count);
        Assert.All(n.Transport.SubscribedQos, q => Assert.Equal(0, q));
    }

    [Fact]
    public void One_broker_without_failover_is_retried_and_its_records_do_not_name_it()
    {
        var n = new NodeRig();
        NextAttempt(n);
        n.Transport.Listener!.OnConnectionLost("refused");
        NextAttempt(n);

        Assert.Equal("broker", n.Transport.LastOptions!.Host);
        Assert.Equal(2, n.Transport.ConnectAttempts);
    }
}
