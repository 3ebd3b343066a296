using Kiosk.Core.Ports;
using Kiosk.Core.Security;

namespace Kiosk.Core.Protocol
{
    /// <summary>The duty-room side: signs a command and writes its payload, in the form the device's <see cref="CommandReader"/> reads.</summary>
    public sealed class CommandWriter
    {
        private readonly JsonWriter _json = new JsonWriter();

        /// <param name="replyTopic">Where the reply should go on MQTT 3.1.1; null to use the response topic (MQTT 5) or the device's reply topic.</param>
        public byte[] Write(SignedCommand command, byte[] key, IHmacSha256 hmac, string replyTopic)
        {
            CommandSigner.Sign(command, key, hmac);
            return WriteSigned(command, replyTopic);
        }

        /// <summary>Writes a command with the MAC it already carries (tests use it to send altered or forged ones).</summary>
        public byte[] WriteSigned(SignedCommand command, string replyTopic)
        {
            _json.Begin().Field("v", 1).Field("id", command.RequestId).Field("dev", command.DeviceId).Field("cmd", command.Command)
                .Field("arg", command.Argument).Field("from", command.Sender).Field("iat", command.IssuedAt)
                .Field("exp", command.ExpiresAt).Field("ctr", command.Counter).Field("mac", command.Mac);
            if (command.Data != null && command.Data.Length > 0)
                _json.Field("data", command.Data);
            if (replyTopic != null)
                _json.Field("reply", replyTopic);
            return _json.EndToBytes();
        }
    }
}
