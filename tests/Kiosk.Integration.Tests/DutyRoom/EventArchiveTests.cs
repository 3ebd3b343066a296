using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.Core.Link;
using Kiosk.DutyRoom.Data;
using Kiosk.HostSim.Brokers;
using Kiosk.Integration.Tests.Support;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit;

namespace Kiosk.Integration.Tests.DutyRoom;

/// <summary>The duty room's archive on a real SQLite file: de-duplication, late wills, retention, CSV, and live ingestion from a simulated board.</summary>
public sealed class EventArchiveTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "kiosk-archive-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly EventArchive _archive;
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public EventArchiveTests() => _archive = new EventArchive(_path);

    public void Dispose()
    {
        _archive.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    private static byte[] Event(long boot, long seq, string type = "patrol", string ts = "2026-11-24T09:00:00.000Z") => Encoding.ASCII.GetBytes(
        $"{{\"v\":1,\"site\":\"maple-court\",\"dev\":\"main-gate\",\"boot\":{boot},\"seq\":{seq},\"ts\":\"{ts}\",\"synced\":true,\"type\":\"{type}\",\"code\":0,\"src\":\"gate, north\",\"detail\":\"said \\\"hi\\\"\"}}");

    private static byte[] Status(bool online, long boot, long conn) => Encoding.ASCII.GetBytes(
        $"{{\"v\":1,\"dev\":\"main-gate\",\"state\":\"{(online ? "online" : "offline")}\",\"boot\":{boot},\"conn\":{conn},\"ts\":\"2026-11-24T09:00:00.000Z\"}}");

    private const string Events = "kiosk/v1/maple-court/main-gate/events";
    private const string StatusTopic = "kiosk/v1/maple-court/main-gate/status";

    [Fact]
    public void An_event_delivered_twice_is_stored_once()
    {
        Assert.Equal(IngestResult.Stored, _archive.Ingest(Events, Event(3, 57), Now));
        Assert.Equal(IngestResult.Duplicate, _archive.Ingest(Events, Event(3, 57), Now));
        Assert.Equal(IngestResult.Stored, _archive.Ingest(Events, Event(4, 57), Now)); // same seq, another boot

        Assert.Equal(2, _archive.Query(device: "main-gate").Count);
    }

    [Fact]
    public void A_late_will_from_an_older_connection_does_not_mark_the_device_offline()
    {
        _archive.Ingest(StatusTopic, Status(true, 5, 1), Now);
        _archive.Ingest(StatusTopic, Status(true, 5, 2), Now);

        Assert.Equal(IngestResult.Stale, _archive.Ingest(StatusTopic, Status(false, 5, 1), Now));
        Assert.True(_archive.Status("main-gate")!.Online);
        Assert.Equal(IngestResult.Stored, _archive.Ingest(StatusTopic, Status(false, 5, 2), Now)); // its own will
        Assert.False(_archive.Status("main-gate")!.Online);
        Assert.Equal(IngestResult.Stored, _archive.Ingest(StatusTopic, Status(true, 6, 1), Now)); // reboot
        Assert.True(_archive.Status("main-gate")!.Online);
    }

    [Theory]
    [InlineData("{\"v\":2}", "unknown version")]
    [InlineData("{\"v\":1,\"dev\":\"side-gate\"}", "does not match the topic")]
    [InlineData("not json", "")]
    [InlineData("{\"v\":1,\"dev\":\"main-gate\",\"boot\":1}", "")]
    public void Malformed_messages_are_rejected_and_nothing_is_stored(string payload, string reason)
    {
        Assert.Equal(IngestResult.Rejected, _archive.Ingest(Events, Encoding.ASCII.GetBytes(payload), Now));
        Assert.Contains(reason, _archive.LastRejection, StringComparison.Ordinal);
        Assert.Empty(_archive.Query());
    }

    [Fact]
    public void Events_are_kept_180_days_and_no_fewer()
    {
        _archive.Ingest(Events, Event(1, 1, ts: "2026-05-01T00:00:00.000Z"), Now);
        _archive.Ingest(Events, Event(1, 2, ts: "2026-06-01T00:00:00.000Z"), Now);

        Assert.Equal(1, _archive.Prune(Now));
        Assert.Single(_archive.Query());
        Assert.Throws<ArgumentOutOfRangeException>(() => _archive.Prune(Now, days: 30));
    }

    [Fact]
    public void The_log_exports_as_csv_with_quoting()
    {
        _archive.Ingest(Events, Event(1, 1), Now);
        var csv = new StringWriter();

        EventArchive.WriteCsv(_archive.Query(), csv);

        var lines = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time,site,device,boot,seq,synced,type,code,name,source,detail", lines[0]);
        Assert.Equal("2026-11-24T09:00:00.000Z,maple-court,main-gate,1,1,yes,patrol,0,,\"gate, north\",\"said \"\"hi\"\"\"", lines[1]);
    }

    [Fact]
    public async Task A_simulated_board_s_events_arrive_in_the_archive_through_a_real_broker()
    {
        await using var broker = new MqttNetBroker();
        await broker.StartAsync();
        using var listener = new MqttClientFactory().CreateMqttClient();
        listener.ApplicationMessageReceivedAsync += e =>
        {
            _archive.Ingest(e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload), DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        };
        await listener.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("archive").Build());
        await listener.SubscribeAsync("kiosk/v1/#", MqttQualityOfServiceLevel.AtLeastOnce);
        using var board = TestBoards.Start(broker.Port);
        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected, "connected");

        board.Set(InputFunction.Patrol, true);
        await Task.Delay(300);
        board.Set(InputFunction.Patrol, false);

        await Eventually.HoldsAsync(() => _archive.Query(type: "patrol").Count == 1, "patrol archived");
        await Eventually.HoldsAsync(() => _archive.Status("main-gate")?.Online == true, "status online");
        Assert.Equal(board.Controller.Store.LastSequence, _archive.Query(device: "main-gate").Max(e => e.Seq));
    }
}
