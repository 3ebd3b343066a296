using Kiosk.Core.Ports;

namespace Kiosk.HostSim.Simulation;

/// <summary>
/// Wraps a board's storage to cut its power in the middle of a write: once armed, the next write
/// lands only its first bytes and throws <see cref="PowerLossException"/>, which the runner treats as
/// the board losing power there and then.
/// </summary>
public sealed class FaultyStorage : IStorage
{
    private readonly IStorage _inner;
    private int _tearAfter = -1;

    public FaultyStorage(IStorage inner) => _inner = inner;

    public IStorage Inner => _inner;

    public void TearNextWrite(int bytesThatLand) => _tearAfter = bytesThatLand;

    public int Length(string name) => _inner.Length(name);

    public int Read(string name, int position, byte[] buffer, int offset, int count) => _inner.Read(name, position, buffer, offset, count);

    public void Write(string name, int position, byte[] buffer, int offset, int count)
    {
        if (_tearAfter < 0)
        {
            _inner.Write(name, position, buffer, offset, count);
            return;
        }
        var landed = System.Math.Min(count, _tearAfter);
        _tearAfter = -1;
        if (landed > 0)
            _inner.Write(name, position, buffer, offset, landed);
        throw new PowerLossException();
    }

    public void Delete(string name) => _inner.Delete(name);
}
