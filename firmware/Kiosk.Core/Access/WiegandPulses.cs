namespace Kiosk.Core.Access
{
    /// <summary>
    /// The hand-over point between a reader's capture (GPIO interrupts or the ESP32's RMT unit on the
    /// board, the simulated reader on desktop) and the core: a bounded ring of pulses, one per data
    /// bit, in parallel primitive arrays allocated once. A frame is 26–34 pulses in about 70 ms, so
    /// pulses do not go through the input queue, where they would crowd out the door's edges; the
    /// core drains this ring on every tick.
    /// </summary>
    /// <remarks>
    /// Times are microseconds on the capture's own clock (ESP32: HighResTimer); the decoder only
    /// ever compares them with each other, never with the loop's millisecond clock.
    /// </remarks>
    public sealed class WiegandPulses
    {
        private readonly int[] _lines;
        private readonly long[] _starts;
        private readonly int[] _widths;
        private readonly object _gate = new object();
        private int _head;
        private int _count;
        private int _dropped;

        /// <param name="capacity">pulses held between two loop ticks (a 34-bit frame is 34)</param>
        /// <param name="timed">
        /// whether start and width are the pulse's own, measured where it happened (the simulator; a
        /// native or RMT capture). nanoFramework's GPIO event path is not: it delivers edges in order
        /// but late and in batches, with no timestamp of its own, so its pulses carry order only.
        /// </param>
        public WiegandPulses(int capacity, bool timed)
        {
            Timed = timed;
            _lines = new int[capacity];
            _starts = new long[capacity];
            _widths = new int[capacity];
        }

        public int Capacity => _lines.Length;

        /// <summary>See the constructor: when false, the decoder checks order, length and parity, never timing.</summary>
        public bool Timed { get; }

        /// <summary>Width of a pulse that started while the other line was still low: both lines low at once is noise.</summary>
        public const int Overlapping = -1;

        /// <summary>
        /// Records one low pulse: <paramref name="line"/> 0 for D0 (a 0 bit), 1 for D1 (a 1 bit); width in µs,
        /// 0 when the capture cannot measure it, <see cref="Overlapping"/> when the other line was low too.
        /// Called from the capture's thread.
        /// </summary>
        public void Add(int line, long startMicros, int widthMicros)
        {
            lock (_gate)
            {
                if (_count == _lines.Length)
                {
                    _dropped++; // a frame that lost pulses fails its length or parity check: refused, not guessed
                    return;
                }
                int at = (_head + _count) % _lines.Length;
                _lines[at] = line;
                _starts[at] = startMicros;
                _widths[at] = widthMicros;
                _count++;
            }
        }

        /// <summary>Takes the oldest pulse; false when there is none.</summary>
        public bool TryTake(out int line, out long startMicros, out int widthMicros)
        {
            lock (_gate)
            {
                if (_count == 0)
                {
                    line = 0;
                    startMicros = 0;
                    widthMicros = 0;
                    return false;
                }
                line = _lines[_head];
                startMicros = _starts[_head];
                widthMicros = _widths[_head];
                _head = (_head + 1) % _lines.Length;
                _count--;
                return true;
            }
        }

        /// <summary>Pulses refused because the ring was full, since the last call; resets.</summary>
        public int TakeDropped()
        {
            lock (_gate)
            {
                int dropped = _dropped;
                _dropped = 0;
                return dropped;
            }
        }
    }
}
