namespace Kiosk.Core.Access
{
    /// <summary>
    /// Turns the pulses of a Wiegand reader into frames: 26- and 34-bit cards with their parity
    /// checked, 4- and 8-bit keypad keys. Anything else (bad parity, an unknown length, pulses that
    /// overlap, are too short, too long or too close, a frame over 64 bits, a line stuck low) is
    /// refused with its reason and counted, never guessed: a guessed card number opens the wrong
    /// door or locks out the right resident.
    /// </summary>
    /// <remarks>
    /// The Wiegand convention: idle high, each bit a low pulse of about 50 µs (20–100) on D0 for a 0
    /// or D1 for a 1, bits 0.5–2 ms apart, the frame ended by about 25 ms of silence. Pulse times
    /// come from the capture's microsecond clock; silence at the end of the last frame is measured
    /// on the loop's clock from when its last pulse was drained, so the two clocks never mix.
    /// </remarks>
    public sealed class WiegandDecoder
    {
        public const int MinPulseMicros = 10;
        public const int MaxPulseMicros = 500;
        public const int MinBitSpacingMicros = 200;
        /// <summary>A gap this long between two pulses ends the frame (bits are at most ~2 ms apart).</summary>
        public const int FrameGapMicros = 20000;
        /// <summary>This long without a pulse on the loop's clock ends the frame being read.</summary>
        public const int FrameSilenceMillis = 25;
        /// <summary>The same for an untimed capture: nanoFramework delivers GPIO events up to a 20 ms time slice late.</summary>
        public const int UntimedFrameSilenceMillis = 60;
        public const int MaxBits = 64;
        /// <summary>A data line low this long is stuck (a pulse is 50 µs): reported once, frames refused until it is high.</summary>
        public const int StuckLineMillis = 1000;

        private readonly WiegandPulses _pulses;
        private ulong _bits;
        private int _count;
        private long _lastStart;
        private int _lastWidth;
        private string _noise;
        private long _lastDrainMillis;
        private bool _hasPending;
        private int _pendingLine;
        private long _pendingStart;
        private int _pendingWidth;
        private long _lowSince0 = -1;
        private long _lowSince1 = -1;
        private bool _stuck;
        private int _lost;

        public WiegandDecoder(WiegandPulses pulses)
        {
            _pulses = pulses;
        }

        /// <summary>Frames refused since start (bad parity, length, noise, stuck line, lost pulses).</summary>
        public int Refused { get; private set; }

        /// <summary>True while a data line reads stuck low: nothing from this reader is trusted.</summary>
        public bool LineStuck => _stuck;

        /// <summary>
        /// Drains the pulses and returns true with the next completed frame in <paramref name="frame"/>
        /// (call again until false: one tick can complete several frames).
        /// </summary>
        public bool Poll(long nowMillis, WiegandFrame frame)
        {
            int lost = _pulses.TakeDropped();
            if (lost > 0)
                _lost += lost;
            while (true)
            {
                if (!_hasPending)
                {
                    if (!_pulses.TryTake(out _pendingLine, out _pendingStart, out _pendingWidth))
                        break;
                    _hasPending = true;
                    _lastDrainMillis = nowMillis;
                }
                if (_pulses.Timed && _count > 0 && _pendingStart - _lastStart >= FrameGapMicros)
                {
                    Finish(frame);
                    return true; // the pending pulse starts the next frame
                }
                Accept(_pendingLine, _pendingStart, _pendingWidth);
                _hasPending = false;
            }
            if (_count > 0 && nowMillis - _lastDrainMillis >= (_pulses.Timed ? FrameSilenceMillis : UntimedFrameSilenceMillis))
            {
                Finish(frame);
                return true;
            }
            return false;
        }

        /// <summary>
        /// Watches the data lines' levels (read at each tick): a line low for <see cref="StuckLineMillis"/>
        /// is a wiring fault. Returns the reason once when a line becomes stuck, else null.
        /// </summary>
        public string WatchLines(bool d0Low, bool d1Low, long nowMillis)
        {
            _lowSince0 = d0Low ? (_lowSince0 < 0 ? nowMillis : _lowSince0) : -1;
            _lowSince1 = d1Low ? (_lowSince1 < 0 ? nowMillis : _lowSince1) : -1;
            bool stuck0 = _lowSince0 >= 0 && nowMillis - _lowSince0 >= StuckLineMillis;
            bool stuck1 = _lowSince1 >= 0 && nowMillis - _lowSince1 >= StuckLineMillis;
            bool was = _stuck;
            _stuck = stuck0 || stuck1;
            if (_stuck && !was)
            {
                Refused++;
                return stuck0 && stuck1 ? "D0 and D1 stuck low" : stuck0 ? "D0 stuck low" : "D1 stuck low";
            }
            return null;
        }

        private void Accept(int line, long start, int width)
        {
            if (_count == 0)
                _noise = null;
            if (_lost > 0 && _noise == null)
            {
                _noise = _lost + " pulses lost (the capture ring was full)";
                _lost = 0;
            }
            if (_noise == null)
            {
                if (_stuck)
                    _noise = "a data line is stuck low";
                else if (width == WiegandPulses.Overlapping)
                    _noise = "D0 and D1 low at once";
                else if (!_pulses.Timed)
                {
                    // Order only: timing cannot be judged from an untimed capture.
                }
                else if (width < MinPulseMicros)
                    _noise = "a pulse of " + width + " us on D" + line + " (a glitch)";
                else if (width > MaxPulseMicros)
                    _noise = "a pulse of " + width + " us on D" + line + " (too long)";
                else if (_count > 0 && start < _lastStart + _lastWidth)
                    _noise = "D0 and D1 low at once";
                else if (_count > 0 && start - _lastStart < MinBitSpacingMicros)
                    _noise = "bits " + (start - _lastStart) + " us apart (too close)";
                if (_noise == null && _count >= MaxBits)
                    _noise = "more than " + MaxBits + " bits";
            }
            if (_count < MaxBits)
                _bits = (_bits << 1) | (uint)(line & 1);
            _count++;
            _lastStart = start;
            _lastWidth = width;
        }

        private void Finish(WiegandFrame frame)
        {
            frame.Bits = _count;
            frame.Value = 0;
            frame.Refusal = _noise != null ? _noise : Decode(frame);
            frame.Kind = frame.Refusal == null ? frame.Kind : WiegandFrameKind.Refused;
            if (frame.Refusal != null)
                Refused++;
            _count = 0;
            _bits = 0;
            _noise = null;
        }

        /// <summary>Fills kind and value; returns the reason when the frame is not a known, intact format.</summary>
        private string Decode(WiegandFrame frame)
        {
            switch (_count)
            {
                case 26:
                    if (Ones(0, 13) % 2 != 0 || Ones(13, 13) % 2 != 1)
                        return "26 bits with bad parity";
                    frame.Kind = WiegandFrameKind.Card26;
                    frame.Value = (long)((_bits >> 1) & 0xFFFFFF);
                    return null;
                case 34:
                    if (Ones(0, 17) % 2 != 0 || Ones(17, 17) % 2 != 1)
                        return "34 bits with bad parity";
                    frame.Kind = WiegandFrameKind.Card34;
                    frame.Value = (long)((_bits >> 1) & 0xFFFFFFFF);
                    return null;
                case 4:
                    return Key(frame, (int)(_bits & 0xF));
                case 8:
                    int low = (int)(_bits & 0xF);
                    int high = (int)((_bits >> 4) & 0xF);
                    if (high != (~low & 0xF))
                        return "8-bit key whose check nibble does not match";
                    return Key(frame, low);
                default:
                    return _count + " bits: not a format this reader input knows (26, 34, 4, 8)";
            }
        }

        private static string Key(WiegandFrame frame, int key)
        {
            if (key > WiegandFrame.KeyHash)
                return "key code " + key + " is not a key";
            frame.Kind = WiegandFrameKind.Key;
            frame.Value = key;
            return null;
        }

        /// <summary>Ones among <paramref name="length"/> bits starting at transmitted bit <paramref name="first"/> (bit 0 arrives first).</summary>
        private int Ones(int first, int length)
        {
            int ones = 0;
            for (int i = first; i < first + length; i++)
                ones += (int)((_bits >> (_count - 1 - i)) & 1);
            return ones;
        }
    }
}
