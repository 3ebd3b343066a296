using System;
using Kiosk.Core;
using Kiosk.Core.Config;
using Kiosk.Core.Events;
using Kiosk.Core.Loop;
using Kiosk.HostSim.Simulation;

namespace Kiosk.HostSim.Stories;

/// <summary>
/// One entrance through an evening and a night, scripted on the virtual clock: a visitor calls and
/// is let in, night falls, the door is forced, a fire drill, a resident leaves by the exit button
/// while the network is down, dawn. Every event the controller records is printed as it happens.
/// The duty room's side is played by the script (there is no broker yet).
/// </summary>
public sealed class EveningAtTheGate : IEventListener
{
    private const int TickMillis = 10;
    private readonly ControllerConfig _config;
    private readonly VirtualClock _clock = new(new DateTime(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc), synced: true);
    private readonly InputQueue _queue = new(256);
    private readonly SimulatedPins _pins;
    private readonly EntranceController _controller;
    private readonly ControllerLoop _loop;

    public EveningAtTheGate(ControllerConfig config)
    {
        _config = config;
        _pins = new SimulatedPins(config, _queue);
        _pins.Light.SetPercent(70);
        _controller = new EntranceController(config, _pins.Ports(_clock, new MemoryStorage()));
        for (var seq = _controller.Store.OldestSequence; seq <= _controller.Store.LastSequence; seq++)
        {
            var booted = new EventRecord();
            if (_controller.Store.TryRead(seq, booted))
                OnAppended(booted);
        }
        _controller.Store.SetListener(this);
        _loop = new ControllerLoop(_queue, _clock, _controller, TickMillis);
    }

    public void OnAppended(EventRecord record) => Console.WriteLine(EventText.Format(record));

    public void Run()
    {
        Wait(2);
        Say("the duty room is online");
        _queue.Enqueue(InputKind.TransportConnected, 0, 0, _clock.NowMillis);
        Wait(60);

        Say("a visitor presses the call button");
        Press(InputFunction.CallButton, 0.3);
        var call = _controller.Call.CallId;
        _controller.CallDelivered(call, _clock.NowMillis);
        Wait(8);
        Say("operator Li answers, registers the visitor for unit 3-201, opens the door");
        _controller.AnswerCall(call, "operator:li", _clock.NowMillis);
        Wait(20);
        _controller.RemoteUnlock("operator:li", _clock.NowMillis);
        Wait(2);
        Set(InputFunction.DoorContact, true);
        Wait(6);
        Set(InputFunction.DoorContact, false);
        Wait(1);
        _controller.EndCall(call, "operator:li", _clock.NowMillis);

        Say("dusk; lamp circuit 1 stays dark for three hours until the electrician comes");
        _pins.Light.SetPercent(8);
        Wait(3 * 3600);
        Set(InputFunction.LampFeedback, true);
        Say("lamp circuit 1 repaired");
        Wait(3600);

        Say("someone forces the door");
        Set(InputFunction.DoorContact, true);
        Wait(40);
        Set(InputFunction.DoorContact, false);
        Wait(30);
        Say("operator Wang acknowledges the alarms after checking the camera");
        _controller.Acknowledge(0, "operator:wang", _clock.NowMillis);
        Wait(2 * 3600);

        Say("fire drill: the fire panel signals");
        Set(InputFunction.Fire, true);
        Wait(90);
        Set(InputFunction.Fire, false);
        Wait(60);

        Say("the network goes down; a resident leaves by the exit button");
        _queue.Enqueue(InputKind.TransportLost, 0, 0, _clock.NowMillis);
        Press(InputFunction.ExitButton, 0.2);
        Wait(1);
        Set(InputFunction.DoorContact, true);
        Wait(4);
        Set(InputFunction.DoorContact, false);
        Wait(5 * 3600);

        Say("dawn");
        _pins.Light.SetPercent(75);
        Wait(120);
        _controller.Acknowledge(0, "operator:li", _clock.NowMillis);
        Wait(5);
    }

    private void Say(string what) =>
        Console.WriteLine($"{_clock.UtcNow:yyyy-MM-dd HH:mm:ss}Z ---- {what}");

    private void Wait(double seconds) => _loop.RunFor(_clock, (long)(seconds * 1000));

    private void Set(InputFunction function, bool active)
    {
        if (_config.ChannelOf(function) >= 0)
            _pins.Set(function, active);
    }

    private void Press(InputFunction function, double seconds)
    {
        Set(function, true);
        Wait(seconds);
        Set(function, false);
        Wait(0.2);
    }
}
