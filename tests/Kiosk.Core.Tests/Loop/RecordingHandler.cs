using System.Collections.Generic;
using Kiosk.Core.Loop;

namespace Kiosk.Core.Tests.Loop;

/// <summary>Records what the loop hands over, with the time it was handed.</summary>
internal sealed class RecordingHandler : IInputHandler
{
    public List<(InputEvent Input, long Now)> Inputs { get; } = new();
    public List<long> Ticks { get; } = new();
    public List<int> Dropped { get; } = new();

    public void OnInput(InputEvent input, long nowMillis) => Inputs.Add((input, nowMillis));

    public void OnTick(long nowMillis) => Ticks.Add(nowMillis);

    public void OnInputsDropped(int dropped, long nowMillis) => Dropped.Add(dropped);
}
