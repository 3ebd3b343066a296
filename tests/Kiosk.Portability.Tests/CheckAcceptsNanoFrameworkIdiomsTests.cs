using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Kiosk.Portability.Tests;

/// <summary>The idioms nanoFramework code is written in must pass, or the check would only be noise.</summary>
public sealed class CheckAcceptsNanoFrameworkIdiomsTests
{
    private static void AssertAccepted(string body)
    {
        var outcome = NfApiStubs.Compiler.Compile(
            new[] { new SourceFile("Snippet.cs", body) },
            new[] { "nanoFramework.System.Collections", "System.Device.Gpio", "nanoFramework.Runtime.Events", "nanoFramework.System.Text" },
            "9.0",
            OutputKind.DynamicallyLinkedLibrary);

        Assert.True(outcome.Errors.Count == 0, string.Join("\n", outcome.Errors));
    }

    [Fact]
    public void ArrayList_and_foreach_are_accepted() => AssertAccepted("""
        using System.Collections;
        class C { int F() { var list = new ArrayList(); list.Add("a"); int n = 0; foreach (object o in list) n++; return n + list.Count; } }
        """);

    [Fact]
    public void Hashtable_is_accepted() => AssertAccepted("""
        using System.Collections;
        class C { object F() { var t = new Hashtable(); t["door"] = 1; return t.Contains("door") ? t["door"] : null; } }
        """);

    [Fact]
    public void Lock_is_accepted() => AssertAccepted("""
        class C { private readonly object _gate = new object(); private int _n; void F() { lock (_gate) { _n++; } } }
        """);

    [Fact]
    public void String_interpolation_is_accepted_and_lowered_to_String_Format() => AssertAccepted("""
        class C { string F(int pin, string name, long t) { return $"pin {pin} ({name}) at {t}"; } }
        """);

    [Fact]
    public void Switch_on_string_StringBuilder_and_exceptions_are_accepted() => AssertAccepted("""
        using System.Text;
        class C {
          int F(string s) { switch (s) { case "unlock": return 1; case "lockdown": return 2; case "ack": return 3; case "call": return 4; case "end": return 5; case "state": return 6; case "time": return 7; default: return 0; } }
          string G() { var b = new StringBuilder(); b.Append("x").Append(1); return b.ToString(); }
          void H() { try { throw new System.ArgumentException("bad", "p"); } catch (System.ArgumentException) { } finally { } }
        }
        """);

    [Fact]
    public void Gpio_pin_events_are_accepted() => AssertAccepted("""
        using System.Device.Gpio;
        class C {
          void F() { var g = new GpioController(); var p = g.OpenPin(4, PinMode.InputPullUp); p.ValueChanged += OnChanged; p.Write(PinValue.High); }
          void OnChanged(object s, PinValueChangedEventArgs e) { var t = e.ChangeType == PinEventTypes.Rising; }
        }
        """);
}
