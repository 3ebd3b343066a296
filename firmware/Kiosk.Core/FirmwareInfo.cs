namespace Kiosk.Core
{
    /// <summary>
    /// The firmware's own version, sent in every birth so the duty room's registry shows what each
    /// entrance runs (an installer checks it after a flash). Bump it with every release.
    /// </summary>
    public static class FirmwareInfo
    {
        public const string Version = "0.6.0";
    }
}
