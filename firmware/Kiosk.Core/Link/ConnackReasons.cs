namespace Kiosk.Core.Link
{
    /// <summary>What a broker's CONNACK refusal means, in words an installer can act on (MQTT 3.1.1 §3.2.2.3, MQTT 5 §3.2.2.2).</summary>
    public static class ConnackReasons
    {
        public static string Describe(int code)
        {
            switch (code)
            {
                case 0x01: return "broker refused: protocol version (try mqtt.protocol 3.1.1)";
                case 0x02: return "broker refused: client id rejected";
                case 0x03: return "broker refused: server unavailable";
                case 0x04: return "broker refused: bad user name or password";
                case 0x05: return "broker refused: not authorised";
                case 0x80: return "broker refused: unspecified error";
                case 0x81: return "broker refused: malformed packet";
                case 0x82: return "broker refused: protocol error";
                case 0x83: return "broker refused: implementation specific";
                case 0x84: return "broker refused: protocol version (try mqtt.protocol 3.1.1)";
                case 0x85: return "broker refused: client id not valid";
                case 0x86: return "broker refused: bad user name or password";
                case 0x87: return "broker refused: not authorised";
                case 0x88: return "broker refused: server unavailable";
                case 0x89: return "broker refused: server busy";
                case 0x8A: return "broker refused: banned";
                case 0x8C: return "broker refused: bad authentication method";
                case 0x95: return "broker refused: packet too large";
                case 0x97: return "broker refused: quota exceeded";
                case 0x9C: return "broker refused: use another server";
                case 0x9D: return "broker refused: server moved";
                case 0x9F: return "broker refused: connection rate exceeded";
                default: return "broker refused: reason code " + code;
            }
        }
    }
}
