using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Live;
using Kiosk.DutyRoom.Mqtt;
using Kiosk.HostSim.Brokers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Kiosk.DutyRoom.Tests.Support;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Ingest;

/// <summary>
/// A console stopped in the middle of a backlog loses nothing: what its archive lane had received
/// but not yet committed was never acknowledged, so the broker (Mosquitto) sends it again on the persistent session to the next
/// start, and the archive keeps each event once.
/// </summary>
public sealed class ConsoleRestartTests
{
    private const int Backlog = 3000;

    [Fact]
    public async Task A_console_stopped_before_its_backlog_was_committed_archives_every_event_once_after_it_starts_again()
    {
        // Mosquitto keeps an absent client's persistent session (MQTTnet's broker does so only with WithPersistentSessions).
        await using var broker = new MosquittoBroker();
        await broker.StartAsync();
        var folder = Directory.CreateTempSubdirectory("kiosk-restart-").FullName;
        try
        {
            var options = new ConsoleOptions
            {
                DataFolder = folder,
                Urls = "http://127.0.0.1:" + FreePort.Next(),
                BrokerPort = broker.Port,
                ClientId = "dutyroom-restart",
            };
            // First start: the session and its subscriptions are made; the console goes away.
            var first = await StartAsync(options);
            await StopAsync(first);

            // The backlog arrives while no console is there: the broker keeps it for the session.
            var board = new MqttClientFactory().CreateMqttClient();
            await board.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("kiosk-maple-court.door-1").Build());
            var old = DateTimeOffset.UtcNow.AddHours(-2);
            for (var seq = 1; seq <= Backlog; seq++)
                await board.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("kiosk/v1/maple-court/door-1/events")
                    .WithPayload(Encoding.UTF8.GetBytes(
                        $"{{\"v\":1,\"site\":\"maple-court\",\"dev\":\"door-1\",\"boot\":1,\"seq\":{seq},\"ts\":\"{ConsoleDb.Iso(old.AddSeconds(seq))}\",\"synced\":true,\"type\":\"patrol\",\"code\":1,\"src\":\"north\",\"detail\":\"check-in\"}}"))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            board.Dispose();

            // Second start: it receives the backlog, but cannot commit (another writer holds the database), and is stopped.
            using (var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "dutyroom.db")}"))
            {
                writer.Open();
                using (var hold = writer.CreateCommand())
                {
                    hold.CommandText = "BEGIN IMMEDIATE";
                    hold.ExecuteNonQuery();
                }
                var second = await StartAsync(options);
                await WaitAsync(() => second.Services.GetRequiredService<ArchiveLane>().Queued > 0);
                await StopAsync(second);
                using var release = writer.CreateCommand();
                release.CommandText = "ROLLBACK";
                release.ExecuteNonQuery();
            }
            Assert.Equal(0, Rows(options));

            // Third start: the rest, and whatever the second had archived but not acknowledged, comes again.
            var third = await StartAsync(options);
            await WaitAsync(() => Rows(third) == Backlog && third.Services.GetRequiredService<ArchiveLane>().Queued == 0);
            var perBoot = third.Services.GetRequiredService<Stores>().Db.Query("SELECT COUNT(*), MIN(seq), MAX(seq) FROM events", r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2))).Single();
            Assert.Equal((Backlog, 1L, (long)Backlog), perBoot);
            Assert.True(third.Services.GetRequiredService<ArchiveLane>().Archived > 0);
            await StopAsync(third);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Rows(WebApplication app) => app.Services.GetRequiredService<Stores>().Db.Scalar("SELECT COUNT(*) FROM events");

    private static long Rows(ConsoleOptions options) => ConsoleDb.Parse(options.DatabaseSpec).Scalar("SELECT COUNT(*) FROM events");

    private static async Task<WebApplication> StartAsync(ConsoleOptions options)
    {
        var app = ConsoleApp.Build(options);
        await app.StartAsync();
        await WaitAsync(() => app.Services.GetRequiredService<LiveSite>().BrokerConnected);
        return app;
    }

    private static async Task StopAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static Task WaitAsync(Func<bool> done) => Eventually.HoldsAsync(done, "the condition", 60, pollMillis: 5);
}
