package persist

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver, registered as "sqlite3"

	"idvset/model"
)

// Store is one idvset database file: the revisions, the head in normalised tables, the
// portal password and its lockout. It is safe for concurrent use; several stores (in one
// process or several) may share a file, and saves are serialised by SQLite's write lock.
type Store struct {
	path   string
	db     *sql.DB
	author string
	now    func() time.Time
	params argonParams

	catOnce sync.Once
	cat     *model.Catalog

	// beforeVerify, when set (by tests), runs after an attempt has taken its slot and
	// before the password is hashed: tests hold attempts there to interleave them.
	beforeVerify func()
}

// Options configure a store.
type Options struct {
	// Author is recorded with each revision and log entry; "" means the OS user.
	Author string
	// Now is the clock; nil means time.Now. Tests inject one to step through lockouts.
	Now func() time.Time
	// NoCreate refuses a missing file instead of creating a new database (read-only
	// commands such as export and history use it).
	NoCreate bool

	// params overrides the argon2id cost in tests, where hundreds of hashes would
	// otherwise take minutes.
	params *argonParams
}

// The refusals of Open. Each is returned wrapped with the path, as "PATH: message".
var (
	// ErrNotSQLite: the file exists, is not empty and is not a SQLite database.
	ErrNotSQLite = errors.New("not an idvset database (not SQLite)")
	// ErrForeign: a SQLite database, but another application's.
	ErrForeign = errors.New("not an idvset database (a SQLite database of another application)")
	// ErrDamaged: the SQLite file fails its integrity check or its schema is unreadable.
	ErrDamaged = errors.New("damaged database")
	// ErrNewerSchema: the file was written by a newer idvset.
	ErrNewerSchema = errors.New("made by a newer idvset")
	// ErrNoDatabase: NoCreate was given and the file does not exist.
	ErrNoDatabase = errors.New("no database here (create one with: idvset init --password-stdin)")
)

// sqliteHeader starts every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// dsnParams are the connection settings of the spec: WAL, full sync, 5 s busy timeout,
// BEGIN IMMEDIATE transactions (so a save never fails half-way on a lock upgrade) and
// foreign keys.
const dsnParams = "_journal_mode=WAL&_synchronous=FULL&_busy_timeout=5000&_txlock=immediate&_foreign_keys=1"

// DefaultPath returns the database path when --db is not given: $IDVSET_DB, else
// $XDG_DATA_HOME/idvset/settings.db, else ~/.local/share/idvset/settings.db.
func DefaultPath() (string, error) {
	if p := os.Getenv("IDVSET_DB"); p != "" {
		return p, nil
	}
	// The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "idvset", "settings.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no database path: set IDVSET_DB or use --db (%v)", err)
	}
	return filepath.Join(home, ".local", "share", "idvset", "settings.db"), nil
}

// DefaultAuthor is the OS user name, the author of revisions made without an explicit one.
func DefaultAuthor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}

// Open opens the database at path, creating it (0600, in a 0700 directory) when missing,
// and brings its schema up to date. A file that is not SQLite, is damaged, belongs to
// another application or was written by a newer idvset is refused and left untouched.
func Open(path string, opt Options) (*Store, error) {
	s := &Store{path: path, author: opt.Author, now: opt.Now, params: defaultParams}
	if s.author == "" {
		s.author = DefaultAuthor()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if opt.params != nil {
		s.params = *opt.params
	}
	ctx := context.Background()

	header, err := prepareFile(path, opt.NoCreate)
	if err != nil {
		return nil, err
	}
	if header != nil {
		// Inspect first, read-only: whatever we refuse, we never write.
		if err := inspect(ctx, path, header); err != nil {
			return nil, err
		}
	}
	// The file holds the password hash: an existing one left readable by others is ours
	// to tighten, before SQLite creates the -wal and -shm files with the file's mode.
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(path, 0o600); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open("sqlite3", dsn(path, dsnParams))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := migrate(ctx, db, schemaVersion); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s.db = db
	return s, nil
}

// prepareFile makes sure path exists as a regular file and returns the start of its
// SQLite header (up to 100 bytes), or nil when it is empty (a database yet to be
// created). A missing file is created 0600, with its directory 0700 when that is missing
// too; an existing directory is left as it is.
func prepareFile(path string, noCreate bool) ([]byte, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if noCreate {
			return nil, fmt.Errorf("%s: %w", path, ErrNoDatabase)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, err
		}
		// The umask may have taken bits away but never adds any; make it exactly 0600.
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			return nil, err
		}
		return nil, f.Close()
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s: %w", path, ErrNotSQLite)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	header := make([]byte, 100)
	n, err := io.ReadFull(f, header)
	switch {
	case n == 0 && err == io.EOF:
		return nil, nil
	case err != nil && !errors.Is(err, io.ErrUnexpectedEOF):
		return nil, err
	case n < len(sqliteHeader) || !bytes.Equal(header[:len(sqliteHeader)], sqliteHeader):
		return nil, fmt.Errorf("%s: %w", path, ErrNotSQLite)
	}
	return header[:n], nil
}

// Offsets in the SQLite database header (https://sqlite.org/fileformat.html).
const (
	hdrWriteVersion  = 18 // 2 in WAL mode
	hdrUserVersion   = 60
	hdrApplicationID = 68
)

// inspect checks an existing SQLite file without writing to it: owner application and
// schema version from its header, then integrity and tables through a read-only
// connection.
func inspect(ctx context.Context, path string, header []byte) error {
	damaged := func(detail string) error {
		return fmt.Errorf("%s: %w (%s); it was not modified: restore it from a backup", path, ErrDamaged, detail)
	}
	if len(header) < 100 {
		return damaged("header truncated")
	}
	// The header settles most refusals before SQLite opens the file at all, which for a
	// WAL-mode file would leave -wal and -shm files next to it.
	appID := int(binary.BigEndian.Uint32(header[hdrApplicationID:]))
	version := int(binary.BigEndian.Uint32(header[hdrUserVersion:]))
	if err := checkOwner(path, appID, version, -1); err != nil {
		return err
	}
	params := "mode=ro&_busy_timeout=5000"
	if header[hdrWriteVersion] == 2 {
		// No -wal file means no connection has the file open and the file holds every
		// commit: read it as immutable, which creates no -wal or -shm.
		if _, err := os.Stat(path + "-wal"); errors.Is(err, fs.ErrNotExist) {
			params = "mode=ro&immutable=1"
		}
	}
	db, err := sql.Open("sqlite3", dsn(path, params))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return damaged(err.Error())
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return damaged(err.Error())
		}
		problems = append(problems, line)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return damaged(err.Error())
	}
	rows.Close()
	if len(problems) != 1 || problems[0] != "ok" {
		if len(problems) > 3 {
			problems = append(problems[:3], "…")
		}
		return damaged("quick_check: " + strings.Join(problems, "; "))
	}

	// Again through SQLite: a WAL may hold newer values than the file's header.
	var objects int
	for q, dst := range map[string]*int{
		"PRAGMA application_id": &appID, "PRAGMA user_version": &version,
		"SELECT count(*) FROM sqlite_master": &objects,
	} {
		if err := db.QueryRowContext(ctx, q).Scan(dst); err != nil {
			return damaged(err.Error())
		}
	}
	if err := checkOwner(path, appID, version, objects); err != nil {
		return err
	}
	if appID == 0 {
		return nil // an empty SQLite database: ours to set up
	}
	// Every version has had these tables; if one is gone the file was tampered with.
	for _, table := range []string{"revisions", "secrets", "auth_state", "documents"} {
		var n int
		err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&n)
		if err != nil {
			return damaged(err.Error())
		}
		if n != 1 {
			return damaged("table " + table + " is missing")
		}
	}
	return nil
}

// checkOwner refuses another application's database and one of a newer schema. objects
// is the number of schema objects, or -1 when not known yet: a SQLite file with no
// application id is ours to set up only when it is empty.
func checkOwner(path string, appID, version, objects int) error {
	switch {
	case appID == applicationID && version > schemaVersion:
		return fmt.Errorf("%s: %w (schema %d, this build knows %d); it was not modified", path, ErrNewerSchema, version, schemaVersion)
	case appID == applicationID && version > 0:
		return nil
	case appID == 0 && version == 0 && objects <= 0:
		return nil
	}
	return fmt.Errorf("%s: %w", path, ErrForeign)
}

// dsn builds a SQLite URI for path. Characters that end or escape the path in a URI are
// percent-encoded, so any file name works.
func dsn(path, params string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23")
	return "file:" + r.Replace(path) + "?" + params
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database. After the last connection to a file closes, SQLite folds
// the WAL back into the file.
func (s *Store) Close() error { return s.db.Close() }

// Catalog returns the supported-ID catalog in force: the embedded default until a
// catalog has been imported. Callers must not modify it.
func (s *Store) Catalog() (*model.Catalog, error) {
	s.catOnce.Do(func() { s.cat = model.DefaultCatalog() })
	return s.cat, nil
}
