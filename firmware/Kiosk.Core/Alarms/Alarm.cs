namespace Kiosk.Core.Alarms
{
    /// <summary>
    /// One alarm point (the forced-open alarm, the east fence, lamp circuit 2). Once raised it stays
    /// latched until an operator acknowledges it after its condition has ended: GB 50394 wants
    /// alarms held until a manual reset and none lost.
    /// </summary>
    public sealed class Alarm
    {
        public Alarm(AlarmKind kind, int index, string name)
        {
            Kind = kind;
            Index = index;
            Name = name;
        }

        public AlarmKind Kind { get; }

        /// <summary>Input channel or lamp circuit this alarm belongs to; 0 for door-level alarms.</summary>
        public int Index { get; }

        public string Name { get; }

        /// <summary>The condition is present now.</summary>
        public bool Active { get; internal set; }

        /// <summary>Raised and not yet reset by an operator.</summary>
        public bool Latched { get; internal set; }

        /// <summary>Monotonic time it was last raised.</summary>
        public long RaisedAt { get; internal set; }
    }
}
