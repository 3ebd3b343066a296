using System.Collections.Generic;

namespace Kiosk.DutyRoom.Data;

/// <summary>What an operator typed into the visitor form, before it is checked.</summary>
public sealed record VisitorInput(string? Name, string? Phone, string? Plate, string? Building, string? Unit, string? Room, string? Reason, string? IdNumber);

/// <summary>
/// Checks a visitor form and turns it into what is stored: the mobile number as 11 digits, the plate
/// in its written form, the ID number masked. Every field may be blank; a field that is filled in
/// must be right, and every mistake is named at once so the operator fixes them in one go.
/// </summary>
public static class VisitorRules
{
    public const int MaxText = 64;

    public static Visitor Check(VisitorInput input)
    {
        var problems = new List<Problem>();
        var name = Text(input.Name, "name", problems);
        string? phone = null;
        if (Blank(input.Phone) is { } typedPhone && (phone = MobileNumber.Normalise(typedPhone)) is null)
            problems.Add(new("phone", "mobile number: 11 digits starting 13 to 19 (e.g. 138 0013 8000)"));
        string? plate = null;
        if (Blank(input.Plate) is { } typedPlate && (plate = PlateNumber.Normalise(typedPlate)) is null)
            problems.Add(new("plate", "plate: province, letter, then 5 characters (苏E·12345) or 6 for new-energy (苏E·F12345, 苏E·12345D)"));
        var building = Text(input.Building, "building", problems, 16);
        var unit = Text(input.Unit, "unit", problems, 16);
        var room = Text(input.Room, "room", problems, 16);
        var reason = Text(input.Reason, "reason", problems);
        string? id = null;
        if (Blank(input.IdNumber) is { } full)
        {
            if (ResidentId.Check(full) is { } problem)
                problems.Add(problem);
            else
                id = ResidentId.Mask(full);
        }
        if (problems.Count > 0)
            throw new InputRefusedException(problems);
        return new Visitor(name, phone, plate, building, unit, room, reason, id);
    }

    private static string? Text(string? value, string field, List<Problem> problems, int max = MaxText)
    {
        var text = Blank(value);
        if (text is not null && text.Length > max)
            problems.Add(new(field + "-too-long", $"{field}: at most {max} characters", max));
        return text;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
