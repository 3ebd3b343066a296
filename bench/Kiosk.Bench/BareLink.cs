using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;

namespace Kiosk.Bench;

/// <summary>
/// The latency benchmark's judge: two plain MQTTnet clients on the broker, one publishing at QoS 1,
/// the other subscribed. A sample runs from the publish to the receiver's callback, stamped there
/// as the board's lock write or the subscriber's ring is stamped where it happens: neither
/// includes a continuation hop back to the benchmark.
/// A sample is published from one of two places, to match the path it is the judge of:
/// <list type="bullet">
/// <item><see cref="SampleAsync"/>: from the benchmark's own pool thread, as the console's unlock is.</item>
/// <item><see cref="SampleFromOwnThreadAsync"/>: from a thread of its own while the thread pool is
/// asleep, as the board's runner publishes a ring.</item>
/// </list>
/// The two differ by a wake-up: sender and receiver share this process, and a publish from a pool
/// thread leaves that thread spinning for work, so it takes the receiver's callback at once; a
/// publish from another thread finds every pool thread asleep and waits for one to be woken.
/// </summary>
internal sealed class BareLink : IDisposable
{
    /// <summary>
    /// How long the own thread waits before it publishes: far longer than a .NET pool thread spins
    /// for work before it sleeps, so every pool thread is asleep, as they are when a press is accepted
    /// 50 ms after the benchmark last ran.
    /// </summary>
    private const int PoolAsleepMillis = 30;

    private readonly IMqttClient _sender;
    private readonly IMqttClient _receiver;
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly SemaphoreSlim _ownTurn = new(0);
    private readonly SemaphoreSlim _ownPublished = new(0);
    private Thread? _own;
    private MqttApplicationMessage? _ownMessage;
    private Task _ownPublish = Task.CompletedTask;
    private long _ownStartedAt;
    private long _arrivedAt;

    private BareLink(IMqttClient sender, IMqttClient receiver)
    {
        _sender = sender;
        _receiver = receiver;
        _receiver.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Exchange(ref _arrivedAt, Stopwatch.GetTimestamp());
            _arrived.Release();
            return Task.CompletedTask;
        };
    }

    public static async Task<BareLink> OpenAsync(int port)
    {
        var link = new BareLink(await UnlockLatencyBench.ClientAsync(port, "bench-sender"), await UnlockLatencyBench.ClientAsync(port, "bench-receiver"));
        await link._receiver.SubscribeAsync("bench/rtt", MqttQualityOfServiceLevel.AtLeastOnce);
        return link;
    }

    /// <summary>One round trip of a payload as long as the measured path's, published from the calling pool thread, in ms.</summary>
    public async Task<double> SampleAsync(int payloadLength)
    {
        var message = Message(payloadLength);
        var start = Stopwatch.GetTimestamp();
        await _sender.PublishAsync(message);
        return await ArrivedAsync(start);
    }

    /// <summary>
    /// One round trip published from a thread of its own after <see cref="PoolAsleepMillis"/>, without
    /// awaiting the publish on that thread (the board's transport does not either), in ms.
    /// </summary>
    public async Task<double> SampleFromOwnThreadAsync(int payloadLength)
    {
        _own ??= StartOwnThread();
        Volatile.Write(ref _ownMessage, Message(payloadLength));
        _ownTurn.Release();
        if (!await _ownPublished.WaitAsync(TimeSpan.FromSeconds(5)))
            throw new InvalidOperationException("the bare publisher's thread never published");
        var ms = await ArrivedAsync(Interlocked.Read(ref _ownStartedAt));
        await _ownPublish; // its PUBACK, and any failure
        return ms;
    }

    /// <summary>
    /// One of each, <paramref name="ownThreadFirst"/> choosing which goes first (alternate it, so that
    /// neither always follows the other's traffic), <paramref name="between"/> apart.
    /// </summary>
    public async Task<(double FromPool, double FromOwnThread)> SampleBothAsync(int payloadLength, bool ownThreadFirst, TimeSpan between)
    {
        if (ownThreadFirst)
        {
            var own = await SampleFromOwnThreadAsync(payloadLength);
            await Task.Delay(between);
            return (await SampleAsync(payloadLength), own);
        }
        var pool = await SampleAsync(payloadLength);
        await Task.Delay(between);
        return (pool, await SampleFromOwnThreadAsync(payloadLength));
    }

    private Thread StartOwnThread()
    {
        var thread = new Thread(() =>
        {
            while (true)
            {
                _ownTurn.Wait();
                Thread.Sleep(PoolAsleepMillis);
                var message = Volatile.Read(ref _ownMessage)!;
                Interlocked.Exchange(ref _ownStartedAt, Stopwatch.GetTimestamp());
                _ownPublish = _sender.PublishAsync(message);
                _ownPublished.Release();
            }
        }) { IsBackground = true, Name = "bench-bare-publisher" };
        thread.Start();
        return thread;
    }

    private async Task<double> ArrivedAsync(long start)
    {
        if (!await _arrived.WaitAsync(TimeSpan.FromSeconds(5)))
            throw new InvalidOperationException("a bare round trip never arrived");
        return Stopwatch.GetElapsedTime(start, Interlocked.Read(ref _arrivedAt)).TotalMilliseconds;
    }

    private static MqttApplicationMessage Message(int payloadLength) =>
        new MqttApplicationMessageBuilder().WithTopic("bench/rtt").WithPayload(new byte[payloadLength])
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    public void Dispose()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }
}
