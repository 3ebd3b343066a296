namespace Kiosk.Core.Config
{
    /// <summary>
    /// What each ESP32 family allows on which GPIO. Strapping pins are sampled at reset and can
    /// glitch while the chip boots, so a relay on one can click the door open at every reset (the
    /// most common complaint about hobby door firmware); the lock and the door contact never go there.
    /// </summary>
    public static class ChipPins
    {
        /// <summary>Returns null when the chip is known, else the reason.</summary>
        public static string CheckChip(string chip)
        {
            return chip == "esp32" || chip == "esp32s3" ? null : "unknown chip \"" + chip + "\" (expected \"esp32\" or \"esp32s3\")";
        }

        public static int MaxGpio(string chip)
        {
            return chip == "esp32s3" ? 48 : 39;
        }

        /// <summary>
        /// Whether the chip has a GPIO with this number: the numbering has gaps (ESP32: no 20, 24,
        /// 28-31; ESP32-S3: no 22-25), and a config naming a missing pin would only fail on the board.
        /// </summary>
        public static bool Exists(string chip, int pin)
        {
            if (pin < 0 || pin > MaxGpio(chip))
                return false;
            if (chip == "esp32s3")
                return pin < 22 || pin > 25;
            return pin != 20 && pin != 24 && (pin < 28 || pin > 31);
        }

        public static bool IsStrapping(string chip, int pin)
        {
            if (chip == "esp32s3")
                return pin == 0 || pin == 3 || pin == 45 || pin == 46;
            return pin == 0 || pin == 2 || pin == 5 || pin == 12 || pin == 15;
        }

        /// <summary>Pins wired to the module's SPI flash/PSRAM: using them crashes the chip.</summary>
        public static bool IsReserved(string chip, int pin)
        {
            if (chip == "esp32s3")
                return pin >= 26 && pin <= 32;
            return pin >= 6 && pin <= 11;
        }

        /// <summary>Input-only pins (no output driver, no internal pull resistors) on the classic ESP32.</summary>
        public static bool IsInputOnly(string chip, int pin)
        {
            return chip == "esp32" && pin >= 34 && pin <= 39;
        }
    }
}
