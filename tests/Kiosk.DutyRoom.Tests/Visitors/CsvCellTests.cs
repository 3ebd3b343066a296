using System;
using System.IO;
using Kiosk.DutyRoom.Data;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Visitors;

/// <summary>CSV cells a spreadsheet shows as typed: formulas neutralised, quoting per RFC 4180, Chinese untouched.</summary>
public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("东门岗亭", "东门岗亭")]
    [InlineData("a=b", "a=b")]
    [InlineData("gate, north", "\"gate, north\"")]
    public void A_cell_that_would_be_a_formula_starts_with_a_quote(string value, string cell) => Assert.Equal(cell, CsvCell.Of(value));

    [Fact]
    public void The_localized_export_neutralises_every_text_column_and_keeps_the_header()
    {
        var e = new ArchivedEvent("maple-court", "main-gate", 1, 2, new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero), true, "command", 4, "bad-signature",
            "=HYPERLINK(\"http://evil\",\"x\")", "-cmd: bad mac", DateTimeOffset.UtcNow);
        var text = new StringWriter();
        EventArchive.WriteCsv([e], text, ["时间", "小区", "设备", "启动次数", "序号", "时钟已校准", "类型", "代码", "名称", "来源", "详情"], t => t.ToString("u", System.Globalization.CultureInfo.InvariantCulture), "是", "否");
        var lines = text.ToString().Split("\r\n");
        Assert.Equal("时间,小区,设备,启动次数,序号,时钟已校准,类型,代码,名称,来源,详情", lines[0]);
        Assert.Equal("2026-11-24 14:00:00Z,maple-court,main-gate,1,2,是,command,4,bad-signature,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'-cmd: bad mac", lines[1]);
    }
}

/// <summary>The sender a command carries, cut to what the device takes: 48 bytes of UTF-8, at a character boundary.</summary>
public sealed class SenderCapTests
{
    [Fact]
    public void A_sender_is_cut_at_48_utf8_bytes_never_inside_a_character()
    {
        Assert.Equal("operator:li", Kiosk.DutyRoom.Desk.Commander.CapUtf8("operator:li", 48));
        var chinese = "operator:" + new string('值', 20); // 9 + 60 bytes
        var cut = Kiosk.DutyRoom.Desk.Commander.CapUtf8(chinese, 48);
        Assert.Equal("operator:" + new string('值', 13), cut); // 9 + 39 = 48 bytes
        Assert.Equal("ab", Kiosk.DutyRoom.Desk.Commander.CapUtf8("ab😀", 5)); // a 4-byte character does not fit in 3
    }
}
