namespace StoreSales.Edge.Outbox;

/// <summary>
/// The outbox database's schema as numbered migrations, recorded in SQLite's <c>PRAGMA user_version</c>. An agent
/// that runs for months upgrades its database in place when a new version starts: every migration above the
/// file's version runs, in order, each in one transaction with the version it brings. Append a migration; never
/// change a shipped one.
/// </summary>
internal static class OutboxSchema
{
    /// <summary>Migration N (1-based) brings the database to version N.</summary>
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: the schema shipped before versioning. IF NOT EXISTS: a version-0 file written by those agents already has
        // these tables with their rows; it is adopted as it is.
        """
        CREATE TABLE IF NOT EXISTS terminal_sequence (
            terminal_id   TEXT    NOT NULL PRIMARY KEY,
            last_sequence INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS outbox (
            terminal_id TEXT    NOT NULL,
            sequence    INTEGER NOT NULL,
            payload     TEXT    NOT NULL,
            enqueued_at TEXT    NOT NULL,
            PRIMARY KEY (terminal_id, sequence)
        );
        CREATE TABLE IF NOT EXISTS rejected (
            terminal_id TEXT    NOT NULL,
            sequence    INTEGER NOT NULL,
            payload     TEXT    NOT NULL,
            enqueued_at TEXT    NOT NULL,
            rejected_at TEXT    NOT NULL,
            reason      TEXT    NOT NULL,
            PRIMARY KEY (terminal_id, sequence)
        );
        CREATE TABLE IF NOT EXISTS open_sale_lines (
            id          INTEGER PRIMARY KEY,
            terminal_id TEXT    NOT NULL,
            line        TEXT    NOT NULL
        );
        CREATE TABLE IF NOT EXISTS unparsed_receipts (
            id          INTEGER PRIMARY KEY,
            terminal_id TEXT    NOT NULL,
            captured_at TEXT    NOT NULL,
            reason      TEXT    NOT NULL,
            raw         BLOB    NOT NULL,
            text        TEXT    NOT NULL
        );
        """,

        // 2: the open-sale journal is read and cleared per terminal on every till line; an index keeps that a lookup
        // when many terminals journal at once.
        """
        CREATE INDEX IF NOT EXISTS open_sale_lines_terminal ON open_sale_lines (terminal_id, id);
        """,

        // 3: the outbox's terminal epoch (TerminalEpoch), chosen once by SaleQueue when it first opens the file: a terminal
        // first seen by this outbox counts its sequences within that epoch, so an agent reinstalled with an empty outbox
        // never sends a sequence its terminals used before. Terminals an upgraded outbox already counted go on counting
        // as they did (their terminal_sequence rows are kept).
        """
        CREATE TABLE IF NOT EXISTS outbox_epoch (
            id    INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            epoch INTEGER NOT NULL
        );
        """,

        // 4: Scans waiting for upload (ScanQueue) and each terminal's scan sequence, apart from the sales': a scan is
        // numbered and kept the same way, so the server counts each once across restarts and re-sends.
        """
        CREATE TABLE scan_sequence (
            terminal_id   TEXT    NOT NULL PRIMARY KEY,
            last_sequence INTEGER NOT NULL
        );
        CREATE TABLE scans (
            terminal_id TEXT    NOT NULL,
            sequence    INTEGER NOT NULL,
            payload     TEXT    NOT NULL,
            enqueued_at TEXT    NOT NULL,
            PRIMARY KEY (terminal_id, sequence)
        );
        """,

        // 5: Day-end reports (Z, 日结) waiting for upload, one per terminal and business day (a till that prints its Z twice
        // stores it once); state 'pending' until the server acks it, 'rejected' with the server's reason when refused.
        """
        CREATE TABLE IF NOT EXISTS z_reports (
            id           INTEGER PRIMARY KEY,
            terminal_id  TEXT    NOT NULL,
            business_day TEXT    NOT NULL,
            payload      TEXT    NOT NULL,
            state        TEXT    NOT NULL DEFAULT 'pending',
            reason       TEXT,
            UNIQUE (terminal_id, business_day)
        );
        """,
    ];

    /// <summary>The version this agent writes.</summary>
    public static int Latest => Migrations.Count;
}
