using System.Threading;

namespace Kiosk.Core.Loop
{
    /// <summary>
    /// The one hand-over point between adapter threads (GPIO interrupts, MQTT callbacks) and the
    /// core's loop: a bounded ring of inputs in parallel primitive arrays, allocated once. When it is
    /// full the newest input is refused and counted, never silently lost: the loop tells the core,
    /// which re-reads every input's level so the door's view is right again. Received messages
    /// may fill it only to three quarters: a flood on a command topic must never crowd out the
    /// door's edges (a door opened and closed while its edges were refused would leave no trace).
    /// </summary>
    public sealed class InputQueue
    {
        // Parallel arrays, not InputEvent[]: nanoCLR boxes every element of a struct array as an
        // object of its own (64 objects of 72 bytes); five primitive arrays are five blocks.
        private readonly InputKind[] _kinds;
        private readonly int[] _sources;
        private readonly int[] _values;
        private readonly long[] _at;
        private readonly object[] _payloads;
        private readonly object _gate = new object();
        private readonly AutoResetEvent _signal = new AutoResetEvent(false);
        private AutoResetEvent _wake;
        private int _head;
        private int _count;
        private int _dropped;
        private int _droppedMessages;

        public InputQueue(int capacity)
        {
            if (capacity < 1)
                throw new System.ArgumentOutOfRangeException("capacity", "An input queue needs room for at least one input.");
            _kinds = new InputKind[capacity];
            _sources = new int[capacity];
            _values = new int[capacity];
            _at = new long[capacity];
            _payloads = new object[capacity];
        }

        public int Capacity => _kinds.Length;

        /// <summary>Most received messages queued at once; the rest of the ring is kept for inputs.</summary>
        public int MessageLimit => _kinds.Length - _kinds.Length / 4;

        /// <summary>Received messages refused because messages already filled their share (a flood); never resets.</summary>
        public int DroppedMessages
        {
            get { lock (_gate) { return _droppedMessages; } }
        }

        public int Count
        {
            get { lock (_gate) { return _count; } }
        }

        /// <summary>Queues an input from any thread; false when the queue was full and it was dropped.</summary>
        public bool Enqueue(InputEvent input)
        {
            lock (_gate)
            {
                if (input.Kind == InputKind.MessageReceived && _count >= MessageLimit)
                {
                    _droppedMessages++;
                    return false;
                }
                if (_count == _kinds.Length)
                {
                    _dropped++;
                    return false;
                }
                int slot = (_head + _count) % _kinds.Length;
                _kinds[slot] = input.Kind;
                _sources[slot] = input.Source;
                _values[slot] = input.Value;
                _at[slot] = input.AtMillis;
                _payloads[slot] = input.Payload;
                _count++;
            }
            _signal.Set();
            AutoResetEvent wake = _wake;
            if (wake != null)
                wake.Set();
            return true;
        }

        public bool Enqueue(InputKind kind, int source, int value, long atMillis)
        {
            return Enqueue(new InputEvent(kind, source, value, atMillis, null));
        }

        /// <summary>Takes the oldest input; false when empty. Called by the loop thread only.</summary>
        public bool TryDequeue(out InputEvent input)
        {
            lock (_gate)
            {
                if (_count == 0)
                {
                    input = new InputEvent();
                    return false;
                }
                input = new InputEvent(_kinds[_head], _sources[_head], _values[_head], _at[_head], _payloads[_head]);
                _payloads[_head] = null; // let a message payload be collected
                _head = (_head + 1) % _kinds.Length;
                _count--;
                return true;
            }
        }

        /// <summary>How many inputs were refused since the last call, and resets the count.</summary>
        public int TakeDroppedCount()
        {
            lock (_gate)
            {
                int dropped = _dropped;
                _dropped = 0;
                return dropped;
            }
        }

        /// <summary>Blocks the loop thread until an input is queued or the timeout passes (device only; tests never wait).</summary>
        /// <summary>
        /// Also sets <paramref name="wake"/> on every input: a host stepping many boards' loops on one
        /// thread (the simulator) waits on one event for all of them instead of polling, so an
        /// input is handled as soon as it arrives, as on the device.
        /// </summary>
        public void AlsoSignal(AutoResetEvent wake)
        {
            _wake = wake;
        }

        public void WaitForInput(int timeoutMillis)
        {
            _signal.WaitOne(timeoutMillis, false);
        }
    }
}
