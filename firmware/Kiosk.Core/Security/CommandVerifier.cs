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
        private readonly byte[] _counterScratch = new byte[CheckedBlob.ScratchSize(8)];
        // Reused for every command: the MAC as it came (hex digits, then bytes), the canonical text
        // the MAC covers, and the MAC this device computes. A check allocates nothing when the
        // adapter hashes into a buffer (IHmacSha256Into); only a refusal writes a reason.
        private readonly IHmacSha256Into _hmacInto;
        private readonly byte[] _macDigits = new byte[64 * 3]; // room for any 64 chars as UTF-8: a non-hex MAC fails, never throws
        private readonly byte[] _mac = new byte[32];
        private readonly byte[] _expected = new byte[32];
        private readonly CanonicalForm _canonical = new CanonicalForm();
        private long _lastCounter;

        public CommandVerifier(string deviceId, byte[] key, IHmacSha256 hmac, IWallClock clock, IStorage storage)
        {
            if (key == null || key.Length < 16)
                throw new ArgumentException("the command key must be at least 16 bytes", "key");
            _deviceId = deviceId;
            _key = key;
            _hmac = hmac;
            _hmacInto = hmac as IHmacSha256Into;
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
            if (!MacVerifies(command))
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
            CheckedBlob.Write(_storage, CounterBlob, _counterBytes, 8, _counterScratch);
            why = "";
            return CommandResult.Ok;
        }

        /// <summary>The MAC the command carries equals the one its canonical text gives under this device's key.</summary>
        private bool MacVerifies(SignedCommand command)
        {
            string text = command.Mac;
            // 64 hex digits or nothing: read through Encoding (one pass; indexing a string is a walk on nanoCLR).
            if (text == null || text.Length != 64)
                return false;
            if (Encoding.UTF8.GetBytes(text, 0, 64, _macDigits, 0) != 64 || !Hex.DecodeInto(_macDigits, 0, 64, _mac))
                return false;
            int length = _canonical.Write(command);
            if (_hmacInto != null)
            {
                _hmacInto.Compute(_key, _canonical.Buffer, length, _expected);
                return Hex.FixedTimeEquals(_mac, _expected);
            }
            byte[] exact = new byte[length];
            System.Array.Copy(_canonical.Buffer, exact, length);
            return Hex.FixedTimeEquals(_mac, _hmac.Compute(_key, exact));
        }
    }
}
