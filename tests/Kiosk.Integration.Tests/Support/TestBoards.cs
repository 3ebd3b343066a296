using System;
using System.IO;
using Kiosk.Core.Config;
using Kiosk.Core.Ports;
using Kiosk.HostSim.Simulation;

namespace Kiosk.Integration.Tests.Support;

/// <summary>Boards for the integration tests: the sample booth config, a per-test key, the broker's port.</summary>
internal static class TestBoards
{
    public static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    /// <summary>The sample booth, renamed, with room for 4096 events; a guard's patrol key may be turned up to 300 times a minute here (the flood the outage test needs).</summary>
    public static ControllerConfig Config(string deviceId = "main-gate", string site = "maple-court")
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "site", "main-gate.json")))!;
        node["deviceId"] = deviceId;
        node["site"] = site;
        node["flapLimitPerMinute"] = 600;
        node["eventCapacity"] = 4096;
        var json = node.ToJsonString();
        var errors = new ConfigErrors();
        return ConfigReader.Read(json, errors) ?? throw new InvalidOperationException(errors.ToString());
    }

    public static TransportConnectOptions Connect(int port, string deviceId = "main-gate", int protocol = 5, string site = "maple-court") => new()
    {
        Host = "127.0.0.1",
        Port = port,
        UseTls = false,
        ClientId = Kiosk.Core.Protocol.Topics.ClientId(site, deviceId),
        KeepAliveSeconds = 5,
        ProtocolVersion = protocol,
    };

    /// <param name="deviceTransport">run the device's own transport code (BlockingClientTransport over an M2Mqtt-shaped client)</param>
    public static SimulatedBoard Start(int port, double speed = 1, MemoryStorage? storage = null, string deviceId = "main-gate", int protocol = 5,
        bool deviceTransport = false) =>
        new SimulatedBoard(Config(deviceId), Connect(port, deviceId, protocol), Key, storage, deviceTransport: deviceTransport).Start(speed);
}
