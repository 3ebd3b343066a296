using System.Globalization;

namespace Kiosk.DutyRoom.Localization;

/// <summary>
/// The culture a screen was opened in, to put back when it redraws for a change on the site. Such
/// redraws start on a broker or timer thread (InvokeAsync carries that thread's culture onto the
/// circuit), which would draw an operator's Chinese screen in the server's language.
/// </summary>
public readonly struct CircuitCulture
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    private CircuitCulture(CultureInfo culture, CultureInfo uiCulture) => (_culture, _uiCulture) = (culture, uiCulture);

    /// <summary>The current culture: call where the screen starts, inside the circuit.</summary>
    public static CircuitCulture Capture() => new(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    public void Apply()
    {
        if (_culture is null)
            return;
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
