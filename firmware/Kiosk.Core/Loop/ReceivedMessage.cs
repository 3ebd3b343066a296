namespace Kiosk.Core.Loop
{
    /// <summary>A message as the transport delivered it, carried in <see cref="InputEvent.Payload"/>.</summary>
    public sealed class ReceivedMessage
    {
        public ReceivedMessage(string topic, byte[] payload, bool retained, string responseTopic, byte[] correlationData)
        {
            Topic = topic;
            Payload = payload;
            Retained = retained;
            ResponseTopic = responseTopic;
            CorrelationData = correlationData;
        }

        public string Topic { get; }
        public byte[] Payload { get; }
        public bool Retained { get; }
        public string ResponseTopic { get; }
        public byte[] CorrelationData { get; }
    }
}
