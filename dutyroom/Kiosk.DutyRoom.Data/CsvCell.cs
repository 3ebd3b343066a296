using System;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// One CSV cell (RFC 4180) that a spreadsheet opens as text. Whatever a device or a visitor put in a
/// field reaches the export; Excel and WPS run a cell that starts with = + - @ (or a tab or CR,
/// which they skip before looking) as a formula (CSV injection, OWASP), so such a cell gets a
/// leading single quote and is shown as typed.
/// </summary>
public static class CsvCell
{
    public static string Of(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
