using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>
/// Tests whose expectations are real-time budgets (GB 50396's 2 s) run alone, after the parallel
/// ones: on a 2-core CI machine, a Roslyn compile or a Mosquitto start beside them would measure
/// the machine's load, not the product.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeCollection
{
    public const string Name = "real-time budgets";
}
