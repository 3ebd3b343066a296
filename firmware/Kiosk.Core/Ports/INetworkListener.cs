namespace Kiosk.Core.Ports
{
    /// <summary>Called by the network adapter, from any thread. Implementations only queue.</summary>
    public interface INetworkListener
    {
        void OnNetworkUp(string address);

        void OnNetworkDown(string reason);
    }
}
