using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.DutyRoom.Mqtt;

namespace Kiosk.DutyRoom.Desk;

/// <summary>
/// Signs commands with the device's key from the registry (docs/protocol.md, Commands), sends
/// them with the device's own reply topic as the MQTT 5 response topic, and waits for the reply.
/// Counters are max(now in ms, last + 1) per device, so they rise across console restarts.
/// </summary>
public sealed class Commander(Stores stores, IMessageBus bus, ConsoleClock clock, ConsoleOptions options)
{
    private static readonly IHmacSha256 Hmac = new BclHmac();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CommandOutcome>> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly CommandWriter _writer = new();
    private readonly object _writerGate = new();

    // The console's own results carry no detail: their words are in the resources (Result.timeout, …), in the operator's language.
    // 'data' is for acl parts only: the device refuses it on any other command.
    public async Task<CommandOutcome> SendAsync(string device, string command, string argument, string sender, string? data = null)
    {
        var requestId = "req-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var site = stores.Devices.SiteOf(device);
        var key = stores.Devices.KeyOf(device);
        if (key is null || site is null)
            return new CommandOutcome(requestId, "not-registered", "");
        if (!bus.IsConnected)
            return new CommandOutcome(requestId, "broker-down", "");
        var now = clock.Now;
        var signed = new SignedCommand
        {
            RequestId = requestId,
            DeviceId = device,
            Command = command,
            Argument = argument,
            Sender = CapUtf8(sender, MaxSenderBytes),
            IssuedAt = now.ToUnixTimeSeconds(),
            ExpiresAt = now.ToUnixTimeSeconds() + 30,
            Counter = _counters.AddOrUpdate(device, _ => now.ToUnixTimeMilliseconds(), (_, last) => Math.Max(now.ToUnixTimeMilliseconds(), last + 1)),
            Data = data ?? "",
        };
        CommandSigner.Sign(signed, key, Hmac);
        CryptographicOperations.ZeroMemory(key);
        byte[] payload;
        lock (_writerGate)
            payload = _writer.WriteSigned(signed, null);
        var waiter = new TaskCompletionSource<CommandOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[requestId] = waiter;
        try
        {
            var topics = new Topics(site, device);
            if (!await bus.PublishAsync(topics.Commands, payload, topics.Replies, Encoding.ASCII.GetBytes(requestId)))
                return new CommandOutcome(requestId, "broker-refused", "");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.CommandTimeoutSeconds));
            await using (timeout.Token.Register(() => waiter.TrySetResult(new CommandOutcome(requestId, "timeout", ""))))
                return await waiter.Task;
        }
        finally
        {
            _waiting.TryRemove(requestId, out _);
        }
    }

    /// <summary>The device takes at most 48 bytes of UTF-8 in 'from' (docs/protocol.md): cut there, never inside a character.</summary>
    public const int MaxSenderBytes = 48;

    public static string CapUtf8(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
            return text;
        var bytes = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
                break;
            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }
        return text[..end];
    }

    /// <summary>A reply from a device (any reply topic); matched to its request by id.</summary>
    public void OnReply(string requestId, string result, string detail)
    {
        if (_waiting.TryGetValue(requestId, out var waiter))
            waiter.TrySetResult(new CommandOutcome(requestId, result, detail));
    }

    private sealed class BclHmac : IHmacSha256
    {
        public byte[] Compute(byte[] key, byte[] data) => HMACSHA256.HashData(key, data);
    }
}
