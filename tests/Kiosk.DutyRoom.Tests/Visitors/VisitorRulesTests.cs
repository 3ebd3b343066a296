using System.Linq;
using Kiosk.DutyRoom.Data;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Visitors;

/// <summary>The visitor form as a Chinese gate keeps it: mainland mobile numbers, plates, GB 11643-1999 ID numbers (stored masked).</summary>
public sealed class VisitorRulesTests
{
    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("+86 139-1234-5678", "13912345678")]
    [InlineData("19912345678", "19912345678")]
    public void Mainland_mobile_numbers_are_kept_as_11_digits(string typed, string kept) => Assert.Equal(kept, MobileNumber.Normalise(typed));

    [Theory]
    [InlineData("12800138000")] // second digit 2
    [InlineData("1380013800")] // 10 digits
    [InlineData("138001380001")]
    [InlineData("0512-66668888")] // a landline
    public void Other_numbers_are_not_mobile_numbers(string typed) => Assert.Null(MobileNumber.Normalise(typed));

    [Theory]
    [InlineData("苏E·12345", "苏E·12345")]
    [InlineData("苏E12345", "苏E·12345")]
    [InlineData("苏e 12345", "苏E·12345")]
    [InlineData("苏EF12345", "苏E·F12345")] // small new-energy: D or F first
    [InlineData("苏E·DA1234", "苏E·DA1234")]
    [InlineData("苏E12345D", "苏E·12345D")] // large new-energy: D or F last
    [InlineData("京A·B2C3D", "京A·B2C3D")]
    [InlineData("粤B1234学", "粤B·1234学")]
    public void Ordinary_and_new_energy_plates_are_accepted_in_their_written_form(string typed, string kept) => Assert.Equal(kept, PlateNumber.Normalise(typed));

    [Theory]
    [InlineData("E12345")] // no province
    [InlineData("港A12345")] // not a mainland province abbreviation
    [InlineData("苏112345")] // office must be a letter
    [InlineData("苏EI2345")] // I is never issued
    [InlineData("苏E1234")] // 4 characters
    [InlineData("苏E1234567")] // 7 characters
    [InlineData("苏EA12345")] // 6 characters but not a new-energy pattern
    public void Malformed_plates_are_refused(string typed) => Assert.Null(PlateNumber.Normalise(typed));

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")]
    [InlineData("440308199001011239")]
    public void Id_numbers_with_the_right_check_character_pass(string id) => Assert.Null(ResidentId.Check(id));

    [Theory]
    [InlineData("110105194912310021", "id-checksum")]
    [InlineData("440308199001011238", "id-checksum")]
    [InlineData("44030819900101123", "id-length")]
    [InlineData("4403081990010112X9", "id-digits")]
    [InlineData("440308199013011230", "id-birth")]
    public void Id_numbers_that_do_not_check_are_refused_with_the_reason(string id, string code) => Assert.Equal(code, ResidentId.Check(id)!.Code);

    [Fact]
    public void An_id_number_is_masked_to_its_first_6_and_last_4()
    {
        Assert.Equal("440308********1239", ResidentId.Mask("440308199001011239"));
        Assert.True(ResidentId.IsMasked("440308********1239"));
        Assert.False(ResidentId.IsMasked("440308199001011239"));
        Assert.Throws<InputRefusedException>(() => ResidentId.Mask("440308199001011238"));
    }

    [Fact]
    public void Every_mistake_in_a_visitor_form_is_named_at_once_and_nothing_is_kept_of_it()
    {
        var e = Assert.Throws<InputRefusedException>(() => VisitorRules.Check(new VisitorInput("李明", "1380013800", "苏E1234", "3", "2", "1502", "探亲", "110105194912310021")));
        Assert.Equal(["phone", "plate", "id-checksum"], e.Problems.Select(p => p.Code));
    }

    [Fact]
    public void A_blank_form_is_an_empty_visitor_and_a_full_one_is_normalised()
    {
        Assert.True(VisitorRules.Check(new VisitorInput(" ", "", null, null, null, null, null, "  ")).IsEmpty);
        Assert.Equal(new Visitor("李明", "13912345678", "苏E·12345", "3", "2", "1502", "探亲", "110105********002X"),
            VisitorRules.Check(new VisitorInput(" 李明 ", "139 1234 5678", "苏E12345", "3", "2", "1502", "探亲", "11010519491231002X")));
    }
}
