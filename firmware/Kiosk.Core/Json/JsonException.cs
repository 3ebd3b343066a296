using System;

namespace Kiosk.Core.Json
{
    /// <summary>Malformed JSON, with where it went wrong.</summary>
    public sealed class JsonException : Exception
    {
        public JsonException(string message, int line, int column)
            : base("line " + line + ", column " + column + ": " + message)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }
        public int Column { get; }
    }
}
