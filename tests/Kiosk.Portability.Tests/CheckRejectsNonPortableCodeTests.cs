using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Kiosk.Portability.Tests;

/// <summary>
/// Proof the check can fail: each snippet uses something the desktop has and nanoFramework does
/// not, and must be rejected with a message that names the problem and where it is.
/// </summary>
public sealed class CheckRejectsNonPortableCodeTests
{
    private static CompileOutcome Compile(string body, params string[] references) =>
        NfApiStubs.Compiler.Compile(
            new[] { new SourceFile("Snippet.cs", body) },
            references.Length == 0 ? new[] { "nanoFramework.System.Collections", "System.Device.Gpio" } : references,
            "9.0",
            OutputKind.DynamicallyLinkedLibrary);

    private static void AssertRejected(CompileOutcome outcome, string expectedFragment)
    {
        Assert.NotEmpty(outcome.Errors);
        Assert.Contains(outcome.Errors, e => e.StartsWith("Snippet.cs(", System.StringComparison.Ordinal) && e.Contains(expectedFragment, System.StringComparison.Ordinal));
    }

    [Fact]
    public void Generic_List_is_rejected()
    {
        var outcome = Compile("""
            using System.Collections.Generic;
            class C { List<int> _items = new List<int>(); }
            """);

        AssertRejected(outcome, "Generic");
    }

    [Fact]
    public void Linq_is_rejected()
    {
        var outcome = Compile("""
            using System.Linq;
            class C { int F(int[] xs) { return xs.Where(x => x > 1).Count(); } }
            """);

        AssertRejected(outcome, "Linq");
    }

    [Fact]
    public void Async_await_is_rejected()
    {
        var outcome = Compile("""
            using System.Threading.Tasks;
            class C { async Task F() { await Task.Delay(10); } }
            """);

        AssertRejected(outcome, "Task");
    }

    [Fact]
    public void Span_of_T_is_rejected()
    {
        var outcome = Compile("""
            class C { int F(byte[] b) { System.Span<byte> s = b; return s.Length; } }
            """);

        AssertRejected(outcome, "Span");
    }

    [Fact]
    public void A_made_up_GpioController_member_is_rejected_by_name()
    {
        var outcome = Compile("""
            using System.Device.Gpio;
            class C { void F(GpioController g) { g.OpenPinWithDebounce(5, 50); } }
            """);

        AssertRejected(outcome, "'OpenPinWithDebounce'");
        Assert.Contains(outcome.Errors, e => e.Contains("Snippet.cs(2,", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_desktop_only_overload_is_rejected_even_though_the_method_exists()
    {
        // string.Split(char, StringSplitOptions) exists on desktop .NET, not in nanoFramework's mscorlib.
        var outcome = Compile("""
            class C { string[] F(string s) { return s.Split(',', System.StringSplitOptions.RemoveEmptyEntries); } }
            """);

        Assert.NotEmpty(outcome.Errors);
    }

    [Fact]
    public void A_type_from_an_assembly_the_project_does_not_reference_is_rejected()
    {
        var outcome = Compile("""
            using System.Device.Gpio;
            class C { GpioController _gpio; }
            """, "nanoFramework.System.Collections");

        AssertRejected(outcome, "GpioController");
    }
}
