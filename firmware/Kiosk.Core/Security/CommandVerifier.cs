using System;
using System.Text;
using Kiosk.Core.Boot;
using Kiosk.Core.Commands;
using Kiosk.Core.Events;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Security
{
    /// <summary>
    /// Decides whether a command may run: for this device, not retained, MAC valid under this
    /// device's key, fresh, and its counter above the last accepted one (persisted, so a reboot does
    /// not reopen old commands to replay). The MAC is checked before anything that depends on the
    /// sender's claims, so a forger learns nothing from which check failed.
    /// </summary>
    public sealed class CommandVerifier
    {
        public const string CounterBlob = "cmd.counter";

        /// <summary>Longest validity a command may ask for (issued-at to expiry).</summary>
        public const int MaxValiditySeconds = 300;

        /// <summary>How far ahead of the device's clock a command may claim to be issued (clock skew).</summary>
        public const int MaxFutureSkewSeconds = 30;

        private readonly string _deviceId;
        private readonly byte[] _key;
        private readonly IHmacSha256 _hmac;
        private readonly IWallClock _clock;
        private readonly IStorage _storage;
        private readonly byte[] _counterBytes = new byte[8];
        private long _lastCounter;

        public CommandVerifier(string deviceId, byte[] key, IHmacSha256 hmac, IWallClock clock, IStorage storage)
        {
            if (key == null || key.Length < 16)
                throw new ArgumentException("the command key must be at least 16 bytes", "key");
            _deviceId = deviceId;
            _key = key;
            _hmac = hmac;
            _clock = clock;
            _storage = storage;
            if (CheckedBlob.Read(storage, CounterBlob, _counterBytes, 8))
                _lastCounter = (long)EventRecordCodec.GetUInt32(_counterBytes, 0) | ((long)EventRecordCodec.GetUInt32(_counterBytes, 4) << 32);
        }

        /// <summary>The highest counter accepted so far.</summary>
        public long LastCounter => _lastCounter;

        /// <summary>Checks <paramref name="command"/>; on Ok the counter is consumed. <paramref name="why"/> says what failed.</summary>
        public CommandResult Verify(SignedCommand command, bool retained, out string why)
        {
            if (command.DeviceId != _deviceId)
            {
                why = "for device '" + command.DeviceId + "', not this one";
                return CommandResult.Invalid;
            }
            if (retained)
            {
                why = "retained command dropped (commands are never retained)";
                return CommandResult.Rejected;
            }
            byte[] mac = Hex.Decode(command.Mac);
            byte[] expected = _hmac.Compute(_key, Encoding.UTF8.GetBytes(command.Canonical()));
            if (!Hex.FixedTimeEquals(mac, expected))
            {
                why = "MAC does not verify";
                return CommandResult.BadSignature;
            }
            if (command.ExpiresAt - command.IssuedAt > MaxValiditySeconds || command.ExpiresAt < command.IssuedAt)
            {
                why = "validity longer than " + MaxValiditySeconds + " s";
                return CommandResult.Invalid;
            }
            bool clockCommand = command.Command == "time";
            if (!clockCommand)
            {
                if (!_clock.IsSynced)
                {
                    why = "clock not synced: freshness cannot be checked (send a time command)";
                    return CommandResult.Rejected;
                }
                long now = EventLog.ToUnixMillis(_clock.UtcNow) / 1000;
                if (now > command.ExpiresAt)
                {
                    why = "expired " + (now - command.ExpiresAt) + " s ago";
                    return CommandResult.Expired;
                }
                if (command.IssuedAt > now + MaxFutureSkewSeconds)
                {
                    why = "issued " + (command.IssuedAt - now) + " s in the future";
                    return CommandResult.Expired;
                }
            }
            if (command.Counter <= _lastCounter)
            {
                why = "counter " + command.Counter + " not above " + _lastCounter;
                return CommandResult.Replay;
            }
            _lastCounter = command.Counter;
            EventRecordCodec.PutUInt32(_counterBytes, 0, (uint)(_lastCounter & 0xFFFFFFFF));
            EventRecordCodec.PutUInt32(_counterBytes, 4, (uint)((_lastCounter >> 32) & 0xFFFFFFFF));
            CheckedBlob.Write(_storage, CounterBlob, _counterBytes, 8);
            why = "";
            return CommandResult.Ok;
        }
    }
}
