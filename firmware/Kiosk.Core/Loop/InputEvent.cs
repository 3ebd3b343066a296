namespace Kiosk.Core.Loop
{
    /// <summary>
    /// One thing that happened outside the core, queued by an adapter. A struct held in a
    /// preallocated ring, so queueing a GPIO edge allocates nothing.
    /// </summary>
    public struct InputEvent
    {
        public InputKind Kind;

        /// <summary>Which input (channel index from the pin map) or transport.</summary>
        public int Source;

        public int Value;

        /// <summary>Monotonic time the adapter saw it, in ms; debounce uses this, not the time it was handled.</summary>
        public long AtMillis;

        /// <summary>Extra data for messages; null for edges.</summary>
        public object Payload;

        public InputEvent(InputKind kind, int source, int value, long atMillis, object payload)
        {
            Kind = kind;
            Source = source;
            Value = value;
            AtMillis = atMillis;
            Payload = payload;
        }
    }
}
