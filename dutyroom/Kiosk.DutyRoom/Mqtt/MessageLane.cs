using System;
using System.Globalization;
using System.Text.Json;

namespace Kiosk.DutyRoom.Mqtt;

/// <summary>
/// Which way a message goes through the console. After an outage a board sends what it recorded
/// since the reconnect first and then drains its backlog (docs/protocol.md, Delivery); a thousand
/// boards doing so bring hundreds of thousands of old events at once. A visitor's call, an alarm or
/// a door changing now must not wait behind them: those take the live lane (handled at once, one by
/// one), everything else the archive lane (archived in batches, its side effects after the commit).
/// </summary>
public enum MessageLane
{
    Live,
    Archive,
}

public static class MessageLanes
{
    /// <summary>An event recorded longer ago than this (by a synced clock) is backlog, whatever its type.</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromSeconds(60);

    /// <summary>
    /// status, state, heartbeat and reply are live; an event is live when an operator acts on it
    /// (call, alarm, door, command) and it was recorded within <see cref="LiveWindow"/>, or by a clock
    /// not yet set (a board just back from a power cut: its call is now, whatever its clock says).
    /// Anything unreadable goes live too, where the router refuses it with the reason.
    /// </summary>
    public static MessageLane Of(string topic, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        if (!topic.EndsWith("/events", StringComparison.Ordinal))
            return MessageLane.Live;
        string? type = null, ts = null;
        bool? synced = null;
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return MessageLane.Live;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                    type = reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                else if (reader.ValueTextEquals("ts"u8))
                    ts = reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                else if (reader.ValueTextEquals("synced"u8))
                    synced = reader.Read() && reader.TokenType is JsonTokenType.True or JsonTokenType.False ? reader.GetBoolean() : null;
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return MessageLane.Live;
        }
        if (type is null || ts is null || synced is null)
            return MessageLane.Live;
        if (type is not ("call" or "alarm-raised" or "alarm-restored" or "alarm-reset" or "door" or "command"))
            return MessageLane.Archive;
        if (synced == false)
            return MessageLane.Live;
        if (!DateTimeOffset.TryParse(ts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return MessageLane.Live;
        return now - at > LiveWindow ? MessageLane.Archive : MessageLane.Live;
    }
}
