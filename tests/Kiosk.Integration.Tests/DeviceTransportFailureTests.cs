using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Link;
using Kiosk.Core.Ports;
using Kiosk.HostSim.Brokers;
using Kiosk.HostSim.Simulation;
using Kiosk.HostSim.Site;
using Kiosk.Integration.Tests.Support;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>
/// What the flashed board's transport code (BlockingClientTransport) makes of real failures on the
/// way to a real broker: refused credentials, a name that does not resolve, a certificate from the
/// wrong CA, a broker that is not there yet. Each is recorded in words, the door keeps working, and
/// the records reach the duty room once the link is up.
/// </summary>
public sealed class DeviceTransportFailureTests
{
    private static SimulatedBoard Board(TransportConnectOptions connect) =>
        new SimulatedBoard(TestBoards.Config(), connect, TestBoards.Key, deviceTransport: true).Start();

    private static Task RecordedAsync(SimulatedBoard board, string name, string detailStart) =>
        Eventually.HoldsAsync(() => board.RecordedSince(0).Any(e => e.Type == EventType.Link && e.Name == name && e.Detail.StartsWith(detailStart, StringComparison.Ordinal)),
            () => $"a {name} record starting '{detailStart}'; recorded: " + string.Join(" | ", board.RecordedSince(0).Where(e => e.Type == EventType.Link).Select(e => e.Name + ": " + e.Detail)), 20);

    [Fact]
    public async Task A_broker_that_refuses_the_password_is_recorded_in_words_and_the_door_keeps_working()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "kiosk-refuse-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var passwords = Path.Combine(folder, "passwords.txt");
            using (var hash = Process.Start(new ProcessStartInfo("mosquitto_passwd", $"-c -b {passwords} maple-court.main-gate right-password-0123456789") { UseShellExecute = false })!)
            {
                await hash.WaitForExitAsync();
                Assert.Equal(0, hash.ExitCode);
            }
            await using var broker = new MosquittoBroker($"allow_anonymous false\npassword_file {passwords}\n");
            await broker.StartAsync();
            var connect = TestBoards.Connect(broker.Port);
            connect.Username = "maple-court.main-gate";
            connect.Password = "wrong-password-0123456789";

            using var board = Board(connect);

            // Mosquitto 2 answers a wrong password with "not authorised" (0x87), not 0x86.
            await RecordedAsync(board, "BROKER_FAILED", "broker refused: not authorised");
            Assert.NotEqual(LinkState.Connected, board.Node.LinkState);
            board.Set(InputFunction.ExitButton, true);
            await Eventually.HoldsAsync(() => board.LockReleased, "the exit button still opens the door");
            Assert.Single(board.RecordedSince(0), e => e.Type == EventType.Link && e.Name == "BROKER_FAILED");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_broker_name_that_does_not_resolve_is_recorded_as_dns()
    {
        var connect = TestBoards.Connect(1883);
        connect.Host = "broker.maple-court.invalid"; // RFC 6761: never resolves

        using var board = Board(connect);

        await RecordedAsync(board, "BROKER_FAILED", "DNS: cannot resolve broker.maple-court");
    }

    [Fact]
    public async Task A_broker_certificate_from_another_CA_is_recorded_as_tls()
    {
        var (_, _, server) = TlsTests.MakePki("Somebody Else's CA");
        var (_, pinnedPem, _) = TlsTests.MakePki("Kiosk Test CA");
        var port = FreePort.Next();
        using var broker = await TlsTests.StartTlsBrokerAsync(port, server);
        var connect = TestBoards.Connect(port);
        connect.Host = "localhost";
        connect.UseTls = true;
        connect.CaCertificatePem = pinnedPem;

        using var board = Board(connect);

        await RecordedAsync(board, "BROKER_FAILED", "TLS: localhost's certificate is not from");
        Assert.NotEqual(LinkState.Connected, board.Node.LinkState);
    }

    [Fact]
    public async Task Failures_recorded_before_the_broker_came_up_reach_the_duty_room_once_it_is_up()
    {
        var port = FreePort.Next();
        using var board = Board(TestBoards.Connect(port));
        await RecordedAsync(board, "BROKER_FAILED", "refused by 127.0.0.1");

        // Hold the board's clock while the broker and the duty room come up, so the room is
        // subscribed before the board's next attempt (a real console keeps a persistent session).
        board.Runner!.Speed = 0;
        await using var broker = new MosquittoBroker(port: port);
        await broker.StartAsync();
        await using var room = await DutyRoomClient.ConnectAsync(port);
        board.Runner!.Speed = 1;

        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected && board.Node.Outbox.Backlog == 0, "connected and drained", 90);
        await Eventually.HoldsAsync(() => room.Events("main-gate").Any(e => e.GetProperty("type").GetString() == "link"
            && e.GetProperty("name").GetString() == "BROKER_CONNECTED"), "the recovery record arrives");
        var failed = room.Events("main-gate").Single(e => e.GetProperty("type").GetString() == "link" && e.GetProperty("name").GetString() == "BROKER_FAILED");
        Assert.StartsWith("refused by 127.0.0.1", failed.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
