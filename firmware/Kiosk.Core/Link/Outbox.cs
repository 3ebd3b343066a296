using Kiosk.Core.Events;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;

namespace Kiosk.Core.Link
{
    /// <summary>
    /// Store-and-forward: publishes events from the event store at QoS 1 and marks them delivered
    /// only when the broker has acknowledged them. After an outage two lanes share a window of
    /// in-flight messages: live events (recorded since the connection came up) go first, so an
    /// alarm is not queued behind a night's backlog; the backlog drains oldest-first at a limited
    /// rate. A message lost with the connection is simply sent again: delivery is at least once,
    /// and consumers de-duplicate by (device, boot, sequence) and order by sequence.
    /// </summary>
    public sealed class Outbox
    {
        /// <summary>Most messages awaiting PUBACK at once.</summary>
        public const int Window = 16;

        /// <summary>An acknowledgement outstanding this long means the connection is dead.</summary>
        public const int AckTimeoutMillis = 30000;

        /// <summary>The delivered mark is written to flash at most this often while draining.</summary>
        public const int PersistEveryMillis = 5000;

        private readonly EventStore _store;
        private readonly IMessageTransport _transport;
        private readonly MessageWriter _writer;
        private readonly string _topic;
        private readonly int _backlogPerSecond;
        private readonly EventRecord _scratch = new EventRecord();
        private readonly int[] _ids = new int[Window];
        private readonly long[] _seqs = new long[Window];
        private readonly long[] _sentAt = new long[Window];
        // One bit per ring slot, packed: a bool[] would be one allocation of up to 20 KB on the
        // device's heap (eventCapacity 20000), where no single block should pass 4 KB.
        private readonly int[] _acked;
        private readonly int _capacity;
        private int _inFlight;
        private bool _active;
        private long _backlogNext;
        private long _liveFrom;
        private long _liveNext;
        private long _tokens;
        private long _lastRefill;
        private long _lastPersist;

        public Outbox(EventStore store, IMessageTransport transport, MessageWriter writer, string topic, int backlogPerSecond)
        {
            _store = store;
            _transport = transport;
            _writer = writer;
            _topic = topic;
            _backlogPerSecond = backlogPerSecond;
            _capacity = store.Capacity;
            _acked = new int[(store.Capacity + 31) / 32];
        }

        /// <summary>Events recorded but not yet acknowledged by the broker.</summary>
        public long Backlog => _store.LastSequence - _store.DeliveredThrough;

        public int InFlight => _inFlight;

        /// <summary>The connection is up: start from the oldest undelivered event.</summary>
        public void Start(long nowMillis)
        {
            _active = true;
            _inFlight = 0;
            _backlogNext = _store.DeliveredThrough + 1;
            _liveFrom = _store.LastSequence + 1;
            _liveNext = _liveFrom;
            _tokens = _backlogPerSecond;
            _lastRefill = nowMillis;
        }

        /// <summary>The connection is gone: whatever was in flight will be sent again.</summary>
        public void Stop()
        {
            _active = false;
            _inFlight = 0;
        }

        /// <summary>
        /// Sends what the window and the backlog rate allow. Called every tick while connected.
        /// Returns how many live events (recorded since the connection came up) it handed to the
        /// transport: the node lets those go out ahead of its state snapshot.
        /// </summary>
        public int Pump(long nowMillis)
        {
            if (!_active)
                return 0;
            Refill(nowMillis);
            int live = 0;
            while (_inFlight < Window && _liveNext <= _store.LastSequence)
            {
                if (!Send(_liveNext, nowMillis))
                    return live;
                _liveNext++;
                live++;
            }
            while (_inFlight < Window && _backlogNext < _liveFrom && _tokens > 0)
            {
                if (_backlogNext <= _store.DeliveredThrough || IsAcked(_backlogNext))
                {
                    _backlogNext++;
                    continue;
                }
                if (!Send(_backlogNext, nowMillis))
                    return live;
                _backlogNext++;
                _tokens--;
            }
            if (nowMillis - _lastPersist >= PersistEveryMillis || Backlog == 0)
            {
                _lastPersist = nowMillis;
                _store.MarkDelivered(_store.DeliveredThrough, true);
            }
            return live;
        }

        /// <summary>The broker acknowledged message <paramref name="messageId"/>. Returns its sequence number, or 0 when it is not ours.</summary>
        public long Acknowledged(int messageId)
        {
            for (int i = 0; i < _inFlight; i++)
            {
                if (_ids[i] != messageId)
                    continue;
                long seq = _seqs[i];
                _inFlight--;
                _ids[i] = _ids[_inFlight];
                _seqs[i] = _seqs[_inFlight];
                _sentAt[i] = _sentAt[_inFlight];
                MarkAcked(seq);
                return seq;
            }
            return 0;
        }

        /// <summary>An acknowledgement is overdue: the connection is dead even if the socket has not noticed.</summary>
        public bool Stalled(long nowMillis)
        {
            for (int i = 0; i < _inFlight; i++)
                if (nowMillis - _sentAt[i] >= AckTimeoutMillis)
                    return true;
            return false;
        }

        /// <summary>Reads record <paramref name="seq"/> for the caller (e.g. to see whether it was a call).</summary>
        public bool TryRead(long seq, EventRecord into)
        {
            return _store.TryRead(seq, into);
        }

        private bool Send(long seq, long nowMillis)
        {
            if (!_store.TryRead(seq, _scratch))
            {
                // Torn or overwritten: already reported at boot or by the store; nothing to send,
                // and it must not hold the delivered mark back for ever.
                MarkAcked(seq);
                return true;
            }
            int id = _transport.Publish(_topic, _writer.Event(_scratch), 1, false, null);
            if (id < 0)
                return false;
            _ids[_inFlight] = id;
            _seqs[_inFlight] = seq;
            _sentAt[_inFlight] = nowMillis;
            _inFlight++;
            return true;
        }

        /// <summary>Counts <paramref name="seq"/> as done (acknowledged, or gone from the ring) and moves the delivered mark over every done one.</summary>
        private void MarkAcked(long seq)
        {
            if (seq > _store.DeliveredThrough && seq > _store.LastSequence - _store.Capacity)
                SetAcked(Slot(seq), true);
            AdvanceDelivered();
        }

        private void AdvanceDelivered()
        {
            long delivered = _store.DeliveredThrough;
            while (delivered < _store.LastSequence && IsAcked(delivered + 1))
            {
                delivered++;
                SetAcked(Slot(delivered), false);
            }
            // A record the ring lost cannot be delivered any more; step over it.
            _store.MarkDelivered(delivered, false);
        }

        private bool IsAcked(long seq)
        {
            int slot = Slot(seq);
            return (_acked[slot >> 5] & (1 << (slot & 31))) != 0;
        }

        private void SetAcked(int slot, bool acked)
        {
            if (acked)
                _acked[slot >> 5] |= 1 << (slot & 31);
            else
                _acked[slot >> 5] &= ~(1 << (slot & 31));
        }

        private int Slot(long seq)
        {
            return (int)((seq - 1) % _capacity);
        }

        private void Refill(long nowMillis)
        {
            long elapsed = nowMillis - _lastRefill;
            if (elapsed < 100)
                return;
            _tokens += elapsed * _backlogPerSecond / 1000;
            if (_tokens > _backlogPerSecond)
                _tokens = _backlogPerSecond;
            _lastRefill = nowMillis;
        }
    }
}
