using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Kiosk.Core.Commands;
using Kiosk.Core.Events;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;
using System.Text;
using Xunit;

namespace Kiosk.Core.Tests.Protocol;

/// <summary>docs/protocol.md and the code say the same: the result codes and the event type names.</summary>
public sealed class ProtocolDocTests
{
    private static string Doc()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kiosk.sln")))
            dir = dir.Parent;
        return File.ReadAllText(Path.Combine(dir!.FullName, "docs", "protocol.md"));
    }

    [Fact]
    public void The_result_code_table_matches_the_code()
    {
        var rows = Regex.Matches(Doc(), @"^\| (\d) \| `([a-z-]+)` \|", RegexOptions.Multiline)
            .Select(m => (Code: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Name: m.Groups[2].Value)).ToList();

        var values = Enum.GetValues<CommandResult>();
        Assert.Equal(values.Length, rows.Count);
        foreach (var result in values)
            Assert.Contains(((int)result, Names.Of(result)), rows);
    }

    [Fact]
    public void Every_event_type_is_in_the_event_table()
    {
        var doc = Doc();
        foreach (var type in Enum.GetValues<EventType>())
            Assert.True(doc.Contains("`" + Names.Of(type) + "`", StringComparison.Ordinal), $"docs/protocol.md does not name the event type '{Names.Of(type)}'");
    }

    [Fact]
    public void The_chinese_test_vector_in_the_doc_is_what_the_code_signs_and_verifies()
    {
        var doc = Doc();
        string Row(string label) => Regex.Match(doc, @"^\| " + Regex.Escape(label) + @"[^|]*\| `([0-9a-f]+)` \|", RegexOptions.Multiline).Groups[1].Value;
        var key = Convert.FromHexString(Row("key"));
        var command = new SignedCommand
        {
            DeviceId = "main-gate", Command = "unlock", Argument = "", Sender = "operator:李明",
            IssuedAt = 1795000000, ExpiresAt = 1795000030, Counter = 1795000000123,
        };

        CommandSigner.Sign(command, key, new BclHmacSha256());

        Assert.Equal(Row("canonical"), Convert.ToHexString(Encoding.UTF8.GetBytes(command.Canonical())).ToLowerInvariant());
        Assert.Equal(Row("mac"), command.Mac);
        // The same command as the console writes it, and with the name \u-escaped: both read back and verify.
        foreach (var from in new[] { "operator:李明", "operator:\\u674e\\u660e" })
        {
            var json = "{\"v\":1,\"id\":\"r1\",\"dev\":\"main-gate\",\"cmd\":\"unlock\",\"arg\":\"\",\"from\":\"" + from
                + "\",\"iat\":1795000000,\"exp\":1795000030,\"ctr\":1795000000123,\"mac\":\"" + command.Mac + "\"}";
            var read = new SignedCommand();
            Assert.Null(CommandReader.Read(Encoding.UTF8.GetBytes(json), read, out _));
            Assert.Equal("operator:李明", read.Sender);
            Assert.Equal(command.Mac, read.Mac);
            CommandSigner.Sign(read, key, new BclHmacSha256()); // re-signed from what was read: the same MAC
            Assert.Equal(command.Mac, read.Mac);
        }
    }
}
