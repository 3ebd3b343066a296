using Kiosk.Core.Alarms;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Lights
{
    /// <summary>
    /// One street-light circuit: its feedback input (is it lit?), its relay (optional), its
    /// lamp-failure alarm, and this night's counters: how long it was expected to be lit and how
    /// long it was. lit / expected per night is the lighting rate (亮化率) the estate is graded on.
    /// </summary>
    public sealed class LampCircuit
    {
        public LampCircuit(int number, Alarm failure)
        {
            Number = number;
            Failure = failure;
        }

        public int Number { get; }

        public Alarm Failure { get; }

        /// <summary>Has a feedback input (else the circuit can be switched but not checked).</summary>
        public bool HasFeedback;

        /// <summary>Debounced feedback: the lamps draw current.</summary>
        public bool Lit;

        public IDigitalOutput Relay;
        public bool RelayActiveHigh = true;
        public bool RelayOn;

        /// <summary>This night: ms the circuit should have been lit (after warm-up).</summary>
        public long ExpectedMillis;

        /// <summary>This night: ms it was lit while expected.</summary>
        public long LitMillis;
    }
}
