using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.Core.Link;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;
using Kiosk.HostSim.Brokers;
using Kiosk.HostSim.Simulation;
using MQTTnet;
using MQTTnet.Protocol;

namespace Kiosk.Bench;

/// <summary>
/// Operator unlock published → lock output written, on a simulated board in real time over a real
/// broker, next to a bare publish → receive round trip between two clients on the same broker.
/// </summary>
internal static class UnlockLatencyBench
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    public static async Task RunAsync(IBroker broker, int commands)
    {
        await broker.StartAsync();
        try
        {
            var bare = await BareRoundTripAsync(broker.Port, commands);
            var unlock = await UnlockAsync(broker.Port, commands);
            var (ring, debounce) = await PressToRingAsync(broker.Port, Math.Min(commands, 50));
            Console.WriteLine($"{broker.Name,-9} bare publish→receive  p50 {P(bare, 50),6:F2} ms  p99 {P(bare, 99),6:F2} ms  (n={bare.Count})");
            Console.WriteLine($"{broker.Name,-9} unlock→lock energised p50 {P(unlock, 50),6:F2} ms  p99 {P(unlock, 99),6:F2} ms  (n={unlock.Count})  ratio p50 {P(unlock, 50) / P(bare, 50):F2}x  p99 {P(unlock, 99) / P(bare, 99):F2}x");
            // The simulated board's clock moves in whole milliseconds behind real time, so what follows the
            // debounce is only resolved to about a millisecond: p50 can even come out below zero.
            Console.WriteLine($"{broker.Name,-9} press→ring at console  p50 {P(ring, 50) + debounce,6:F2} ms  p99 {P(ring, 99) + debounce,6:F2} ms  (n={ring.Count}) = the call button's {debounce} ms debounce + p50 {P(ring, 50),5:F2} / p99 {P(ring, 99),5:F2} ms (±1 ms: the simulator's clock)");
        }
        finally
        {
            await broker.StopAsync();
        }
    }

    private static double P(List<double> samples, int percentile)
    {
        var sorted = samples.OrderBy(s => s).ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static async Task<IMqttClient> ClientAsync(int port, string id)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(id).Build());
        return client;
    }

    private static async Task<List<double>> BareRoundTripAsync(int port, int n)
    {
        using var sender = await ClientAsync(port, "bench-sender");
        using var receiver = await ClientAsync(port, "bench-receiver");
        var arrived = new SemaphoreSlim(0);
        receiver.ApplicationMessageReceivedAsync += _ => { arrived.Release(); return Task.CompletedTask; };
        await receiver.SubscribeAsync("bench/rtt", MqttQualityOfServiceLevel.AtLeastOnce);
        var samples = new List<double>();
        var payload = new byte[200];
        for (var i = 0; i < n + 50; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await sender.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("bench/rtt").WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            await arrived.WaitAsync();
            if (i >= 50)
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return samples;
    }

    /// <summary>
    /// Call button pressed on the simulated board → its "calling" event received by a subscriber,
    /// less the button's debounce (the core waits that long by design before it believes a press).
    /// </summary>
    private static async Task<(List<double> Samples, int DebounceMillis)> PressToRingAsync(int port, int n)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "site", "main-gate.json"))
            .Replace("\"antiRepeatSeconds\": 5, \"longPressCancelMillis\": 2000", "\"antiRepeatSeconds\": 0, \"longPressCancelMillis\": 500", StringComparison.Ordinal)
            .Replace("\"heartbeatSeconds\": 30", "\"heartbeatSeconds\": 30, \"flapLimitPerMinute\": 600", StringComparison.Ordinal); // presses faster than a visitor's
        var config = ConfigReader.Read(json, new ConfigErrors())!;
        var debounce = config.Inputs[config.ChannelOf(InputFunction.CallButton)].DebounceMillis;
        var connect = new TransportConnectOptions { Host = "127.0.0.1", Port = port, UseTls = false, ClientId = "kiosk-bench-ring", ProtocolVersion = 5 };
        using var board = new SimulatedBoard(config, connect, Key).Start();
        while (board.Node.LinkState != LinkState.Connected)
            await Task.Delay(10);
        using var console = await ClientAsync(port, "bench-ring-console");
        long arrivedAt = 0;
        var rang = new SemaphoreSlim(0);
        console.ApplicationMessageReceivedAsync += e =>
        {
            var root = JsonDocument.Parse(e.ApplicationMessage.Payload.ToArray()).RootElement;
            if (root.GetProperty("type").GetString() == "call" && root.TryGetProperty("name", out var name) && name.GetString() == "calling")
            {
                Interlocked.Exchange(ref arrivedAt, Stopwatch.GetTimestamp());
                rang.Release();
            }
            return Task.CompletedTask;
        };
        await console.SubscribeAsync(new Topics(config.Site, config.DeviceId).Events, MqttQualityOfServiceLevel.AtLeastOnce);
        while (!board.Controller.Settled)
            await Task.Delay(10); // inputs are trusted once they have settled after boot
        var samples = new List<double>();
        for (var i = 0; i < n + 5; i++)
        {
            var pressed = Stopwatch.GetTimestamp();
            board.Set(InputFunction.CallButton, true);
            if (!await rang.WaitAsync(TimeSpan.FromSeconds(5)))
                throw new InvalidOperationException("the call never rang; the board recorded: "
                    + string.Join(", ", board.RecordedSince(0).TakeLast(8).Select(r => Names.Of(r.Type) + " " + r.Name)));
            var elapsed = Stopwatch.GetElapsedTime(pressed, Interlocked.Read(ref arrivedAt)).TotalMilliseconds - debounce;
            if (i >= 5)
                samples.Add(elapsed);
            await Task.Delay(600); // held past the 500 ms long press: the call is cancelled and the next press rings afresh
            board.Set(InputFunction.CallButton, false);
            await Task.Delay(debounce + 50);
        }
        return (samples, debounce);
    }

    private static async Task<List<double>> UnlockAsync(int port, int n)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "site", "main-gate.json"));
        var config = ConfigReader.Read(json, new ConfigErrors())!;
        var connect = new TransportConnectOptions { Host = "127.0.0.1", Port = port, UseTls = false, ClientId = "kiosk-bench", ProtocolVersion = 5 };
        using var board = new SimulatedBoard(config, connect, Key).Start();
        while (board.Node.LinkState != LinkState.Connected)
            await Task.Delay(10);
        using var console = await ClientAsync(port, "bench-console");
        var writer = new CommandWriter();
        var hmac = new BclHmacSha256();
        var counter = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var topic = new Topics(config.Site, config.DeviceId).Commands;
        var samples = new List<double>();

        async Task SendAsync(string command, string arg)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var signed = new SignedCommand { RequestId = "b" + counter, DeviceId = config.DeviceId, Command = command, Argument = arg,
                Sender = "operator:bench", IssuedAt = now, ExpiresAt = now + 30, Counter = ++counter };
            await console.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(writer.Write(signed, Key, hmac, null))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        for (var i = 0; i < n + 20; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await SendAsync("unlock", "");
            while (!board.LockReleased)
                Thread.SpinWait(50);
            var elapsed = Stopwatch.GetElapsedTime(start, board.Lock.LastWriteTimestamp).TotalMilliseconds;
            if (i >= 20)
                samples.Add(elapsed);
            // Secure it again (lock-down on, off) so the next unlock writes the pin afresh.
            await SendAsync("lockdown", "on");
            while (board.LockReleased)
                await Task.Delay(1);
            await SendAsync("lockdown", "off");
        }
        return samples;
    }
}
