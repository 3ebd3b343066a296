namespace Kiosk.DutyRoom.Data.Residents;

/// <summary>
/// The tables of resident access: residents, their credentials, the weekly schedules, door groups
/// and, per door, the allow-list it was last confirmed to hold. Kept apart from <see cref="Schema"/>
/// so the access tables read as one piece.
/// </summary>
internal static class ResidentSchema
{
    public static string[] Statements(string id) =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS residents (
            id {id}, building TEXT NOT NULL, unit TEXT NOT NULL, room TEXT NOT NULL, name TEXT NOT NULL,
            valid_from TEXT, valid_until TEXT, schedule BIGINT NOT NULL, door_groups TEXT NOT NULL,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        // A card's number is printed on it and operators match lost-card reports by it, so it is kept
        // readable (card); a PIN is a secret and is kept only encrypted (secret_protected).
        $"""
        CREATE TABLE IF NOT EXISTS credentials (
            id {id}, resident_id BIGINT NOT NULL, kind TEXT NOT NULL, card TEXT, secret_protected TEXT NOT NULL,
            added_by TEXT NOT NULL, added_at TEXT NOT NULL, revoked_by TEXT, revoked_at TEXT)
        """,
        "CREATE UNIQUE INDEX IF NOT EXISTS credentials_live_card ON credentials (kind, card) WHERE revoked_at IS NULL AND card IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS credentials_by_resident ON credentials (resident_id)",
        """
        CREATE TABLE IF NOT EXISTS access_schedules (
            number BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL UNIQUE, ranges TEXT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS door_groups (
            name TEXT NOT NULL PRIMARY KEY, devices TEXT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS access_lists (
            device TEXT NOT NULL PRIMARY KEY, confirmed_version BIGINT NOT NULL, confirmed_records TEXT NOT NULL,
            confirmed_schedules TEXT NOT NULL, confirmed_at TEXT, sent_version BIGINT NOT NULL,
            reported_version BIGINT, reported_at TEXT, pending BIGINT NOT NULL, last_error TEXT, last_error_at TEXT)
        """,
    ];
}
