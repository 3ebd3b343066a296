using System.Threading;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Loop
{
    /// <summary>
    /// The single-threaded loop: drains the input queue into the core with the monotonic time,
    /// then lets the core run its timers. On the device <see cref="Run"/> waits on the queue
    /// between ticks; on a virtual clock, <see cref="RunFor"/> steps time tick by tick, so an hour
    /// of door behaviour runs in milliseconds and the same way every time.
    /// </summary>
    public sealed class ControllerLoop
    {
        private readonly InputQueue _queue;
        private readonly IMonotonicClock _clock;
        private readonly IInputHandler _handler;
        private readonly int _tickMillis;
        // nanoFramework has no 'volatile' (no IsVolatile modifier): Interlocked gives the fence.
        private int _stopping;
        private int _faults;

        public ControllerLoop(InputQueue queue, IMonotonicClock clock, IInputHandler handler, int tickMillis)
        {
            if (queue == null || clock == null || handler == null)
                throw new System.ArgumentNullException(queue == null ? "queue" : clock == null ? "clock" : "handler");
            if (tickMillis < 1 || tickMillis > 1000)
                throw new System.ArgumentOutOfRangeException("tickMillis", "The tick must be 1..1000 ms: debounce and the 2 s open-command budget depend on it.");
            _queue = queue;
            _clock = clock;
            _handler = handler;
            _tickMillis = tickMillis;
        }

        public int TickMillis => _tickMillis;

        /// <summary>Hands every queued input to the core, then one tick. Returns how many inputs were handled.</summary>
        public int RunOnce()
        {
            int handled = 0;
            int dropped = _queue.TakeDroppedCount();
            try
            {
                if (dropped > 0)
                    _handler.OnInputsDropped(dropped, _clock.NowMillis);
            }
            catch (System.Exception e)
            {
                Fault(e);
            }
            InputEvent input;
            while (_queue.TryDequeue(out input))
            {
                // One bad input (a hostile payload, a value the runtime refuses) costs that input,
                // never the loop: on the device this thread is the door.
                try
                {
                    _handler.OnInput(input, _clock.NowMillis);
                }
                catch (System.Exception e)
                {
                    Fault(e);
                }
                handled++;
            }
            try
            {
                _handler.OnTick(_clock.NowMillis);
            }
            catch (System.Exception e)
            {
                Fault(e);
            }
            return handled;
        }

        /// <summary>Exceptions thrown by the handler since the loop started.</summary>
        public int Faults => _faults;

        private void Fault(System.Exception e)
        {
            if (e is PlatformLostException)
                throw e; // the board is gone; its host must see it stop, not a recorded fault
            _faults++;
            try
            {
                _handler.OnFault(e, _clock.NowMillis);
            }
            catch (System.Exception)
            {
                // Nothing more can be done from here; the next tick tries again.
            }
        }

        /// <summary>Runs on the calling thread until <see cref="Stop"/>. Device entry point.</summary>
        public void Run()
        {
            while (Interlocked.CompareExchange(ref _stopping, 0, 0) == 0)
            {
                RunOnce();
                _queue.WaitForInput(_tickMillis);
            }
        }

        public void Stop()
        {
            Interlocked.Exchange(ref _stopping, 1);
        }

        /// <summary>Advances a virtual clock by <paramref name="durationMillis"/>, one tick at a time, running the loop after each step.</summary>
        public void RunFor(VirtualClock clock, long durationMillis)
        {
            long end = clock.NowMillis + durationMillis;
            RunOnce();
            while (clock.NowMillis < end)
            {
                long step = end - clock.NowMillis;
                if (step > _tickMillis)
                    step = _tickMillis;
                clock.Advance(step);
                RunOnce();
            }
        }
    }
}
