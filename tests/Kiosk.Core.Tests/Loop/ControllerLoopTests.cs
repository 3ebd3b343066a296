using System;
using System.Linq;
using System.Threading;
using Kiosk.Core.Loop;
using Xunit;

namespace Kiosk.Core.Tests.Loop;

public sealed class ControllerLoopTests
{
    private readonly VirtualClock _clock = new(new DateTime(2026, 11, 24, 22, 0, 0, DateTimeKind.Utc), synced: true);
    private readonly InputQueue _queue = new(8);
    private readonly RecordingHandler _handler = new();

    private ControllerLoop Loop(int tick = 10) => new(_queue, _clock, _handler, tick);

    [Fact]
    public void Inputs_reach_the_core_in_queue_order_with_the_loop_time()
    {
        _queue.Enqueue(InputKind.DigitalEdge, 1, 1, 0);
        _queue.Enqueue(InputKind.DigitalEdge, 2, 0, 0);
        _clock.Advance(5);

        var handled = Loop().RunOnce();

        Assert.Equal(2, handled);
        Assert.Equal(new[] { 1, 2 }, _handler.Inputs.Select(i => i.Input.Source));
        Assert.All(_handler.Inputs, i => Assert.Equal(5, i.Now));
        Assert.Equal(new long[] { 5 }, _handler.Ticks);
    }

    [Fact]
    public void An_hour_on_the_virtual_clock_ticks_at_the_tick_period_without_waiting()
    {
        Loop(tick: 50).RunFor(_clock, 3_600_000);

        Assert.Equal(3_600_000, _clock.NowMillis);
        Assert.Equal(3_600_000 / 50 + 1, _handler.Ticks.Count);
        Assert.Equal(_handler.Ticks.OrderBy(t => t), _handler.Ticks);
    }

    [Fact]
    public void A_full_queue_refuses_input_and_the_core_is_told_how_many_were_lost()
    {
        for (var i = 0; i < 11; i++)
            _queue.Enqueue(InputKind.DigitalEdge, i, 1, 0);

        Loop().RunOnce();

        Assert.Equal(8, _handler.Inputs.Count);
        Assert.Equal(new[] { 3 }, _handler.Dropped);
        Loop().RunOnce();
        Assert.Single(_handler.Dropped);
    }

    [Fact]
    public void Inputs_queued_from_many_threads_are_all_delivered_once()
    {
        var queue = new InputQueue(4096);
        var loop = new ControllerLoop(queue, _clock, _handler, 10);
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 500; i++)
                queue.Enqueue(InputKind.DigitalEdge, t * 1000 + i, 1, 0);
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        loop.RunOnce();

        Assert.Equal(2000, _handler.Inputs.Select(i => i.Input.Source).Distinct().Count());
        Assert.Empty(_handler.Dropped);
    }

    [Fact]
    public void Run_on_a_thread_stops_when_asked()
    {
        var loop = Loop(tick: 1);
        var thread = new Thread(loop.Run);
        thread.Start();
        _queue.Enqueue(InputKind.ClockSynced, 0, 0, 0);

        SpinWait.SpinUntil(() => _handler.Inputs.Count == 1, TimeSpan.FromSeconds(10));
        loop.Stop();

        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        Assert.Single(_handler.Inputs);
    }

    [Fact]
    public void A_tick_outside_1_to_1000_ms_is_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Loop(tick: 0));

        Assert.Contains("1..1000 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flood_of_messages_leaves_room_in_the_queue_for_the_door()
    {
        var queue = new InputQueue(64);
        for (var i = 0; i < 1000; i++)
            queue.Enqueue(new InputEvent(InputKind.MessageReceived, 0, 0, 0, null));

        Assert.Equal(48, queue.Count);
        Assert.Equal(1000 - 48, queue.DroppedMessages);
        Assert.True(queue.Enqueue(InputKind.DigitalEdge, 0, 1, 0), "the door contact's edge still gets in");
        Assert.Equal(0, queue.TakeDroppedCount()); // nothing the core must re-read its inputs for
    }

    [Fact]
    public void An_input_whose_handling_throws_costs_that_input_not_the_loop()
    {
        var clock = new VirtualClock(DateTime.UtcNow, synced: true);
        var queue = new InputQueue(8);
        var handler = new RecordingHandler { ThrowOnSource = 2 };
        var loop = new ControllerLoop(queue, clock, handler, 10);
        queue.Enqueue(InputKind.DigitalEdge, 1, 1, 0);
        queue.Enqueue(InputKind.DigitalEdge, 2, 1, 0);
        queue.Enqueue(InputKind.DigitalEdge, 3, 1, 0);

        loop.RunOnce();

        Assert.Equal(new[] { 1, 3 }, handler.Inputs.Select(i => i.Input.Source));
        Assert.Single(handler.Faults);
        Assert.Equal(1, loop.Faults);
        Assert.NotEmpty(handler.Ticks);
    }

    [Fact]
    public void A_lost_platform_is_not_swallowed_as_a_fault()
    {
        var clock = new VirtualClock(DateTime.UtcNow, synced: true);
        var queue = new InputQueue(8);
        var loop = new ControllerLoop(queue, clock, new LosingPlatform(), 10);

        Assert.Throws<Kiosk.Core.Ports.PlatformLostException>(() => loop.RunOnce());
    }

    private sealed class LosingPlatform : IInputHandler
    {
        public void OnInput(InputEvent input, long nowMillis) { }
        public void OnTick(long nowMillis) => throw new Kiosk.Core.Ports.PlatformLostException("power cut");
        public void OnInputsDropped(int dropped, long nowMillis) { }
        public void OnFault(Exception fault, long nowMillis) => throw new InvalidOperationException("must not be asked");
    }
}
