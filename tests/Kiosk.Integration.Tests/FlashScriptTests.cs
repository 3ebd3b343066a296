using System;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using Kiosk.Portability;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>flash.ps1 read by PowerShell's own parser: no syntax errors, and the shape the installer relies on.</summary>
public sealed class FlashScriptTests
{
    private static readonly string Script = Path.Combine(RepositoryRoot.Find(), "flash.ps1");

    private static ScriptBlockAst Parse(out ParseError[] errors) => Parser.ParseFile(Script, out _, out errors);

    [Fact]
    public void Flash_ps1_parses_without_errors()
    {
        Parse(out var errors);

        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"flash.ps1({e.Extent.StartLineNumber},{e.Extent.StartColumnNumber}): {e.Message}")));
    }

    [Fact]
    public void Flash_ps1_supports_WhatIf_and_takes_device_port_and_image()
    {
        var ast = Parse(out _);

        var binding = ast.ParamBlock.Attributes.Single(a => a.TypeName.Name == "CmdletBinding");
        Assert.Contains(binding.NamedArguments, n => n.ArgumentName == "SupportsShouldProcess");
        var mandatory = ast.ParamBlock.Parameters
            .Where(p => p.Attributes.OfType<AttributeAst>().Any(a => a.NamedArguments.Any(n => n.ArgumentName == "Mandatory")))
            .Select(p => p.Name.VariablePath.UserPath).ToList();
        Assert.Equal(new[] { "Device", "Port", "Image" }, mandatory);
    }

    [Fact]
    public void Every_nanoff_call_names_the_serial_port_and_goes_through_the_WhatIf_guard()
    {
        var ast = Parse(out _);
        var calls = ast.FindAll(n => n is CommandAst c && c.GetCommandName() == "Invoke-Tool", true).Cast<CommandAst>()
            .Where(c => c.CommandElements.Count > 1 && c.CommandElements[1].Extent.Text == "'nanoff'").ToList();
        var direct = ast.FindAll(n => n is CommandAst c && c.GetCommandName() == "nanoff", true);

        Assert.Empty(direct); // nothing reaches the board except through Invoke-Tool's ShouldProcess
        Assert.True(calls.Count >= 4);
        Assert.All(calls.Where(c => !c.Extent.Text.Contains("--listports", StringComparison.Ordinal)),
            c => Assert.Contains("'--serialport', $Port", c.Extent.Text, StringComparison.Ordinal));
    }
}
