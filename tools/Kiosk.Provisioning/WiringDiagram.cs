using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Text;

namespace Kiosk.Provisioning;

/// <summary>
/// Draws a board profile's wiring as SVG: the board with each used GPIO on its edge, a wire to what
/// it connects to, and how (contact type, resistor, relay). Generated from the profile, so the
/// diagram cannot disagree with the pins the controller and the simulator use.
/// </summary>
public static class WiringDiagram
{
    private sealed record Row(string Function, int Pin, string Part, string How);

    public static string Render(BoardProfile profile)
    {
        var rows = new List<Row>();
        void Add(string function, string part, string how)
        {
            if (profile.Pin(function) is int pin)
                rows.Add(new Row(function, pin, part, how + (profile.HasExternalPull(pin) ? "; 10 kΩ pull-up to 3.3 V on the board (no internal pull)" : "")));
        }
        Add("lock", "Lock relay module IN", "energised = released: a strike on the relay's NO contact, a maglock on NC (lock-relay.svg)");
        Add("doorContact", "Door contact (reed), NC", "between GPIO and GND; internal pull-up; open door or cut wire reads open; long cable: 1 kΩ in series, TVS to GND");
        Add("exitButton", "Exit button (request to exit), NO", "between GPIO and GND; internal pull-up");
        Add("callButton", "Visitor call button, NO", "between GPIO and GND; internal pull-up");
        Add("tamper", "Enclosure tamper switch, NC", "between GPIO and GND; closed while the lid is shut");
        Add("fire", "Fire panel relay contact, NC (its own isolated pole)", "dry pole between GPIO and GND, never the pole that breaks the maglock's 12 V; opens on fire; cut wire = fire");
        foreach (var circuit in profile.Circuits("lampFeedback"))
            Add("lampFeedback." + circuit, $"Lamp circuit {circuit} feedback (optocoupler)", "PC817 output between GPIO and GND; its LED driven from the lamp circuit (current sensor or mains module)");
        Add("perimeter", "Perimeter beam / fence alarm output, NC", "dry contact between GPIO and GND");
        Add("emergency", "Emergency help button, NO", "between GPIO and GND; latching button recommended");
        Add("patrol", "Patrol check-in key switch, NO", "between GPIO and GND");
        Add("callLed", "Call button LED", "via 330 Ω to the LED anode (or a transistor for a 12 V ring LED)");
        Add("buzzer", "Buzzer", "via NPN transistor (2N2222), 1 kΩ base resistor; buzzer on 5 V");
        Add("readerD0", "Access reader DATA0 (Wiegand)", "reader drives 5 V: 10 kΩ / 20 kΩ divider or level shifter to the GPIO; common ground (docs/access.md)");
        Add("readerD1", "Access reader DATA1 (Wiegand)", "as DATA0; keep the pair twisted, away from the lock's supply");
        Add("readerLed", "Access reader LED input", "open-collector NPN (2N2222) pulling the reader's LED line to ground; activeHigh false in the config");
        Add("readerBeeper", "Access reader beeper input", "as the LED input");
        foreach (var circuit in profile.Circuits("lampRelay"))
            Add("lampRelay." + circuit, $"Lamp circuit {circuit} contactor relay IN", "3.3 V-trigger active-low relay module; relay drives the street-light contactor coil (count the coil in the power budget)");

        // Wide enough for the longest line (about 0.6 em a character at 12-14 px), so no text runs off the right edge.
        var longest = rows.Select(r => Math.Max(r.How.Length * 7, r.Part.Length * 9)).DefaultIfEmpty(0).Max();
        var boxWidth = Math.Max(650, longest + 30);
        var subtitle = $"chip {profile.Chip}, {profile.Network}, nanoFramework target {profile.FirmwareTarget}. Generated from hardware/boards/{profile.Name}.json by kiosk-provision wiring.";
        var width = Math.Max(Math.Max(1100, 420 + boxWidth + 30), 30 + subtitle.Length * 8 + 30);
        const int rowHeight = 56;
        const int top = 110;
        var height = top + rows.Count * rowHeight + (profile.LightSensorChannel >= 0 ? rowHeight : 0) + 70;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <title>Gatehouse Kiosk wiring: {Escape(profile.Name)}</title>\n");
        svg.Append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"30\" y=\"40\" font-size=\"22\" font-weight=\"bold\">Wiring: {Escape(profile.Name)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"30\" y=\"66\" font-size=\"14\" fill=\"#444\">{Escape(subtitle)}</text>\n");
        var boardBottom = top + rows.Count * rowHeight + (profile.LightSensorChannel >= 0 ? rowHeight : 0) - 20;
        svg.Append(CultureInfo.InvariantCulture, $"  <rect x=\"30\" y=\"{top - 30}\" width=\"230\" height=\"{boardBottom - top + 40}\" rx=\"10\" fill=\"#e8f0fe\" stroke=\"#1a73e8\" stroke-width=\"2\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"145\" y=\"{top - 8}\" font-size=\"15\" text-anchor=\"middle\" font-weight=\"bold\">{Escape(profile.Name)}</text>\n");
        var y = top + 20;
        foreach (var row in rows)
        {
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"250\" y=\"{y + 5}\" font-size=\"14\" text-anchor=\"end\">GPIO {row.Pin}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <circle cx=\"260\" cy=\"{y}\" r=\"4\" fill=\"#1a73e8\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <line x1=\"264\" y1=\"{y}\" x2=\"420\" y2=\"{y}\" stroke=\"#333\" stroke-width=\"2\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"340\" y=\"{y - 6}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#666\">{Escape(row.Function)}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <rect x=\"420\" y=\"{y - 20}\" width=\"{boxWidth}\" height=\"42\" rx=\"6\" fill=\"#fef7e0\" stroke=\"#b06000\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"432\" y=\"{y - 3}\" font-size=\"14\" font-weight=\"bold\">{Escape(row.Part)}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"432\" y=\"{y + 15}\" font-size=\"12\" fill=\"#333\">{Escape(row.How)}</text>\n");
            y += rowHeight;
        }
        if (profile.LightSensorChannel >= 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"250\" y=\"{y + 5}\" font-size=\"14\" text-anchor=\"end\">GPIO {profile.LightSensorPin}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"340\" y=\"{y - 6}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#666\">ADC1 ch {profile.LightSensorChannel}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <line x1=\"264\" y1=\"{y}\" x2=\"420\" y2=\"{y}\" stroke=\"#333\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <rect x=\"420\" y=\"{y - 20}\" width=\"{boxWidth}\" height=\"42\" rx=\"6\" fill=\"#e6f4ea\" stroke=\"#137333\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"432\" y=\"{y - 3}\" font-size=\"14\" font-weight=\"bold\">Light sensor (LDR divider) on ADC1 channel {profile.LightSensorChannel} = GPIO {profile.LightSensorPin}</text>\n");
            svg.Append("  <text x=\"432\" y=\"" + (y + 15).ToString(CultureInfo.InvariantCulture) + "\" font-size=\"12\" fill=\"#333\">LDR from 3.3 V to the ADC pin, 10 kΩ from the ADC pin to GND: bright = high reading</text>\n");
            y += rowHeight;
        }
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"30\" y=\"{y + 20}\" font-size=\"12\" fill=\"#a50e0e\">Never use strapping pins for the lock relay or the door contact. Field inputs on long cables: 1 kΩ in series and a TVS to GND at the board. Relay and lock supplies are separate.</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }


    private static string Escape(string text) => SecurityElement.Escape(text);
}
