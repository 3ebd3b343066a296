namespace Kiosk.Core.Config
{
    /// <summary>One configured digital output other than the lock relay.</summary>
    public sealed class OutputPin
    {
        public OutputFunction Function;
        public int Pin;

        /// <summary>True when the load is on with the pin high (most relay modules are active-low).</summary>
        public bool ActiveHigh = true;

        /// <summary>Lamp circuit number (1-based) for lamp relays; 0 otherwise.</summary>
        public int Circuit;
    }
}
