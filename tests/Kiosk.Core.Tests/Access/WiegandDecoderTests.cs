using System.Collections.Generic;
using Kiosk.Core.Access;
using Kiosk.HostSim.Simulation;
using Xunit;

namespace Kiosk.Core.Tests.Access;

/// <summary>Frames bit by bit, at the Wiegand convention's timings and past them.</summary>
public sealed class WiegandDecoderTests
{
    private readonly WiegandPulses _pulses = new(256, timed: true);
    private readonly WiegandDecoder _decoder;
    private long _micros = 1_000_000;

    public WiegandDecoderTests() => _decoder = new WiegandDecoder(_pulses);

    /// <summary>Queues bits as low pulses, then lets the loop run past the frame's end.</summary>
    private List<WiegandFrame> Send(string bits, int width = 50, int spacing = 1000)
    {
        foreach (var bit in bits)
        {
            _pulses.Add(bit == '1' ? 1 : 0, _micros, width);
            _micros += spacing;
        }
        _micros += 30_000;
        var frames = new List<WiegandFrame>();
        for (long now = 0; now <= 200; now += 10)
        {
            var frame = new WiegandFrame();
            while (_decoder.Poll(_micros / 1000 + now, frame))
            {
                frames.Add(frame);
                frame = new WiegandFrame();
            }
        }
        return frames;
    }

    private WiegandFrame One(string bits, int width = 50, int spacing = 1000) => Assert.Single(Send(bits, width, spacing));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(123, 45678)]
    [InlineData(255, 65535)]
    public void A_26_bit_card_reads_as_facility_and_number(int facility, int number)
    {
        var frame = One(SimulatedReader.Card26Bits(facility, number));

        Assert.Equal(WiegandFrameKind.Card26, frame.Kind);
        Assert.Equal((long)facility << 16 | (long)number, frame.Value);
        Assert.Null(frame.Refusal);
    }

    [Theory]
    [InlineData(0)]    // the even parity bit
    [InlineData(5)]    // a data bit in the first half
    [InlineData(20)]   // a data bit in the second half
    [InlineData(25)]   // the odd parity bit
    public void A_26_bit_frame_with_any_one_bit_flipped_is_refused(int flip)
    {
        var bits = SimulatedReader.Card26Bits(123, 45678).ToCharArray();
        bits[flip] = bits[flip] == '1' ? '0' : '1';

        var frame = One(new string(bits));

        Assert.Equal(WiegandFrameKind.Refused, frame.Kind);
        Assert.Equal("26 bits with bad parity", frame.Refusal);
        Assert.Equal(1, _decoder.Refused);
    }

    [Fact]
    public void A_34_bit_card_reads_its_32_data_bits()
    {
        var frame = One(SimulatedReader.Card34Bits(0xDEADBEEF));

        Assert.Equal(WiegandFrameKind.Card34, frame.Kind);
        Assert.Equal(0xDEADBEEFL, frame.Value);
    }

    [Theory]
    [InlineData("0111", 7)]
    [InlineData("1010", WiegandFrame.KeyStar)]
    [InlineData("1011", WiegandFrame.KeyHash)]
    [InlineData("11100001", 1)]     // 8-bit: high nibble is the low one's complement
    [InlineData("01001011", WiegandFrame.KeyHash)]
    public void Keypad_keys_in_4_and_8_bits(string bits, int key)
    {
        var frame = One(bits);

        Assert.Equal(WiegandFrameKind.Key, frame.Kind);
        Assert.Equal(key, frame.Value);
    }

    [Theory]
    [InlineData("1111", "key code 15 is not a key")]
    [InlineData("00000001", "8-bit key whose check nibble does not match")]
    [InlineData("1010101010101", "13 bits: not a format")]
    public void Unknown_keys_and_lengths_are_refused(string bits, string reason)
    {
        var frame = One(bits);

        Assert.Equal(WiegandFrameKind.Refused, frame.Kind);
        Assert.StartsWith(reason, frame.Refusal);
    }

    [Theory]
    [InlineData(5, 1000, "(a glitch)")]        // 5 µs: shorter than any reader's pulse
    [InlineData(800, 2000, "(too long)")]      // 800 µs
    [InlineData(50, 100, "too close")]         // bits 100 µs apart, below the convention's 0.5 ms
    public void Pulses_outside_the_conventions_timings_are_noise(int width, int spacing, string reason)
    {
        var frame = One(SimulatedReader.Card26Bits(1, 2), width, spacing);

        Assert.Equal(WiegandFrameKind.Refused, frame.Kind);
        Assert.Contains(reason, frame.Refusal);
    }

    [Theory]
    [InlineData(20, 500)]    // the shortest pulse and the closest spacing the convention allows
    [InlineData(100, 2000)]  // the longest pulse and the widest spacing
    public void The_conventions_worst_timings_still_read(int width, int spacing)
    {
        var frame = One(SimulatedReader.Card26Bits(7, 4242), width, spacing);

        Assert.Equal(WiegandFrameKind.Card26, frame.Kind);
        Assert.Equal(7L << 16 | 4242, frame.Value);
    }

    [Fact]
    public void Both_lines_low_at_once_is_noise()
    {
        _pulses.Add(0, _micros, 50);
        _pulses.Add(1, _micros + 20, 50); // D1 falls while D0 is still low
        _micros += 2000;

        var frame = One(SimulatedReader.Card26Bits(1, 2)[2..]);

        Assert.Equal(WiegandFrameKind.Refused, frame.Kind);
        Assert.Equal("D0 and D1 low at once", frame.Refusal);
    }

    [Fact]
    public void A_gap_of_20_ms_splits_two_frames_even_in_one_drain()
    {
        var first = SimulatedReader.Card26Bits(1, 100);
        foreach (var bit in first) { _pulses.Add(bit - '0', _micros, 50); _micros += 1000; }
        _micros += 20_000;

        var frames = Send(SimulatedReader.Card26Bits(2, 200));

        Assert.Equal(2, frames.Count);
        Assert.Equal(1L << 16 | 100, frames[0].Value);
        Assert.Equal(2L << 16 | 200, frames[1].Value);
    }

    [Fact]
    public void A_frame_cut_in_two_by_a_pause_is_two_refusals_never_a_guess()
    {
        var bits = SimulatedReader.Card26Bits(9, 999);
        foreach (var bit in bits[..13]) { _pulses.Add(bit - '0', _micros, 50); _micros += 1000; }
        _micros += 25_000;

        var frames = Send(bits[13..]);

        Assert.Equal(2, frames.Count);
        Assert.All(frames, f => Assert.Equal(WiegandFrameKind.Refused, f.Kind));
        Assert.Equal(2, _decoder.Refused);
    }

    [Fact]
    public void Pulses_lost_to_a_full_ring_refuse_the_frame()
    {
        var small = new WiegandPulses(10, timed: true);
        var decoder = new WiegandDecoder(small);
        var bits = SimulatedReader.Card26Bits(1, 2);
        for (var i = 0; i < bits.Length; i++)
            small.Add(bits[i] - '0', i * 1000, 50);

        var frame = new WiegandFrame();
        Assert.True(decoder.Poll(100, frame) || decoder.Poll(200, frame));

        Assert.Equal(WiegandFrameKind.Refused, frame.Kind);
        Assert.Contains("16 pulses lost", frame.Refusal);
    }

    [Fact]
    public void More_than_64_bits_is_refused()
    {
        var frame = One(new string('1', 70));

        Assert.Equal(WiegandFrameKind.Refused, frame.Kind);
        Assert.Equal("more than 64 bits", frame.Refusal);
        Assert.Equal(70, frame.Bits);
    }

    [Fact]
    public void A_line_stuck_low_is_reported_once_and_refuses_frames_until_it_is_released()
    {
        Assert.Null(_decoder.WatchLines(true, false, 0));
        Assert.Null(_decoder.WatchLines(true, false, 500));
        Assert.Equal("D0 stuck low", _decoder.WatchLines(true, false, 1000));
        Assert.Null(_decoder.WatchLines(true, false, 2000));
        Assert.Equal(WiegandFrameKind.Refused, One(SimulatedReader.Card26Bits(1, 2)).Kind);

        _decoder.WatchLines(false, false, 3000);

        Assert.Equal(WiegandFrameKind.Card26, One(SimulatedReader.Card26Bits(1, 2)).Kind);
    }

    [Fact]
    public void An_untimed_capture_decodes_by_order_and_ends_frames_on_the_loops_silence()
    {
        // nanoFramework's GPIO events: in order, late, batched, with no time of their own.
        var untimed = new WiegandPulses(64, timed: false);
        var decoder = new WiegandDecoder(untimed);
        foreach (var bit in SimulatedReader.Card26Bits(3, 33))
            untimed.Add(bit - '0', 0, 0);

        var frame = new WiegandFrame();
        Assert.False(decoder.Poll(1000, frame));
        Assert.False(decoder.Poll(1000 + WiegandDecoder.FrameSilenceMillis, frame)); // 25 ms is not enough when delivery is late
        Assert.True(decoder.Poll(1000 + WiegandDecoder.UntimedFrameSilenceMillis, frame));

        Assert.Equal(WiegandFrameKind.Card26, frame.Kind);
        Assert.Equal(3L << 16 | 33, frame.Value);
    }

    [Fact]
    public void An_untimed_capture_still_refuses_overlapping_lines()
    {
        var untimed = new WiegandPulses(64, timed: false);
        var decoder = new WiegandDecoder(untimed);
        untimed.Add(1, 0, WiegandPulses.Overlapping);
        foreach (var bit in SimulatedReader.Card26Bits(3, 33)[1..])
            untimed.Add(bit - '0', 0, 0);

        var frame = new WiegandFrame();
        decoder.Poll(0, frame);
        Assert.True(decoder.Poll(100, frame));

        Assert.Equal("D0 and D1 low at once", frame.Refusal);
    }
}
