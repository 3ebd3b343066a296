using Kiosk.Core.Alarms;
using Kiosk.Core.Call;
using Kiosk.Core.Commands;
using Kiosk.Core.Door;
using Kiosk.Core.Events;

namespace Kiosk.Core.Protocol
{
    /// <summary>Every payload the device publishes, written by the core so device and console agree by construction (docs/protocol.md).</summary>
    public sealed class MessageWriter
    {
        public const int Version = 1;
        private readonly JsonWriter _json = new JsonWriter();
        private readonly string _site;
        private readonly string _deviceId;

        private readonly int _configVersion;
        private readonly string _name;
        private readonly string _siteName;

        public MessageWriter(string site, string deviceId)
            : this(site, deviceId, 0)
        {
        }

        /// <param name="configVersion">the config format the device booted with, reported in its birth (0: not reported)</param>
        public MessageWriter(string site, string deviceId, int configVersion)
            : this(site, deviceId, configVersion, null, null)
        {
        }

        /// <param name="configVersion">the config format the device booted with, reported in its birth (0: not reported)</param>
        /// <param name="name">the entrance's display name (东门岗亭), reported in its birth; null: not reported</param>
        /// <param name="siteName">the estate's display name, reported in its birth; null: not reported</param>
        public MessageWriter(string site, string deviceId, int configVersion, string name, string siteName)
        {
            _site = site;
            _deviceId = deviceId;
            _configVersion = configVersion;
            _name = name;
            _siteName = siteName;
        }

        /// <summary>An event's payload as a new array of its exact size (what a transport that keeps it until PUBACK needs).</summary>
        public byte[] Event(EventRecord e)
        {
            int length = EventInto(e);
            byte[] bytes = new byte[length];
            System.Array.Copy(_json.Buffer, bytes, length);
            return bytes;
        }

        /// <summary>
        /// Writes an event's payload into the writer's reused buffer (<see cref="Buffer"/>[0..length),
        /// valid until the next message) and returns its length: encoding allocates nothing.
        /// </summary>
        public int EventInto(EventRecord e)
        {
            _json.Begin().Field("v", Version).Field("site", _site).Field("dev", _deviceId)
                .Field("boot", e.BootId).Field("seq", e.Sequence).Time("ts", e.UnixMillis).Field("synced", e.TimeSynced)
                .Field("type", Names.Of(e.Type)).Field("code", e.Code);
            string name = Names.CodeName(e.Type, e.Code);
            if (name != null)
                _json.Field("name", name);
            return _json.Field("src", e.Source).Field("detail", e.Detail).End();
        }

        /// <summary>The reused buffer <see cref="EventInto"/> writes into.</summary>
        public byte[] Buffer => _json.Buffer;

        /// <summary>
        /// Birth (online) or will (offline). (boot, conn) orders them: a late will from an older
        /// connection loses. Both carry the firmware and config versions for the console's registry.
        /// </summary>
        public byte[] Status(bool online, int bootId, int connection, long unixMillis)
        {
            _json.Begin().Field("v", Version).Field("dev", _deviceId).Field("state", online ? "online" : "offline")
                .Field("boot", bootId).Field("conn", connection).Time("ts", unixMillis).Field("fw", FirmwareInfo.Version);
            if (_configVersion > 0)
                _json.Field("cfg", _configVersion);
            if (online && _name != null)
                _json.Field("name", _name);
            if (online && _siteName != null)
                _json.Field("siteName", _siteName);
            if (online && AccessListVersion >= 0)
                _json.Field("acl", AccessListVersion);
            return _json.EndToBytes();
        }

        public byte[] State(EntranceController c, long unixMillis)
        {
            _json.Begin().Field("v", Version).Field("dev", _deviceId).Field("boot", c.BootId).Time("ts", unixMillis)
                .Field("door", DoorStateNames.Of(c.DoorState)).Field("lock", c.LockReleased ? "released" : "secure")
                .Field("lockdown", c.LockDownActive).Field("fire", c.FireActive)
                .Field("call", CallStateNames.Of(c.Call.State)).Field("callId", c.Call.CallId)
                .Field("night", c.Lights.IsNight).Field("light", c.Lights.LevelPercent).Field("pulse", c.UnlockPulseSeconds);
            _json.BeginArray("latched");
            for (int i = 0; i < c.Alarms.Count; i++)
            {
                Alarm alarm = c.Alarms[i];
                if (alarm.Latched)
                    _json.Item(Names.Of(alarm.Kind) + ":" + alarm.Name + (alarm.Active ? ":active" : ""));
            }
            return _json.EndArray().EndToBytes();
        }

        /// <summary>The allow-list version in force, reported in births and heartbeats so the duty room knows what to send; -1 on a door without a reader.</summary>
        public long AccessListVersion = -1;

        public byte[] Heartbeat(int bootId, long uptimeSeconds, long freeMemory, int signalDbm, long backlog, bool synced, long unixMillis)
        {
            _json.Begin().Field("v", Version).Field("dev", _deviceId).Field("boot", bootId).Time("ts", unixMillis)
                .Field("uptime", uptimeSeconds).Field("freeMem", freeMemory).Field("rssi", signalDbm)
                .Field("backlog", backlog).Field("synced", synced);
            if (AccessListVersion >= 0)
                _json.Field("acl", AccessListVersion);
            return _json.EndToBytes();
        }

        public byte[] Reply(string requestId, string command, CommandResult result, string detail, long unixMillis)
        {
            return _json.Begin().Field("v", Version).Field("id", requestId).Field("dev", _deviceId).Field("cmd", command)
                .Field("result", Names.Of(result)).Field("detail", detail).Time("ts", unixMillis).EndToBytes();
        }
    }
}
