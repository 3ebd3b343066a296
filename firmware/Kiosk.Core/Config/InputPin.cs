namespace Kiosk.Core.Config
{
    /// <summary>One configured digital input. Its position in <see cref="ControllerConfig.Inputs"/> is its channel number.</summary>
    public sealed class InputPin
    {
        public InputFunction Function;
        public int Pin;

        /// <summary>Normally closed (true) or normally open contact.</summary>
        public bool NormallyClosed;

        /// <summary>Wired with a pull-up to 3.3 V and the contact to ground (true), or the other way round.</summary>
        public bool PullUp = true;

        /// <summary>
        /// The pull resistor is the chip's own (true), or fitted on the board (false): the ESP32's
        /// GPIO 34–39 have none, and long cable runs to a gate want a stronger one anyway.
        /// </summary>
        public bool InternalPull = true;

        public int DebounceMillis;

        /// <summary>Lamp circuit number (1-based) for lamp feedback inputs; 0 otherwise.</summary>
        public int Circuit;

        /// <summary>A name the duty room sees ("east fence", "north gate checkpoint").</summary>
        public string Name;

        /// <summary>
        /// The electrical level that means "active". A pulled-up NO contact closes to ground when
        /// active (low); a pulled-up NC contact opens when active (high); pull-down inverts both.
        /// An NC contact whose wire is cut therefore reads active: a cut door contact shows open and
        /// a cut fire line releases the lock, which is the safe way to fail.
        /// </summary>
        public bool ActiveHigh => NormallyClosed == PullUp;
    }
}
