using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Kiosk.Core.Commands;
using Kiosk.Core.Events;
using Kiosk.Core.Protocol;
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
}
