using System.Linq;
using Kiosk.Portability.Runtime;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Kiosk.Portability.Tests;

/// <summary>
/// What compiles for nanoFramework but fails on the device: each construct planted is refused with
/// its rule, file and line; the nanoFramework way of writing the same thing passes.
/// </summary>
public sealed class RuntimeRulesTests
{
    private static CompileOutcome Compile(string body) =>
        NfApiStubs.Compiler.Compile(new[] { new SourceFile("Snippet.cs", body) }, new[] { "nanoFramework.System.Collections" }, "9.0", OutputKind.DynamicallyLinkedLibrary);

    [Theory]
    [InlineData("NF0001", "class Box<T> { T _value; }")]
    [InlineData("NF0001", "class C { static T Pick<T>(T a) { return a; } }")]
    [InlineData("NF0001", "interface ISource<T> { T Next(); }")]
    [InlineData("NF0002", "class C { int[,] _grid = new int[2, 3]; }")]
    [InlineData("NF0003", "class C { int Add(int a, int b) { return checked(a + b); } }")]
    [InlineData("NF0003", "class C { int Add(int a, int b) { checked { return a + b; } } }")]
    [InlineData("NF0004", "interface IDoor { int Pulse() { return 5; } }")]
    [InlineData("NF0005", "enum Mode { Ready } class C { string F(Mode m) { return m.ToString(); } }")]
    [InlineData("NF0005", "enum Mode { Ready } class C { string F(Mode m) { return \"mode \" + m; } }")]
    [InlineData("NF0005", "enum Mode { Ready } class C { string F(Mode m) { return $\"mode {m}\"; } }")]
    [InlineData("NF0006", "class C { string F(double d) { return d.ToString(\"0.00\"); } }")]
    [InlineData("NF0006", "class C { string F(double d) { return d.ToString(\"R\"); } }")]
    [InlineData("NF0006", "class C { string F(int n) { return $\"{n:000}\"; } }")]
    [InlineData("NF0007", "class C { System.DateTime F() { return new System.DateTime(9999, 12, 31); } }")]
    [InlineData("NF0007", "class C { System.DateTime F() { return new System.DateTime(1600, 1, 1); } }")]
    [InlineData("NF0008", "class C { int F(string s) { int n = 0; for (int i = 0; i < 10; i++) if (s[i] == ' ') n++; return n; } }")]
    [InlineData("NF0008", "class C { int F(string s) { int i = 0; while (i < s.Length) i++; return i; } }")]
    [InlineData("NF0008", "class C { int F(string s) { int n = 0; foreach (char c in s) if (c == ' ') n++; return n; } }")]
    public void A_construct_that_breaks_on_the_device_is_refused_with_its_rule_and_line(string rule, string body)
    {
        var outcome = Compile(body);

        Assert.Contains(outcome.Errors, e => e.StartsWith("Snippet.cs(1,", System.StringComparison.Ordinal) && e.Contains("error " + rule + ":", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("class Box { object _value; }")]
    [InlineData("class C { int[][] _grid = new int[][] { new int[3], new int[3] }; int[] _flat = new int[6]; }")]
    [InlineData("class C { bool TryAdd(int a, int b, out int sum) { sum = a + b; return !(a > 0 && b > int.MaxValue - a); } }")]
    [InlineData("interface IDoor { int Pulse(); } class Door : IDoor { public int Pulse() { return 5; } }")]
    [InlineData("enum Mode { Ready } class C { static readonly string[] Names = { \"ready\" }; string F(Mode m) { return \"mode \" + Names[(int)m] + \" \" + (int)m; } }")]
    [InlineData("class C { string F(double d, int n) { return d.ToString(\"F2\") + n.ToString(\"D4\") + n.ToString(\"x8\") + $\"{n:N0}\"; } }")]
    [InlineData("class C { System.DateTime F() { return new System.DateTime(2999, 12, 31); } }")]
    [InlineData("class C { int F(string s) { int n = 0; foreach (char c in s.ToCharArray()) if (c == ' ') n++; return n; } }")]
    [InlineData("class C { int F(string s) { char[] chars = s.ToCharArray(); int n = 0; for (int i = 0; i < chars.Length; i++) if (chars[i] == ' ') n++; return n + (s[0] == 'x' ? 1 : 0); } }")]
    public void The_nanoFramework_way_of_writing_it_passes(string body)
    {
        var outcome = Compile(body);

        Assert.True(outcome.Errors.Count == 0, string.Join("\n", outcome.Errors));
    }

    [Fact]
    public void Foreach_over_a_string_binds_as_on_the_device_and_is_flagged_only_for_its_cost()
    {
        // The stub names String's indexer Chars, as mscorlib's [IndexerName("Chars")] does: no compiler error.
        var outcome = Compile("class C { int F(string s) { int n = 0; foreach (char c in s) if (c == ' ') n++; return n; } }");

        Assert.Single(outcome.Errors);
        Assert.Contains("error NF0008:", outcome.Errors[0], System.StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rule_names_its_source()
    {
        Assert.All(RuntimeRules.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        Assert.Equal(RuntimeRules.All.Length, RuntimeRules.All.Select(r => r.Id).Distinct().Count());
    }
}
