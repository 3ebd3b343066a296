using System;
using System.Linq;
using System.Text;
using Kiosk.Core.Events;
using Kiosk.Core.Tests.Support;
using Xunit;

namespace Kiosk.Core.Tests.Protocol;

/// <summary>Every refused command that carries a readable id and reply address is answered, saying why.</summary>
public sealed class RefusalReplyTests
{
    private const string Topic = "kiosk/v1/maple-court/main-gate/cmd";

    private static (NodeRig Rig, string Reply) Send(string json)
    {
        var n = new NodeRig();
        n.Run(1500);
        n.Connect();
        n.Transport.Listener!.OnMessage(Topic, Encoding.UTF8.GetBytes(json), false, null, null);
        n.Run(50);
        var reply = n.Transport.Published.Last(p => p.Topic.Contains("repl", StringComparison.Ordinal));
        return (n, reply.Topic + " " + Encoding.UTF8.GetString(reply.Payload));
    }

    private const string Valid = "\"dev\":\"main-gate\",\"cmd\":\"unlock\",\"arg\":\"\",\"iat\":1,\"exp\":2,\"ctr\":3,\"mac\":\"" + "00000000000000000000000000000000" + "00000000000000000000000000000000" + "\"";

    [Fact]
    public void An_unknown_field_is_answered_with_the_request_id_at_the_reply_address()
    {
        var (n, reply) = Send("{\"v\":1,\"id\":\"req-77\",\"from\":\"operator:li\",\"reply\":\"kiosk/v1/maple-court/dutyroom/replies\",\"colour\":\"red\"," + Valid + "}");

        Assert.StartsWith("kiosk/v1/maple-court/dutyroom/replies ", reply, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"req-77\"", reply, StringComparison.Ordinal);
        Assert.Contains("unknown field 'colour'", reply, StringComparison.Ordinal);
        var record = n.Rig.History.Last(e => e.Type == EventType.Command);
        Assert.Equal("operator:li", record.Source);
    }

    [Fact]
    public void A_newer_protocol_version_is_answered_not_ignored()
    {
        var (_, reply) = Send("{\"v\":2,\"id\":\"req-78\",\"from\":\"operator:li\"," + Valid + "}");

        Assert.Contains("\"id\":\"req-78\"", reply, StringComparison.Ordinal);
        Assert.Contains("'v' must be 1", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sender_named_in_chinese_is_read_and_named_in_the_record_of_its_refusal()
    {
        var (n, reply) = Send("{\"v\":1,\"id\":\"req-79\",\"from\":\"operator:李明\"," + Valid + "}");

        Assert.Contains("\"id\":\"req-79\"", reply, StringComparison.Ordinal);
        Assert.Contains("\"result\":\"bad-signature\"", reply, StringComparison.Ordinal); // read whole, then refused for its MAC
        Assert.Equal("operator:李明", n.Rig.History.Last(e => e.Type == EventType.Command).Source);
    }

    [Fact]
    public void A_sender_with_a_control_character_still_gets_its_request_id_back()
    {
        var (_, reply) = Send("{\"v\":1,\"id\":\"req-80\",\"from\":\"李明\\u001b[2J\"," + Valid + "}");

        Assert.Contains("\"id\":\"req-80\"", reply, StringComparison.Ordinal);
        Assert.Contains("'from' may not hold control characters", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_never_carries_the_id_of_the_command_before_it()
    {
        var n = new NodeRig();
        n.Run(1500);
        n.Connect();
        n.Transport.Listener!.OnMessage(Topic, Encoding.ASCII.GetBytes("{\"v\":1,\"id\":\"req-1\",\"from\":\"a\"," + Valid + "}"), false, null, null);
        n.Run(50);
        n.Transport.Listener!.OnMessage(Topic, Encoding.ASCII.GetBytes("not json"), false, null, null);
        n.Run(50);

        var last = Encoding.ASCII.GetString(n.Transport.Published.Last(p => p.Topic.EndsWith("/reply", StringComparison.Ordinal)).Payload);
        Assert.Contains("\"id\":\"\"", last, StringComparison.Ordinal);
    }
}
