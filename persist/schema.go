package persist

import (
	"context"
	"database/sql"
	"fmt"
)

// applicationID marks a SQLite file as idvset's ("idvs" in ASCII), so that a database of
// another application is recognised and refused rather than adopted.
const applicationID = 0x69647673

// migrations are the schema steps, forward only: migrations[i] brings a file from
// user_version i to i+1, in one transaction. Never edit a step that has shipped; append
// a new one.
var migrations = []migration{
	{sql: schemaV1},
	{sql: schemaHistoryIndex},
	{sql: schemaCatalogs},
	{sql: schemaTwoFactorCredentials},
	{sql: schemaPackedRevisions, convert: packRevisions, vacuum: true},
}

// migration is one schema step: its SQL, then, when set, convert, in the same
// transaction (work SQL cannot do); vacuum compacts the file after the step commits
// (a step that shrinks the data leaves free pages that would keep the file as large).
type migration struct {
	sql     string
	convert func(ctx context.Context, tx *sql.Tx) error
	vacuum  bool
}

// schemaVersion is the schema this build writes and understands.
var schemaVersion = len(migrations)

// schemaV1 is the first schema. The tables below revisions hold the head revision in a
// shape a person can query with the sqlite3 shell; the revisions table is the record.
const schemaV1 = `
CREATE TABLE revisions (
	number     INTEGER PRIMARY KEY CHECK (number >= 1),
	created_at TEXT    NOT NULL, -- RFC 3339, UTC
	author     TEXT    NOT NULL,
	summary    TEXT    NOT NULL,
	base       INTEGER NOT NULL, -- the revision the save was edited from; 0 for the first
	document   TEXT    NOT NULL  -- canonical JSON, images by sha256 (bytes in images)
);

-- Every branding image ever saved, once, by the SHA-256 of its bytes.
CREATE TABLE images (
	sha256     TEXT    PRIMARY KEY,
	media_type TEXT    NOT NULL,
	width      INTEGER NOT NULL,
	height     INTEGER NOT NULL,
	data       BLOB    NOT NULL
);

CREATE TABLE general (
	id                     INTEGER PRIMARY KEY CHECK (id = 1),
	callback_url           TEXT    NOT NULL,
	success_url            TEXT    NOT NULL,
	error_url              TEXT    NOT NULL,
	token_lifetime_minutes INTEGER NOT NULL
);

CREATE TABLE owned_domains (
	position INTEGER PRIMARY KEY,
	domain   TEXT    NOT NULL
);

CREATE TABLE client (
	id               INTEGER PRIMARY KEY CHECK (id = 1),
	capture_method   TEXT    NOT NULL,
	skip_intro       INTEGER NOT NULL,
	domain_prefix    TEXT    NOT NULL,
	default_language TEXT    NOT NULL
);

-- One row per field set in a scope ("default" or a locale). Image fields hold the sha256
-- of a row of images.
CREATE TABLE branding (
	scope TEXT NOT NULL,
	field TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (scope, field)
);

CREATE TABLE accepted (
	id              INTEGER PRIMARY KEY CHECK (id = 1),
	mode            TEXT    NOT NULL,
	auto_accept_new INTEGER NOT NULL
);

CREATE TABLE accepted_regions (
	region TEXT PRIMARY KEY,
	choice TEXT NOT NULL
);

-- The per-country table as configured (it is kept in region mode too).
CREATE TABLE accepted_country_types (
	country TEXT NOT NULL,
	id_type TEXT NOT NULL,
	PRIMARY KEY (country, id_type)
);

-- What is accepted in effect, per country: the regions resolved against the catalog in
-- region mode, the per-country table in country mode.
CREATE TABLE accepted_effective (
	country TEXT NOT NULL,
	id_type TEXT NOT NULL,
	PRIMARY KEY (country, id_type)
);

CREATE TABLE data_fields (
	field   TEXT    PRIMARY KEY,
	enabled INTEGER NOT NULL
);

CREATE TABLE retention (
	id               INTEGER PRIMARY KEY CHECK (id = 1),
	purge_after_days INTEGER, -- NULL keeps data forever
	delete_fraud     INTEGER NOT NULL
);

-- Custom document types. Rows are never deleted and codes never change or come back in
-- another case: the triggers and the index below refuse it whatever the program does
-- (INSERT OR REPLACE included: its implicit delete fires no trigger, its insert does).
CREATE TABLE documents (
	code           TEXT    PRIMARY KEY,
	name           TEXT    NOT NULL,
	label          TEXT    NOT NULL,
	enabled        INTEGER NOT NULL,
	position       INTEGER NOT NULL,
	first_revision INTEGER NOT NULL
);
CREATE UNIQUE INDEX documents_code_nocase ON documents (code COLLATE NOCASE);
CREATE TRIGGER documents_never_deleted BEFORE DELETE ON documents
BEGIN
	SELECT RAISE(ABORT, 'custom documents are never deleted: disable it instead');
END;
CREATE TRIGGER documents_code_once BEFORE INSERT ON documents
	WHEN EXISTS (SELECT 1 FROM documents WHERE code = NEW.code COLLATE NOCASE)
BEGIN
	SELECT RAISE(ABORT, 'a custom document code is never reused');
END;
CREATE TRIGGER documents_code_fixed BEFORE UPDATE OF code ON documents
	WHEN NEW.code IS NOT OLD.code
BEGIN
	SELECT RAISE(ABORT, 'the code of a custom document never changes');
END;

CREATE TABLE document_translations (
	code   TEXT NOT NULL REFERENCES documents (code),
	locale TEXT NOT NULL,
	label  TEXT NOT NULL,
	PRIMARY KEY (code, locale)
);

CREATE TABLE security (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	two_factor INTEGER NOT NULL
);

-- Hashes and secrets, never exported: the portal password as an argon2id PHC string.
CREATE TABLE secrets (
	name       TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

-- Failed attempts in a row (password or two-factor code), the last one, and until when
-- attempts are refused: the lockout survives a restart.
CREATE TABLE auth_state (
	id           INTEGER PRIMARY KEY CHECK (id = 1),
	failures     INTEGER NOT NULL,
	last_failure TEXT,
	locked_until TEXT
);
INSERT INTO auth_state (id, failures) VALUES (1, 0);

-- Every attempt to authenticate, never the password or code itself.
CREATE TABLE auth_log (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,
	author  TEXT NOT NULL,
	kind    TEXT NOT NULL, -- save, rollback, set password, change password
	outcome TEXT NOT NULL  -- ok, wrong password, locked, no password
);
`

// schemaHistoryIndex lets the history be listed from an index that holds everything it
// shows (historyQuery): without it, listing reads every page of every stored document (a
// revision's row fills most of a page), 44 ms instead of 20 ms at 10,000 revisions
// (BenchmarkHistory).
const schemaHistoryIndex = `
CREATE INDEX revisions_history ON revisions (number, created_at, author, summary, base);
`

// schemaCatalogs keeps the supported-ID catalogs with the revisions: each catalog once,
// by the SHA-256 of its canonical form; each import with the revision it made and the
// file it came from; and with every revision the catalog in force when it was saved
// (NULL: the embedded default, which every revision before this step had).
const schemaCatalogs = `
CREATE TABLE catalogs (
	sha256    TEXT PRIMARY KEY, -- of data
	timestamp TEXT NOT NULL,    -- the vendor's date of the list, as the file gives it
	data      TEXT NOT NULL     -- the vendor's supportedIdTypes shape, canonical
);

CREATE TABLE catalog_imports (
	revision INTEGER PRIMARY KEY REFERENCES revisions (number),
	catalog  TEXT    NOT NULL REFERENCES catalogs (sha256),
	source   TEXT    NOT NULL -- the file's name, without its directory
);

ALTER TABLE revisions ADD COLUMN catalog TEXT REFERENCES catalogs (sha256);
`

// schemaTwoFactorCredentials adds two-factor authentication and API credentials.
const schemaTwoFactorCredentials = `
-- Two-factor authentication (TOTP, RFC 6238); a row means it is on. The secret is sealed
-- with a key derived from the portal password (persist/seal.go). last_step is the time
-- step (Unix time / 30 s) of the last code accepted: only later ones are taken, so a code
-- works once.
CREATE TABLE two_factor (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	secret      TEXT    NOT NULL,
	last_step   INTEGER NOT NULL,
	enrolled_at TEXT    NOT NULL
);

-- The one-time recovery codes of the enrolment, as SHA-256 hashes of 80-bit random codes.
CREATE TABLE recovery_codes (
	hash    TEXT PRIMARY KEY,
	used_at TEXT -- NULL until used
);

-- API credentials. The id (token id or client id) is not secret; the secret is kept only
-- as the SHA-256 of a 256-bit random value.
CREATE TABLE credentials (
	id          TEXT PRIMARY KEY,
	label       TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('api_token', 'oauth2_client')),
	scopes      TEXT NOT NULL, -- space-separated (initiate, retrieve); '' for an api_token
	secret_hash TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	rotated_at  TEXT,          -- NULL until rotated
	revoked_at  TEXT           -- NULL while in use
);
`

// schemaPackedRevisions stores revisions compressed, the older ones as deltas
// (persist/pack.go); packRevisions converts the revisions already there, and the plain
// JSON column goes. A revision of a realistic document goes from ~100 kB to a few hundred
// bytes.
const schemaPackedRevisions = `
-- NULL: packed is the revision's canonical JSON (images by sha256), zlib-compressed.
-- Else packed is the zlib-compressed changes that make it from revision delta_of's.
ALTER TABLE revisions ADD COLUMN delta_of INTEGER;
ALTER TABLE revisions ADD COLUMN packed BLOB;
`

// packRevisions fills delta_of and packed from the document column, newest first (each
// revision a delta against the one after it, as saves write them), then drops the
// column. One document is held at a time.
func packRevisions(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT number FROM revisions ORDER BY number DESC")
	if err != nil {
		return err
	}
	var numbers []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		numbers = append(numbers, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var newer []byte
	newerNumber := 0
	for _, n := range numbers {
		var doc string
		if err := tx.QueryRowContext(ctx, "SELECT document FROM revisions WHERE number = ?", n).Scan(&doc); err != nil {
			return err
		}
		var deltaOf any
		var blob []byte
		if newerNumber == n+1 {
			deltaOf, blob = packOlder(n, []byte(doc), newer, newerNumber)
		} else {
			blob = packWhole([]byte(doc))
		}
		if _, err := tx.ExecContext(ctx, "UPDATE revisions SET delta_of = ?, packed = ? WHERE number = ?", deltaOf, blob, n); err != nil {
			return err
		}
		newer, newerNumber = []byte(doc), n
	}
	_, err = tx.ExecContext(ctx, "ALTER TABLE revisions DROP COLUMN document")
	return err
}

// migrate brings db from its user_version up to target, one step per transaction, so a
// crash leaves the file at a version it can resume from.
func migrate(ctx context.Context, db *sql.DB, target int) error {
	for {
		var v int
		if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			return err
		}
		if v >= target {
			return nil
		}
		if err := migrateStep(ctx, db, v); err != nil {
			return fmt.Errorf("migrating schema %d to %d: %w", v, v+1, err)
		}
	}
}

func migrateStep(ctx context.Context, db *sql.DB, from int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Re-read inside the write lock: another process may have migrated meanwhile.
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v != from {
		return tx.Commit()
	}
	step := migrations[from]
	if _, err := tx.ExecContext(ctx, step.sql); err != nil {
		return err
	}
	if step.convert != nil {
		if err := step.convert(ctx, tx); err != nil {
			return err
		}
	}
	if from == 0 {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", from+1)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if step.vacuum {
		// Only the file's size is at stake: the step is committed, and a VACUUM that
		// fails (no room for its copy, another connection reading) changes nothing. In
		// WAL mode the file shrinks when the WAL is checkpointed, so do it now.
		if _, err := db.ExecContext(ctx, "VACUUM"); err == nil {
			db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
		}
	}
	return nil
}
