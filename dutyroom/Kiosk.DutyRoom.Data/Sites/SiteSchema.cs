namespace Kiosk.DutyRoom.Data.Sites;

/// <summary>
/// Multi-site tables (issue 16), created if missing beside the rest (<see cref="Schema"/>): the
/// estates the console has seen, with the name their boards report in a birth and the label an
/// administrator may give; and which operator may see and act on which estate. Additive only.
/// </summary>
internal static class SiteSchema
{
    public static string[] Statements() =>
    [
        """
        CREATE TABLE IF NOT EXISTS sites (
            site TEXT NOT NULL PRIMARY KEY, reported_name TEXT, label TEXT, updated_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS site_assignments (
            username TEXT NOT NULL, site TEXT NOT NULL, assigned_by TEXT NOT NULL, assigned_at TEXT NOT NULL,
            PRIMARY KEY (username, site))
        """,
        "CREATE INDEX IF NOT EXISTS site_assignments_by_site ON site_assignments (site)",
    ];
}
