using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kiosk.Portability;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>The installer guide against the repository it describes: the SDK it asks for, the folders it tells people to keep secret, the commands it names.</summary>
public sealed class InstallerGuideTests
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly string Guide = File.ReadAllText(Path.Combine(Root, "docs/installer-guide.md"));

    [Fact]
    public void The_guide_asks_for_the_sdk_the_projects_target()
    {
        var framework = XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("TargetFramework").Single().Value; // net10.0
        var major = Regex.Match(framework, @"^net(\d+)\.").Groups[1].Value;

        Assert.Contains($".NET {major} SDK", Guide, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\.NET SDK \d+\+", Guide);
    }

    [Fact]
    public void The_folders_that_hold_secrets_are_kept_out_of_the_repository()
    {
        var ignored = File.ReadAllLines(Path.Combine(Root, ".gitignore"));

        Assert.Contains("/devices/", ignored);
        Assert.Contains("/broker/", ignored);
        Assert.DoesNotContain("./site/", Guide, StringComparison.Ordinal);
        Assert.DoesNotContain("./site/", File.ReadAllText(Path.Combine(Root, "flash.ps1")), StringComparison.Ordinal);
    }

    [Fact]
    public void Kiosk_provision_is_built_before_the_guide_calls_it_by_name()
    {
        var firstUse = Guide.IndexOf("\nkiosk-provision new", StringComparison.Ordinal); // the first command line, not a mention
        var build = Guide.IndexOf("dotnet publish tools/Kiosk.Provision", StringComparison.Ordinal);

        Assert.True(build >= 0 && build < firstUse, "the guide must say how to get the kiosk-provision command before using it");
    }

    [Fact]
    public void The_guide_covers_the_lab_broker_without_tls_and_where_the_ca_comes_from()
    {
        Assert.Contains("--no-tls", Guide, StringComparison.Ordinal);
        Assert.Contains("**The broker's CA**", Guide, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chinese_guide_gives_the_same_commands_and_the_same_checklist()
    {
        var chinese = File.ReadAllText(Path.Combine(Root, "docs/zh-CN/installer-guide.md"));
        static string[] Flags(string text) =>
            Regex.Matches(string.Join("\n", Regex.Matches(text, "```[a-z]*\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)),
                @"(?<![\w-])(--?[A-Za-z][\w-]+|kiosk-provision \w+|flash\.ps1)").Select(m => m.Value).Distinct().ToArray();
        static int Rows(string text) => Regex.Matches(text, @"^\| \d+ \|", RegexOptions.Multiline).Count;

        Assert.Contains("--wifi-password-file", Flags(chinese)); // the blocks were read
        Assert.Contains("kiosk-provision acl", Flags(chinese));
        var missing = Flags(chinese).Where(f => !Guide.Contains(f, StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "docs/zh-CN/installer-guide.md uses what the English guide does not: " + string.Join(", ", missing));
        var untranslated = Flags(Guide).Where(f => !chinese.Contains(f, StringComparison.Ordinal)).ToList();
        Assert.True(untranslated.Count == 0, "the Chinese guide leaves out: " + string.Join(", ", untranslated));
        Assert.Equal(Rows(Guide), Rows(chinese));
    }
}
