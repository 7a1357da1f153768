-- What sync needs to remember on this device (sync/capture.rs, sync/engine.rs). Both
-- stay on this device: neither is exported nor synced.

-- Rows changed here since this device last wrote its edits into its sync files, named as
-- every device names them. Filled by triggers while sync is on (made from the table list
-- in sync/rows.rs each time the diary opens), emptied once the edits are in a file.
CREATE TABLE sync_change (
    seq    INTEGER PRIMARY KEY,
    tbl    TEXT NOT NULL,
    -- A JSON array: the row's uid, or its key columns, links given as global names.
    key    TEXT NOT NULL
);

-- The other devices' files whose edits are in this diary, by content hash; written in the
-- same transaction as the edits, so a stop at any moment applies each file exactly once.
CREATE TABLE sync_applied (
    hash  TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Whether this device has read the folder once since sync was turned on: until it has,
-- a row the folder already holds takes the folder's values (a new device's defaults
-- never override what the others set), and only rows the folder lacks are sent.
ALTER TABLE this_device ADD COLUMN joined INTEGER NOT NULL DEFAULT 0;
