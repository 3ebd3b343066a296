using System.Threading.Tasks;

namespace Kiosk.DutyRoom.Mqtt;

/// <summary>The console's way out to the broker (the MQTT client in production).</summary>
public interface IMessageBus
{
    bool IsConnected { get; }

    /// <summary>Publishes at QoS 1, never retained; false if the broker did not take it.</summary>
    Task<bool> PublishAsync(string topic, byte[] payload, string? responseTopic, byte[]? correlation);
}
