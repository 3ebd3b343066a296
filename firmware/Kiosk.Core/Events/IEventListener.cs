namespace Kiosk.Core.Events
{
    /// <summary>
    /// Told of every record once it is safely in the store (the outbox publishes from here). The
    /// record object is reused after the call returns: copy what you keep.
    /// </summary>
    public interface IEventListener
    {
        void OnAppended(EventRecord record);
    }
}
