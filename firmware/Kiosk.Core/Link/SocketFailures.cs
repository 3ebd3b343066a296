namespace Kiosk.Core.Link
{
    /// <summary>
    /// A socket error on the way to the broker, in words an installer can act on. The numbers are
    /// Winsock's, which nanoFramework's and .NET's SocketError both use, so the device and desktop
    /// adapters say the same thing for the same failure.
    /// </summary>
    public static class SocketFailures
    {
        public const int TimedOut = 10060;
        public const int ConnectionRefused = 10061;
        public const int HostUnreachable = 10065;
        public const int NetworkUnreachable = 10051;
        public const int HostNotFound = 11001;
        public const int TryAgain = 11002;
        public const int NoData = 11004;

        public static string Describe(int socketError, string host)
        {
            switch (socketError)
            {
                case HostNotFound:
                case TryAgain:
                case NoData: return "DNS: cannot resolve " + host;
                case ConnectionRefused: return "refused by " + host + " (wrong port, broker down?)";
                case TimedOut: return "no answer from " + host;
                case NetworkUnreachable:
                case HostUnreachable: return "no route to " + host;
                default: return "socket error " + socketError + " to " + host;
            }
        }
    }
}
