namespace Kiosk.Core.Ports
{
    /// <summary>
    /// A digital input pin (door contact, exit button, call button, tamper, fire, lamp feedback).
    /// Adapters also queue an <see cref="Kiosk.Core.Loop.InputKind.DigitalEdge"/> on every change;
    /// <see cref="Read"/> gives the level at boot and lets the core re-sample when it needs to.
    /// </summary>
    public interface IDigitalInput
    {
        /// <summary>The raw electrical level now: true = high.</summary>
        bool Read();
    }
}
