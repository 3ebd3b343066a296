namespace Kiosk.Core.Loop
{
    /// <summary>
    /// The core's side of the loop contract. Both methods run on the loop's one thread, get the
    /// monotonic time from the loop, and must not block: the core owns no thread and does no I/O
    /// except through its ports.
    /// </summary>
    public interface IInputHandler
    {
        /// <summary>One queued input, in the order adapters queued it.</summary>
        void OnInput(InputEvent input, long nowMillis);

        /// <summary>Called after each batch of inputs and at least every tick period: timers run here.</summary>
        void OnTick(long nowMillis);

        /// <summary>The queue overflowed and <paramref name="dropped"/> inputs were lost; the core reports it.</summary>
        void OnInputsDropped(int dropped, long nowMillis);

        /// <summary>
        /// A call above threw. The loop carries on (the door must keep working); the handler records
        /// it and puts the lock in a safe state. Must not throw itself.
        /// </summary>
        void OnFault(System.Exception fault, long nowMillis);
    }
}
