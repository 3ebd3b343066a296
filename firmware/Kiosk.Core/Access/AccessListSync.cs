using System.Text;
using Kiosk.Core.Commands;
using Kiosk.Core.Events;
using Kiosk.Core.Ports;
using Kiosk.Core.Security;

namespace Kiosk.Core.Access
{
    /// <summary>
    /// Takes allow-list updates from the duty room: signed <c>acl</c> commands (verified like every
    /// command: MAC, freshness, counter), each one part of a full list or of a delta against the
    /// version the board has. Part 1 carries the schedule table, later parts up to 16 records in
    /// hash order. A full list is written straight into the spare copy; a delta is staged on flash
    /// and merged with the list in force when its last part arrives. Either way the new list is in
    /// force only when whole (<see cref="AllowList"/>): a revocation applies at once on an online
    /// board, and a board that was offline gets it as soon as the console sees its older version.
    /// </summary>
    /// <remarks>
    /// The argument is <c>full|delta:BASE:VERSION:PART:PARTS:DIGEST</c>; DIGEST is the first 12 bytes
    /// (24 hex digits) of HMAC-SHA256(device key, "kiosk-acl-data\n" + data), so the command's MAC,
    /// which covers the argument, covers the data too. docs/access.md has the layout.
    /// </remarks>
    public sealed class AccessListSync
    {
        public const string StagingBlob = "access-delta.bin";
        public const int RecordsPerPart = 16;
        private const int DigestHexDigits = 24;

        private readonly IStorage _storage;
        private readonly AllowList _list;
        private readonly AllowListWriter _writer;
        private readonly IHmacSha256 _hmac;
        private readonly byte[] _key;
        private readonly EventLog _log;
        private readonly byte[] _record = new byte[AccessEntry.Size];
        private readonly byte[] _old = new byte[AccessEntry.Size];
        private readonly byte[] _schedules = new byte[AccessSchedule.TableSize];
        private bool _full;
        private uint _version;
        private int _nextPart;
        private int _parts;
        private int _staged;

        public AccessListSync(IStorage storage, AllowList list, IHmacSha256 hmac, byte[] key, EventLog log)
        {
            _storage = storage;
            _list = list;
            _writer = new AllowListWriter(storage, list);
            _hmac = hmac;
            _key = key;
            _log = log;
        }

        /// <summary>The digest an <c>acl</c> argument ends with (the console computes the same).</summary>
        public static string Digest(IHmacSha256 hmac, byte[] key, string dataHex)
        {
            byte[] mac = hmac.Compute(key, Encoding.UTF8.GetBytes("kiosk-acl-data\n" + dataHex));
            byte[] first = new byte[DigestHexDigits / 2];
            System.Array.Copy(mac, first, first.Length);
            return Hex.Encode(first);
        }

        /// <summary>Applies one verified <c>acl</c> command; <paramref name="detail"/> says what happened or why not.</summary>
        public CommandResult Apply(string argument, string dataHex, out string detail)
        {
            string[] a = argument.Split(':');
            uint baseVersion;
            uint version;
            int part;
            int parts;
            if (a.Length != 6 || (a[0] != "full" && a[0] != "delta") || !TryUInt(a[1], out baseVersion) || !TryUInt(a[2], out version)
                || !TryInt(a[3], out part) || !TryInt(a[4], out parts) || part < 1 || parts < 1 || part > parts || a[5].Length != DigestHexDigits)
            {
                detail = "arg must be full|delta:BASE:VERSION:PART:PARTS:DIGEST";
                return CommandResult.Invalid;
            }
            if (Digest(_hmac, _key, dataHex) != a[5].ToLower())
            {
                detail = "data does not match its digest";
                return Refuse(CommandResult.BadSignature, detail);
            }
            byte[] data = Hex.Decode(dataHex);
            if (data == null)
            {
                detail = "data must be hex";
                return CommandResult.Invalid;
            }
            bool full = a[0] == "full";
            if (part == 1)
                return Start(full, baseVersion, version, parts, data, out detail);
            if (_parts == 0 || full != _full || version != _version || part != _nextPart || parts != _parts)
            {
                detail = "part " + part + " of v" + version + " out of turn (expected part " + _nextPart + " of v" + _version + "): send the list again";
                Abandon();
                return Refuse(CommandResult.Rejected, detail);
            }
            if (data.Length % AccessEntry.Size != 0 || data.Length / AccessEntry.Size > RecordsPerPart)
            {
                detail = "records must be whole, at most " + RecordsPerPart + " a part";
                Abandon();
                return Refuse(CommandResult.Invalid, detail);
            }
            string problem = full ? AppendFull(data) : Stage(data);
            if (problem != null)
            {
                detail = problem;
                Abandon();
                return Refuse(CommandResult.Invalid, detail);
            }
            _nextPart++;
            if (part < parts)
            {
                detail = "part " + part + " of " + parts;
                return CommandResult.Ok;
            }
            return Finish(out detail);
        }

        private CommandResult Start(bool full, uint baseVersion, uint version, int parts, byte[] data, out string detail)
        {
            Abandon();
            if (data.Length != AccessSchedule.TableSize)
            {
                detail = "part 1 must hold the schedule table (" + AccessSchedule.TableSize + " bytes)";
                return Refuse(CommandResult.Invalid, detail);
            }
            if (version <= _list.Version)
            {
                detail = "v" + version + " is not newer than v" + _list.Version + " in force";
                return Refuse(CommandResult.Rejected, detail);
            }
            if (!full && baseVersion != _list.Version)
            {
                detail = "delta from v" + baseVersion + ", but this board has v" + _list.Version + ": send the full list";
                return Refuse(CommandResult.Rejected, detail);
            }
            _full = full;
            _version = version;
            _parts = parts;
            _nextPart = 2;
            _staged = 0;
            System.Array.Copy(data, _schedules, AccessSchedule.TableSize);
            if (full)
                _writer.Begin(version, _schedules);
            else
                _storage.Delete(StagingBlob);
            if (parts > 1)
            {
                detail = "part 1 of " + parts;
                return CommandResult.Ok;
            }
            return Finish(out detail);
        }

        private string AppendFull(byte[] data)
        {
            for (int at = 0; at < data.Length; at += AccessEntry.Size)
            {
                string problem = _writer.Append(data, at);
                if (problem != null)
                    return problem;
            }
            return null;
        }

        /// <summary>Delta records go to flash as they come (in hash order), not into the heap.</summary>
        private string Stage(byte[] data)
        {
            for (int at = 0; at < data.Length; at += AccessEntry.Size)
            {
                if (_staged > 0)
                {
                    _storage.Read(StagingBlob, (_staged - 1) * AccessEntry.Size, _old, 0, AccessEntry.Size);
                    if (AccessEntry.Compare(data, at, _old, 0) <= 0)
                        return "delta records out of order (each hash must be above the one before)";
                }
                if (_staged >= AllowList.MaxEntries)
                    return "more than " + AllowList.MaxEntries + " changes";
                _storage.Write(StagingBlob, _staged * AccessEntry.Size, data, at, AccessEntry.Size);
                _staged++;
            }
            return null;
        }

        private CommandResult Finish(out string detail)
        {
            if (!_full)
            {
                string problem = Merge();
                if (problem != null)
                {
                    detail = problem;
                    Abandon();
                    return Refuse(CommandResult.Invalid, detail);
                }
            }
            _writer.Commit();
            _parts = 0;
            _storage.Delete(StagingBlob);
            detail = "v" + _list.Version + " in force: " + _list.Count + " credentials";
            _log.Record(EventType.AccessList, 1, "access-list", detail);
            return CommandResult.Ok;
        }

        /// <summary>The list in force and the staged delta, both in hash order, merged into the spare copy: a delta record replaces or removes its hash.</summary>
        private string Merge()
        {
            _writer.Begin(_version, _schedules);
            int i = 0;
            int j = 0;
            bool haveOld = false;
            bool haveNew = false;
            while (true)
            {
                if (!haveOld && i < _list.Count)
                {
                    _list.ReadAt(i++, _old);
                    haveOld = true;
                }
                if (!haveNew && j < _staged)
                {
                    _storage.Read(StagingBlob, j++ * AccessEntry.Size, _record, 0, AccessEntry.Size);
                    haveNew = true;
                }
                if (!haveOld && !haveNew)
                    return null;
                int c = !haveOld ? 1 : !haveNew ? -1 : AccessEntry.Compare(_old, 0, _record, 0);
                string problem = null;
                if (c < 0)
                {
                    problem = _writer.Append(_old, 0);
                    haveOld = false;
                }
                else
                {
                    if (_record[25] != AccessEntry.Removed)
                        problem = _writer.Append(_record, 0);
                    haveNew = false;
                    if (c == 0)
                        haveOld = false; // replaced or removed
                }
                if (problem != null)
                    return problem;
            }
        }

        private void Abandon()
        {
            _writer.Abandon();
            _parts = 0;
            _staged = 0;
        }

        private CommandResult Refuse(CommandResult result, string why)
        {
            _log.Record(EventType.AccessList, 2, "access-list", why);
            return result;
        }

        private static bool TryUInt(string text, out uint value)
        {
            long parsed;
            value = 0;
            if (!long.TryParse(text, out parsed) || parsed < 0 || parsed > uint.MaxValue)
                return false;
            value = (uint)parsed;
            return true;
        }

        private static bool TryInt(string text, out int value)
        {
            long parsed;
            value = 0;
            if (!long.TryParse(text, out parsed) || parsed < 0 || parsed > 100000)
                return false;
            value = (int)parsed;
            return true;
        }
    }
}
