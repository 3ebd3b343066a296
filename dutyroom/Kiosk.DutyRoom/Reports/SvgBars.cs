using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace Kiosk.DutyRoom.Reports;

/// <summary>
/// A bar chart as inline SVG, drawn on the server: no script library to load in a closed duty-room
/// network, nothing to wait for before printing, and the same picture on screen, in the PDF and in
/// the screenshot. Bars are rates in per cent (0–100) with the grade thresholds drawn across.
/// </summary>
public static class SvgBars
{
    public static string Rates(string title, IReadOnlyList<(string Label, Ratio Rate, string? Link)> bars, IEnumerable<int> thresholds)
    {
        const int width = 640, height = 160, left = 32, bottom = 20, top = 8;
        var plot = height - bottom - top;
        var step = bars.Count == 0 ? 0 : (double)(width - left) / bars.Count;
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">");
        foreach (var y in new[] { 0, 50, 100 })
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{top + plot - plot * y / 100 + 4}\" text-anchor=\"end\" class=\"axis\">{y}</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, rate, link) = bars[i];
            var x = left + i * step;
            if (rate.HasValue)
            {
                var h = plot * Math.Clamp(rate.Percent, 0, 100) / 100;
                var bar = string.Create(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x + 1:0.#}\" y=\"{top + plot - h:0.#}\" width=\"{Math.Max(1, step - 2):0.#}\" height=\"{h:0.#}\" class=\"{(rate.AtLeast(100) ? "full" : "short")}\"><title>{WebUtility.HtmlEncode(label)}: {rate.Show()}</title></rect>");
                s.Append(link is null ? bar : $"<a href=\"{WebUtility.HtmlEncode(link)}\">{bar}</a>");
            }
            if (bars.Count <= 31)
                s.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + step / 2:0.#}\" y=\"{height - 6}\" text-anchor=\"middle\" class=\"axis\">{WebUtility.HtmlEncode(label)}</text>");
        }
        foreach (var t in thresholds.Distinct())
        {
            var y = top + plot - plot * t / 100.0;
            s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" class=\"band\" />");
        }
        s.Append("</svg>");
        return s.ToString();
    }
}
