using System;
using Kiosk.Core.Access;
using Kiosk.Core.Commands;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Health;
using Kiosk.Core.Json;
using Kiosk.Core.Link;
using Kiosk.Core.Loop;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.Core.Time;

namespace Kiosk.Core
{
    /// <summary>
    /// An entrance controller on the network: the <see cref="EntranceController"/> plus the MQTT
    /// protocol around it (docs/protocol.md): the network link, network time, connection with birth
    /// and will, store-and-forward of events, heartbeat, retained state, verified commands with
    /// correlated replies, and a clean restart when the heap runs low. It is the loop's handler; the
    /// controller underneath works the same with the network gone.
    /// </summary>
    public sealed class KioskNode : IInputHandler
    {
        /// <summary>Backlog drain rate after an outage, events per second.</summary>
        public const int BacklogPerSecond = 50;

        /// <summary>A network call blocked this long is hung: the board restarts at a quiet moment.</summary>
        public const long HungCallMillis = 10L * 60 * 1000;

        /// <summary>Connect attempts in a row that never answered (each abandoned after 20 s) before the MQTT client counts as hung.</summary>
        public const int HungConnectAttempts = 10;

        private readonly EntranceController _controller;
        private readonly ControllerConfig _config;
        private readonly IMessageTransport _transport;
        private readonly IWallClock _wallClock;
        private readonly ISystemInfo _system;
        private readonly Topics _topics;
        private readonly MessageWriter _writer;
        private readonly ConnectionManager _link;
        private readonly NetworkSupervisor _network;
        private readonly ClockKeeper _clock;
        private readonly QuietRestart _restart;
        private readonly Outbox _outbox;
        private readonly CommandVerifier _verifier;
        private readonly AccessListSync _accessSync;
        private readonly RefusalLog _refusals;
        private readonly SignedCommand _command = new SignedCommand();
        private readonly CommandScanner _scanner = new CommandScanner();
        private readonly EventRecord _scratch = new EventRecord();
        private readonly long _bootAt;
        private long _nextHeartbeatAt;
        private long _stateSignature = -1;
        private bool _stateHeldBack;

        /// <summary>A node on a host that keeps the network and the clock itself (desktop, simulator).</summary>
        public KioskNode(EntranceController controller, IMessageTransport transport, TransportConnectOptions options,
            byte[] commandKey, IHmacSha256 hmac, ISystemInfo system, ControllerPorts ports)
            : this(controller, transport, options, commandKey, hmac, system, ports, new NodeLinks())
        {
        }

        public KioskNode(EntranceController controller, IMessageTransport transport, TransportConnectOptions options,
            byte[] commandKey, IHmacSha256 hmac, ISystemInfo system, ControllerPorts ports, NodeLinks links)
        {
            _controller = controller;
            _config = controller.Config;
            _transport = transport;
            _wallClock = ports.WallClock;
            _system = system;
            _bootAt = ports.Clock.NowMillis;
            _topics = new Topics(_config.Site, _config.DeviceId);
            _writer = new MessageWriter(_config.Site, _config.DeviceId, _config.Version, _config.Name, _config.SiteName);
            _link = new ConnectionManager(transport, options, _topics, _writer, ports.WallClock, controller.BootId,
                new Backoff(Backoff.SeedFrom(_config.DeviceId, controller.BootId)), controller.Log);
            _network = new NetworkSupervisor(links.Network, _config.Network, links.WifiPassword, links.Worker, links.Listener,
                controller.Log, new Backoff(Backoff.SeedFrom(_config.DeviceId, controller.BootId + 1)));
            if (links.TimeSource != null)
                _clock = new ClockKeeper(links.TimeSource, _config.Time, links.Worker, links.Listener, controller,
                    new Backoff(Backoff.SeedFrom(_config.DeviceId, controller.BootId + 2)));
            _restart = new QuietRestart(_config.LowMemoryRebootBytes, links.Power, ports.Storage, controller.Log);
            _outbox = new Outbox(controller.Store, transport, _writer, _topics.Events, BacklogPerSecond);
            _verifier = new CommandVerifier(_config.DeviceId, commandKey, hmac, ports.WallClock, ports.Storage);
            _refusals = new RefusalLog(controller.Log);
            controller.EnableAccess(hmac, commandKey);
            if (controller.AllowList != null)
                _accessSync = new AccessListSync(ports.Storage, controller.AllowList, hmac, commandKey, controller.Log);
        }

        public EntranceController Controller => _controller;
        public Topics Topics => _topics;
        public LinkState LinkState => _link.State;
        public Outbox Outbox => _outbox;
        public int Connection => _link.Connection;

        /// <summary>The broker of the cluster list in use or tried next ("host:port"); see <see cref="ConnectionManager.BrokerIndex"/>.</summary>
        public string Broker => _link.Broker;
        public NetworkSupervisor Network => _network;
        public ClockKeeper ClockKeeper => _clock;
        public QuietRestart Restart => _restart;

        public void OnInput(InputEvent input, long nowMillis)
        {
            switch (input.Kind)
            {
                case InputKind.TransportConnected:
                    _link.Connected(nowMillis);
                    _outbox.Start(nowMillis);
                    _stateSignature = -1; // publish the state snapshot afresh
                    _nextHeartbeatAt = nowMillis;
                    break;
                case InputKind.TransportLost:
                    _link.Lost(input.Payload as string, nowMillis);
                    _outbox.Stop();
                    break;
                case InputKind.NetworkUp:
                    _network.NetworkUp(input.Payload as string, nowMillis);
                    break;
                case InputKind.NetworkDown:
                    _network.NetworkDown(input.Payload as string, nowMillis);
                    if (_link.State != LinkState.Waiting)
                        LinkDown("network down", nowMillis);
                    break;
                case InputKind.ClockSynced:
                    if (_clock != null && input.Payload is DateTime)
                        _clock.Answered((DateTime)input.Payload, input.AtMillis, nowMillis);
                    break;
                case InputKind.ClockSyncFailed:
                    if (_clock != null)
                        _clock.FailedQuery(input.Payload as string, nowMillis);
                    break;
                case InputKind.PublishAcknowledged:
                    long seq = _outbox.Acknowledged(input.Value);
                    if (seq > 0 && _outbox.TryRead(seq, _scratch) && _scratch.Type == EventType.Call && _scratch.Code == 1)
                        _controller.CallDelivered(_scratch.Source, nowMillis); // the duty room has the call: it rings
                    break;
                case InputKind.MessageReceived:
                    Received((ReceivedMessage)input.Payload, nowMillis);
                    break;
            }
            _controller.OnInput(input, nowMillis);
        }

        public void OnTick(long nowMillis)
        {
            _controller.OnTick(nowMillis);
            if (_controller.AllowList != null)
                _writer.AccessListVersion = _controller.AllowList.Version;
            _refusals.Tick(nowMillis);
            _network.Tick(nowMillis);
            if (_clock != null)
                _clock.Tick(nowMillis, _network.IsUp);
            if (_network.IsUp)
                _link.Tick(nowMillis);
            bool connected = _link.State == LinkState.Connected;
            if (connected && _outbox.Stalled(nowMillis))
            {
                LinkDown("no PUBACK in " + Outbox.AckTimeoutMillis / 1000 + " s", nowMillis);
                connected = false;
            }
            if (connected)
            {
                // A live event (a ring, a door opening) goes out alone in its tick; the state
                // snapshot that usually changed with it follows one tick later. Encoding and sending
                // it in the same step would hold the event's delivery behind a second publish, on
                // the device's one CPU and on the broker, and the duty room waits for the event.
                // One tick at most, so live events in every tick (a burst of edges) cannot starve it;
                // a backlog flush does not count, it is not what anyone is waiting for.
                if (_outbox.Pump(nowMillis) == 0 || _stateHeldBack)
                {
                    _stateHeldBack = false;
                    PublishStateIfChanged();
                }
                else
                    _stateHeldBack = true;
            }
            if (nowMillis >= _nextHeartbeatAt)
            {
                // One heap reading per heartbeat period, connected or not: it costs a collection on
                // the device, and a board that leaks while offline must still restart in time.
                _nextHeartbeatAt = nowMillis + _config.HeartbeatSeconds * 1000L;
                long free = _system.FreeMemory;
                _restart.Reading(free, nowMillis - _bootAt);
                if (connected)
                    _transport.Publish(_topics.Heartbeat, _writer.Heartbeat(_controller.BootId, (nowMillis - _bootAt) / 1000,
                        free, _system.SignalDbm, _outbox.Backlog, _wallClock.IsSynced, Now()), 0, false, null);
            }
            CheckHungCalls(nowMillis);
            if (_restart.Pending && _controller.Quiet && _outbox.InFlight == 0)
                RestartWhenQuiet();
        }

        private void LinkDown(string reason, long nowMillis)
        {
            _link.Dead(reason, nowMillis);
            _outbox.Stop();
            _controller.Call.SetOnline(false);
        }

        /// <summary>
        /// A software watchdog for the network side (nanoFramework gives the app none): a bring-up,
        /// time query or MQTT connect that has not returned for <see cref="HungCallMillis"/> cannot be
        /// cancelled from managed code, so the board restarts at its next quiet moment.
        /// </summary>
        private void CheckHungCalls(long nowMillis)
        {
            if (_restart.Pending)
                return;
            string hung = _network.BusySince >= 0 && nowMillis - _network.BusySince >= HungCallMillis ? "network bring-up"
                : _clock != null && _clock.BusySince >= 0 && nowMillis - _clock.BusySince >= HungCallMillis ? "time query"
                : _link.ConsecutiveTimeouts >= HungConnectAttempts ? "mqtt connect" : null;
            if (hung == null)
                return;
            _controller.Log.Record(EventType.Link, LinkEvent.StackHung, "watchdog", hung + " hung: restart when quiet");
            _restart.Request("hung: " + hung);
        }

        /// <summary>Keeps what must survive (the delivered mark), drops the link so the will tells the duty room, and restarts.</summary>
        private void RestartWhenQuiet()
        {
            _controller.Store.MarkDelivered(_controller.Store.DeliveredThrough, true);
            _transport.Disconnect();
            _restart.Tick(true);
        }

        public void OnInputsDropped(int dropped, long nowMillis)
        {
            _controller.OnInputsDropped(dropped, nowMillis);
        }

        public void OnFault(Exception fault, long nowMillis)
        {
            _controller.OnFault(fault, nowMillis);
        }

        private void Received(ReceivedMessage message, long nowMillis)
        {
            if (message.Topic == _topics.Commands)
                HandleCommand(message, nowMillis);
            else if (message.Topic == _topics.Status)
                CheckOwnStatus(message);
        }

        /// <summary>
        /// A retained "offline" for this device from an older (or this) connection means a late will
        /// overwrote the birth: publish the birth again so late joiners see the truth.
        /// </summary>
        private void CheckOwnStatus(ReceivedMessage message)
        {
            if (_link.State != LinkState.Connected || message.Payload == null || message.Payload.Length > 512)
                return;
            try
            {
                JsonObject status = JsonParser.Parse(message.Payload, 0, message.Payload.Length) as JsonObject;
                if (status == null || !("offline".Equals(status.Get("state"))))
                    return;
                object boot = status.Get("boot");
                object conn = status.Get("conn");
                bool older = boot is long && conn is long
                    && ((long)boot < _controller.BootId || ((long)boot == _controller.BootId && (long)conn <= _link.Connection));
                if (older)
                    _link.PublishBirth();
            }
            catch (JsonException)
            {
                // someone else's garbage on our status topic: not ours to act on
            }
        }

        private void HandleCommand(ReceivedMessage message, long nowMillis)
        {
            string replyTopic;
            string problem = CommandReader.Read(message.Payload, _command, out replyTopic, _scanner);
            string destination = message.ResponseTopic != null ? message.ResponseTopic : replyTopic != null ? replyTopic : _topics.Replies;
            if (problem != null)
            {
                // The record names whoever the payload claims sent it, when that much was readable.
                string claimed = _command.Sender.Length > 0 ? _command.Sender : "mqtt";
                if (_refusals.Refused((int)CommandResult.Invalid, claimed, Cut(problem), nowMillis))
                    Reply(destination, message.CorrelationData, _command.RequestId, _command.Command, CommandResult.Invalid, problem);
                return;
            }
            string why;
            CommandResult verdict = _verifier.Verify(_command, message.Retained, out why);
            if (verdict != CommandResult.Ok)
            {
                // A security event: who claimed to send what, and why it was refused.
                bool recorded = _refusals.Refused((int)verdict, _command.Sender, Cut(_command.Command + ": " + why), nowMillis);
                if (recorded && !message.Retained)
                    Reply(destination, message.CorrelationData, _command.RequestId, _command.Command, verdict, why);
                return;
            }
            string detail = "";
            CommandResult result = Execute(_command, nowMillis, ref detail);
            Reply(destination, message.CorrelationData, _command.RequestId, _command.Command, result, detail);
        }

        private CommandResult Execute(SignedCommand c, long nowMillis, ref string detail)
        {
            switch (c.Command)
            {
                case "unlock":
                    return _controller.RemoteUnlock(c.Sender, nowMillis);
                case "lockdown":
                    if (c.Argument != "on" && c.Argument != "off")
                    {
                        detail = "arg must be on or off";
                        return CommandResult.Invalid;
                    }
                    return _controller.SetLockDown(c.Argument == "on", c.Sender, nowMillis);
                case "ack":
                    int kind = Names.AlarmKindOf(c.Argument.Length == 0 ? "all" : c.Argument);
                    if (kind < 0)
                    {
                        detail = "unknown alarm kind '" + c.Argument + "'";
                        return CommandResult.Invalid;
                    }
                    return _controller.Acknowledge(kind, c.Sender, nowMillis);
                case "answer":
                    return _controller.AnswerCall(c.Argument, c.Sender, nowMillis);
                case "end":
                    return _controller.EndCall(c.Argument, c.Sender, nowMillis);
                case "acl":
                    if (_accessSync == null)
                    {
                        detail = "this door has no access reader";
                        return CommandResult.Rejected;
                    }
                    return _accessSync.Apply(c.Argument, c.Data, out detail);
                case "state":
                    _link.PublishBirth();
                    _stateSignature = -1;
                    return CommandResult.Ok;
                case "time":
                    long unixMillis;
                    if (!long.TryParse(c.Argument, out unixMillis) || unixMillis < EventLog.PlausibleFromMillis || unixMillis >= EventLog.PlausibleUntilMillis)
                    {
                        detail = "arg must be ms since 1970, in 2020..2999";
                        return CommandResult.Invalid;
                    }
                    return _controller.SetClock(EventLog.FromUnixMillis(unixMillis), c.Sender);
                default:
                    detail = "unknown command";
                    return CommandResult.Invalid;
            }
        }

        private void Reply(string topic, byte[] correlation, string requestId, string command, CommandResult result, string detail)
        {
            if (_link.State != LinkState.Connected)
                return;
            _transport.Publish(topic, _writer.Reply(requestId, command, result, detail, Now()), 1, false, correlation);
        }

        private void PublishStateIfChanged()
        {
            // Every field the snapshot shows, packed without overlap (counts below 256).
            long signature = (long)_controller.DoorState
                | (_controller.LockReleased ? 1L : 0L) << 4
                | (long)_controller.Call.State << 5
                | (long)(_controller.Alarms.LatchedCount & 0xFF) << 8
                | (long)(ActiveAlarms() & 0xFF) << 16
                | (_controller.Lights.IsNight ? 1L : 0L) << 24
                | (_controller.LockDownActive ? 1L : 0L) << 25
                | (_controller.FireActive ? 1L : 0L) << 26;
            if (signature == _stateSignature)
                return;
            _stateSignature = signature;
            _transport.Publish(_topics.State, _writer.State(_controller, Now()), 1, true, null);
        }

        private int ActiveAlarms()
        {
            int n = 0;
            for (int i = 0; i < _controller.Alarms.Count; i++)
                if (_controller.Alarms[i].Active)
                    n++;
            return n;
        }

        private long Now()
        {
            return EventLog.ToUnixMillis(_wallClock.UtcNow);
        }

        private static string Cut(string text)
        {
            return text.Length > EventRecord.MaxDetailLength ? text.Substring(0, EventRecord.MaxDetailLength) : text;
        }
    }
}
