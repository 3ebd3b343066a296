using System;
using Kiosk.Core.Access;
using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// A Wiegand reader at a simulated door: a card swiped, keys typed, noise on the wires, a line
/// shorted low. It writes what a timed capture would see into the board's <see cref="WiegandPulses"/>
/// (the same port the device's capture fills): low pulses of 50 µs, 1 ms apart, frames at least
/// 30 ms apart; and it drives the D0/D1 pins' levels for the stuck-line watch.
/// </summary>
public sealed class SimulatedReader
{
    public const int PulseMicros = 50;
    public const int BitSpacingMicros = 1000;
    private const int FrameSpacingMicros = 30_000;

    private readonly int _d0;
    private readonly int _d1;
    private readonly SimulatedGpioDriver _driver;
    private readonly IMonotonicClock _clock;
    private long _nextFreeMicros;

    public SimulatedReader(int d0, int d1, SimulatedGpioDriver driver, IMonotonicClock clock)
    {
        _d0 = d0;
        _d1 = d1;
        _driver = driver;
        _clock = clock;
        Pulses = new WiegandPulses(256, timed: true);
        driver.Drive(d0, true); // idle high
        driver.Drive(d1, true);
    }

    public WiegandPulses Pulses { get; }

    /// <summary>A 26-bit card (H10301): facility 0–255, number 0–65535, parity as the format has it.</summary>
    public void Swipe26(int facility, int number) => Frame(Card26Bits(facility, number));

    /// <summary>A 34-bit card: 32 data bits between even and odd parity.</summary>
    public void Swipe34(uint value) => Frame(Card34Bits(value));

    /// <summary>Keys as a keypad sends them, one 4-bit frame each: digits, '*' and '#'.</summary>
    public void Keys(string keys)
    {
        foreach (var key in keys)
        {
            var code = key switch { '*' => 10, '#' => 11, >= '0' and <= '9' => key - '0', _ => throw new ArgumentException($"'{key}' is not a key") };
            Frame(Bits(code, 4));
        }
    }

    /// <summary>Any bits, MSB first (a noisy wire, a reader in an unknown format).</summary>
    public void Frame(string bits, int widthMicros = PulseMicros, int spacingMicros = BitSpacingMicros)
    {
        var start = Math.Max(_clock.NowMillis * 1000, _nextFreeMicros);
        foreach (var bit in bits)
        {
            Pulses.Add(bit == '1' ? 1 : 0, start, widthMicros);
            start += spacingMicros;
        }
        _nextFreeMicros = start + FrameSpacingMicros;
    }

    /// <summary>A data line shorted to ground (true) or released (false).</summary>
    public void Stuck(int line, bool low) => _driver.Drive(line == 0 ? _d0 : _d1, !low);

    public static string Card26Bits(int facility, int number)
    {
        var data = Bits(facility, 8) + Bits(number, 16);
        var even = Ones(data[..12]) % 2 == 0 ? '0' : '1';
        var odd = Ones(data[12..]) % 2 == 0 ? '1' : '0';
        return even + data + odd;
    }

    public static string Card34Bits(uint value)
    {
        var data = Bits(value, 32);
        var even = Ones(data[..16]) % 2 == 0 ? '0' : '1';
        var odd = Ones(data[16..]) % 2 == 0 ? '1' : '0';
        return even + data + odd;
    }

    private static string Bits(long value, int width) => Convert.ToString(value, 2).PadLeft(width, '0')[^width..];

    private static int Ones(string bits) => bits.Split('1').Length - 1;
}
