namespace Kiosk.Core.Config
{
    /// <summary>Street lights: day/night from the light sensor, lamp checks, dusk-to-dawn relay.</summary>
    public sealed class LightSettings
    {
        /// <summary>ADC channel of the light sensor; -1 when the board has none.</summary>
        public int SensorChannel = -1;

        /// <summary>Light level (percent of full scale) below which it counts as night.</summary>
        public int DarkBelowPercent = 20;

        /// <summary>Light level above which it counts as day again; above DarkBelowPercent, for hysteresis.</summary>
        public int LightAbovePercent = 30;

        /// <summary>The level must stay past a threshold this long before day/night changes (headlights, clouds).</summary>
        public int DwellSeconds = 60;

        public int SampleSeconds = 5;

        /// <summary>After night falls (or the relay switches on), lamps get this long to light before a failure counts.</summary>
        public int LampWarmUpSeconds = 120;

        /// <summary>Switch the lamp relays on at dusk and off at dawn.</summary>
        public bool DuskToDawn = true;
    }
}
