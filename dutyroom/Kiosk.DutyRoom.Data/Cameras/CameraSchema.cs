namespace Kiosk.DutyRoom.Data.Cameras;

/// <summary>
/// The tables of the entrance cameras (issue 19): one optional camera per entrance, its password only
/// encrypted; and one row per picture kept with a call or an alarm (the JPEG itself is a file in the
/// picture folder, see <see cref="PictureStore"/>). Kept apart from <see cref="Schema"/> so the camera
/// tables read as one piece.
/// </summary>
internal static class CameraSchema
{
    public static string[] Statements(string id) =>
    [
        """
        CREATE TABLE IF NOT EXISTS cameras (
            device TEXT NOT NULL PRIMARY KEY, kind TEXT NOT NULL, address TEXT NOT NULL, auth TEXT NOT NULL,
            username TEXT, secret_protected TEXT, changed_by TEXT NOT NULL, changed_at TEXT NOT NULL)
        """,
        // moment: ring, answer, door-open (with call_id) or alarm (with alarm_id). removed_at/removed_why:
        // the file was deleted (retention, or evicted at the size cap); the row stays so the record says so.
        $"""
        CREATE TABLE IF NOT EXISTS pictures (
            id {id}, device TEXT NOT NULL, moment TEXT NOT NULL, call_id TEXT, alarm_id BIGINT, taken_at TEXT NOT NULL,
            file TEXT NOT NULL, bytes BIGINT NOT NULL, removed_at TEXT, removed_why TEXT)
        """,
        "CREATE INDEX IF NOT EXISTS pictures_by_call ON pictures (device, call_id)",
        "CREATE INDEX IF NOT EXISTS pictures_by_alarm ON pictures (alarm_id)",
        "CREATE INDEX IF NOT EXISTS pictures_by_time ON pictures (taken_at)",
    ];
}
