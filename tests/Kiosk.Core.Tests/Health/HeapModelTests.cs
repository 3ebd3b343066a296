using Kiosk.Core.Config;
using Kiosk.Core.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Kiosk.Core.Tests.Health;

/// <summary>
/// The core's heap as nanoCLR would hold it (NanoHeapModel): no single block over 4 KB at any
/// allowed event capacity, since on a small heap one large block fails long before the total does.
/// The totals are printed here and by the benchmark, not asserted.
/// </summary>
public sealed class HeapModelTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1024)]
    [InlineData(20000)]
    public void No_single_block_of_the_core_passes_4_KB_after_boot_or_a_busy_hour(int capacity)
    {
        var b = new BoardRig(c => c["eventCapacity"] = capacity, clockSet: true);
        b.Rig.Settled();
        var atBoot = NanoHeapModel.Of(b.Node);

        for (var i = 0; i < 30; i++) // a busy hour: calls, doors, patrols
        {
            b.Rig.Press(InputFunction.CallButton);
            b.Rig.Press(InputFunction.ExitButton);
            b.Rig.Set(InputFunction.DoorContact, true);
            b.Run(2000);
            b.Rig.Set(InputFunction.DoorContact, false);
            b.Rig.Press(InputFunction.Patrol);
            b.RunMinutes(2);
        }
        var afterHour = NanoHeapModel.Of(b.Node);

        output.WriteLine($"eventCapacity {capacity}: after boot {atBoot}; after a busy hour {afterHour}");
        Assert.True(atBoot.LargestBytes <= 4096, atBoot.ToString());
        Assert.True(afterHour.LargestBytes <= 4096, afterHour.ToString());
    }

    [Fact]
    public void A_door_with_an_access_reader_stays_under_4_KB_a_block_while_it_swipes_and_takes_a_list()
    {
        var b = new BoardRig(c =>
        {
            c["reader"] = new System.Text.Json.Nodes.JsonObject { ["d0"] = 32, ["d1"] = 33 };
        }, clockSet: true);
        b.Rig.Settled();
        var atBoot = NanoHeapModel.Of(b.Node);

        for (var i = 0; i < 40; i++)
        {
            b.Rig.Pins.Reader!.Swipe26(i % 256, i);
            b.Run(500);
        }
        var afterSwipes = NanoHeapModel.Of(b.Node);

        output.WriteLine($"door with a reader: after boot {atBoot}; after 40 swipes {afterSwipes}");
        Assert.NotNull(b.Node.Controller.Access);
        Assert.True(atBoot.LargestBytes <= 4096, atBoot.ToString());
        Assert.True(afterSwipes.LargestBytes <= 4096, afterSwipes.ToString());
    }
}
