using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>host-sim/site-zh is host-sim/site named in Chinese, nothing else: a wiring change in one must reach the other.</summary>
public sealed class SiteInChineseTests
{
    private static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, name);

    private static JsonNode Stripped(string file)
    {
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        node.AsObject().Remove("site");
        node.AsObject().Remove("siteName");
        node.AsObject().Remove("name");
        foreach (var input in node["inputs"]!.AsArray())
            input!.AsObject().Remove("name");
        return node;
    }

    [Fact]
    public void The_chinese_site_differs_from_the_site_only_in_its_names()
    {
        var english = Directory.GetFiles(Folder("site"), "*.json").Select(Path.GetFileName).Order().ToList();
        var chinese = Directory.GetFiles(Folder("site-zh"), "*.json").Select(Path.GetFileName).Order().ToList();

        Assert.Equal(english, chinese);
        foreach (var file in english)
            Assert.True(JsonNode.DeepEquals(Stripped(Path.Combine(Folder("site"), file!)), Stripped(Path.Combine(Folder("site-zh"), file!))),
                $"site-zh/{file} has drifted from site/{file}: apart from site, siteName and names they must agree");
    }
}
