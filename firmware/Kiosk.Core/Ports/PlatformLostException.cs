using System;

namespace Kiosk.Core.Ports
{
    /// <summary>
    /// The platform under the controller is gone (power cut in the middle of a write): nothing the
    /// core could do about it would run. The loop lets this one through instead of recording it as
    /// a fault, so whatever hosts the loop sees the board stop. Nothing on a real board throws it;
    /// the simulator's power cuts do.
    /// </summary>
    public class PlatformLostException : Exception
    {
        public PlatformLostException(string message)
            : base(message)
        {
        }
    }
}
