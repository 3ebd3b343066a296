namespace Kiosk.Core.Link
{
    public enum LinkState
    {
        /// <summary>Waiting out a backoff delay before the next attempt.</summary>
        Waiting = 0,
        Connecting = 1,
        Connected = 2,
    }
}
