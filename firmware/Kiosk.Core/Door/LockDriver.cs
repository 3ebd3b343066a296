using Kiosk.Core.Config;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Door
{
    /// <summary>
    /// Turns "secure" and "release" into the relay pin level for this lock type, so the rest of
    /// the core never reasons about strikes versus maglocks. It drives the secure level the moment
    /// it is built: the controller builds it before anything else, on every boot path.
    /// </summary>
    public sealed class LockDriver
    {
        private readonly IDigitalOutput _output;
        private readonly LockSettings _settings;
        private bool _released;

        public LockDriver(IDigitalOutput output, LockSettings settings)
        {
            _output = output;
            _settings = settings;
            _output.Write(settings.SecureLevel);
        }

        public bool Released => _released;

        public void Release()
        {
            _released = true;
            _output.Write(_settings.ReleaseLevel);
        }

        public void Secure()
        {
            _released = false;
            _output.Write(_settings.SecureLevel);
        }

        /// <summary>Writes the level for <paramref name="release"/>, only when it differs from what was written.</summary>
        public void Set(bool release)
        {
            if (release == _released)
                return;
            if (release)
                Release();
            else
                Secure();
        }
    }
}
