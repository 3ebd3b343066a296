using System;

namespace Kiosk.DutyRoom;

/// <summary>The console's wall clock, replaceable in tests.</summary>
public class ConsoleClock
{
    public virtual DateTimeOffset Now => DateTimeOffset.UtcNow;
}
