namespace Kiosk.Core.Config
{
    /// <summary>
    /// Where the board sets its clock. GB 50396 asks for drift under 10 s a day with a daily sync;
    /// the ESP32's crystal drifts a few seconds a day, so one SNTP sync a day meets it.
    /// </summary>
    public sealed class TimeSettings
    {
        /// <summary>nanoFramework's SNTP client holds two servers.</summary>
        public const int MaxServers = 2;

        /// <summary>Reachable from Chinese estates without a foreign route; an estate with its own NTP server names it instead.</summary>
        public static readonly string[] DefaultServers = { "ntp.aliyun.com", "cn.pool.ntp.org" };

        public string[] NtpServers = DefaultServers;

        /// <summary>Hours between syncs once synced.</summary>
        public int SyncHours = 24;
    }
}
