using System.Collections.Generic;
using Kiosk.Core.Loop;

namespace Kiosk.Core.Tests.Loop;

/// <summary>Records what the loop hands over, with the time it was handed.</summary>
internal sealed class RecordingHandler : IInputHandler
{
    public List<(InputEvent Input, long Now)> Inputs { get; } = new();
    public List<long> Ticks { get; } = new();
    public List<int> Dropped { get; } = new();

    public void OnInput(InputEvent input, long nowMillis)
    {
        if (input.Source == ThrowOnSource)
            throw new System.InvalidOperationException("planted fault");
        Inputs.Add((input, nowMillis));
    }

    public void OnTick(long nowMillis) => Ticks.Add(nowMillis);

    public void OnInputsDropped(int dropped, long nowMillis) => Dropped.Add(dropped);

    public List<System.Exception> Faults { get; } = new();

    /// <summary>Throws from OnInput for inputs with this source.</summary>
    public int ThrowOnSource { get; set; } = -1;

    public void OnFault(System.Exception fault, long nowMillis) => Faults.Add(fault);
}
