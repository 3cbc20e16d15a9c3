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

	"github.com/mattn/go-sqlite3" // the SQLite driver, registered as "sqlite3"

	"idvset/model"
)

// Store is one idvset database file: the revisions, the head in normalised tables, the
// portal password and its lockout. It is safe for concurrent use; several stores (in one
// process or several) may share a file, and saves are serialised by SQLite's write lock.
type Store struct {
	path     string
	db       *sql.DB
	author   string
	now      func() time.Time
	params   argonParams
	readOnly bool
	// checked: the file's integrity was checked before this store's first write (see
	// checkBeforeWrite); damage is what it found, if anything.
	checkMu sync.Mutex
	checked bool
	damage  error
	// created: Open made the file (and the directories in madeDirs), so Create may
	// remove them again when it fails.
	created  bool
	madeDirs []string

	// The embedded default catalog, parsed once, and the imported catalogs read so far
	// (see catalogAt).
	catOnce sync.Once
	cat     *model.Catalog
	catMu   sync.Mutex
	cats    map[catalogKey]*model.Catalog

	// beforeVerify, when set (by tests), runs after an attempt has taken its slot and
	// before the password is hashed: tests hold attempts there to interleave them.
	beforeVerify func()
	// whileInFlight, when set (by tests), runs each time an attempt finds the lockout
	// set only by attempts still being verified, before it waits for them.
	whileInFlight func()

	// unsettled: attempts whose outcome a failed write (a full disk) left unrecorded.
	unsettled struct {
		sync.Mutex
		slots []unsettledSlot
	}
}

// Options configure a store.
type Options struct {
	// Author is recorded with each revision and log entry; "" means the OS user.
	Author string
	// Now is the clock; nil means time.Now. Tests inject one to step through lockouts.
	Now func() time.Time
	// NoCreate refuses a file that is not already an idvset database (missing, empty,
	// or an empty SQLite database) instead of setting one up there. Commands that save
	// into an existing database (import, rollback) use it.
	NoCreate bool
	// ReadOnly implies NoCreate and never writes to the file, not even to migrate its
	// schema or tighten its mode (export, history, diff, the editor with --readonly).
	// The store's saving methods return ErrReadOnly.
	ReadOnly bool

	// params overrides the argon2id cost in tests, where hundreds of hashes would
	// otherwise take minutes.
	params *argonParams
}

// The refusals of Open. Each is returned wrapped with the path, as "PATH: message".
var (
	// ErrNotSQLite: the file exists, is not empty and is not a SQLite database.
	ErrNotSQLite = errors.New("not an idvset database (not SQLite)")
	// ErrEmpty: NoCreate or ReadOnly was given and the file is empty, or is a SQLite
	// database with nothing in it.
	ErrEmpty = errors.New("not an idvset database (empty file)")
	// ErrForeign: a SQLite database, but another application's.
	ErrForeign = errors.New("not an idvset database (a SQLite database of another application)")
	// ErrDamaged: the SQLite file fails its integrity check or its schema is unreadable.
	ErrDamaged = errors.New("damaged database")
	// ErrNewerSchema: the file was written by a newer idvset.
	ErrNewerSchema = errors.New("made by a newer idvset")
	// ErrOlderSchema: ReadOnly was given and the file needs a migration first.
	ErrOlderSchema = errors.New("made by an older idvset")
	// ErrNoDatabase: NoCreate was given and the file does not exist.
	ErrNoDatabase = errors.New("no database here (create one with: idvset init --password-stdin)")
	// ErrReadOnly: a store opened with ReadOnly was asked to save.
	ErrReadOnly = errors.New("opened read-only: nothing can be saved")
)

// sqliteHeader starts every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// dsnParams are the connection settings of the spec: WAL, full sync, 5 s busy timeout,
// BEGIN IMMEDIATE transactions (so a save never fails half-way on a lock upgrade) and
// foreign keys.
const dsnParams = "_journal_mode=WAL&_synchronous=FULL&_busy_timeout=5000&_txlock=immediate&_foreign_keys=1"

// dsnReadOnly are those of a ReadOnly store: no journal mode to set, nothing to lock
// for writing.
const dsnReadOnly = "mode=ro&_busy_timeout=5000&_foreign_keys=1"

// DefaultPath returns the database path when --db is not given: $IDVSET_DB, else
// $XDG_DATA_HOME/idvset/settings.db, else ~/.local/share/idvset/settings.db.
//
// IDVSET_DB set to the empty string is refused rather than taken as unset: in a script,
// IDVSET_DB="$TARGET" with TARGET unset must not act on the real database.
func DefaultPath() (string, error) {
	if p, set := os.LookupEnv("IDVSET_DB"); set {
		if p == "" {
			return "", errors.New("IDVSET_DB is set but empty: give it a path, or unset it to use the default database")
		}
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

// Open opens the database at path and brings its schema up to date. Unless NoCreate or
// ReadOnly is given, a missing file is created (0600, in a 0700 directory) and an empty
// one is set up. A file that is not SQLite, is damaged, belongs to another application or
// was written by a newer idvset is refused and left untouched. A failure of the file
// system (full disk, permissions) is reported as such, never as damage.
func Open(path string, opt Options) (st *Store, err error) {
	s := &Store{path: path, author: opt.Author, now: opt.Now, params: defaultParams, readOnly: opt.ReadOnly}
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
	defer func() {
		if err == nil {
			return
		}
		if e := storageError(path, err); e != nil {
			err = e
		}
		if s.created {
			s.remove() // a failed first open leaves nothing behind
		}
	}()

	noCreate := opt.NoCreate || opt.ReadOnly
	header, err := s.prepareFile(noCreate)
	if err != nil {
		return nil, err
	}
	if header == nil && noCreate {
		return nil, fmt.Errorf("%s: %w", path, ErrEmpty)
	}
	if header != nil {
		// Inspect first, read-only: whatever we refuse, we never write.
		fresh, err := inspect(ctx, path, header, !opt.ReadOnly)
		if err != nil {
			return nil, err
		}
		if fresh && noCreate {
			return nil, fmt.Errorf("%s: %w", path, ErrEmpty)
		}
	}
	if opt.ReadOnly {
		return s, s.openReadOnly(ctx)
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

// openReadOnly connects without write access and checks that the schema needs no
// migration, which a read-only store cannot do.
func (s *Store) openReadOnly(ctx context.Context) error {
	db, err := sql.Open("sqlite3", dsn(s.path, dsnReadOnly))
	if err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		db.Close()
		return err
	}
	if version < schemaVersion {
		db.Close()
		return fmt.Errorf("%s: %w (schema %d, this build writes %d): a command that saves migrates it", s.path, ErrOlderSchema, version, schemaVersion)
	}
	s.db = db
	return nil
}

// prepareFile makes sure the store's path exists as a regular file and returns the start
// of its SQLite header (up to 100 bytes), or nil when it is empty (a database yet to be
// set up). Unless noCreate, a missing file is created 0600, with its directories 0700
// when they are missing too (an existing directory is left as it is); s.created and
// s.madeDirs record what was made.
func (s *Store) prepareFile(noCreate bool) ([]byte, error) {
	path := s.path
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if noCreate {
			return nil, fmt.Errorf("%s: %w", path, ErrNoDatabase)
		}
		for d := filepath.Dir(path); ; d = filepath.Dir(d) {
			if _, err := os.Stat(d); !errors.Is(err, fs.ErrNotExist) || d == filepath.Dir(d) {
				break
			}
			s.madeDirs = append(s.madeDirs, d) // deepest first
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, err
		}
		s.created = true
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

// remove deletes the database file Open created, its -wal, -shm and -journal files and
// the directories made for it, after a failure to set it up.
func (s *Store) remove() {
	if s.db != nil {
		s.db.Close()
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(s.path + suffix)
	}
	for _, d := range s.madeDirs {
		os.Remove(d) // only when empty
	}
}

// Offsets in the SQLite database header (https://sqlite.org/fileformat.html).
const (
	hdrWriteVersion  = 18 // 2 in WAL mode
	hdrUserVersion   = 60
	hdrApplicationID = 68
)

// inspect checks an existing SQLite file without writing to it: owner application and
// schema version from its header, then its tables through a read-only connection, and
// its integrity when Open is about to write to it (willWrite, and a migration due or a
// journal mode to set). The integrity check reads the whole file (0.3 s for a file of
// 1 GB), so it is left off the path of reading (the editor's first frame, history,
// export) and run before the first write instead. fresh is true for a SQLite database
// with nothing in it, ours to set up.
func inspect(ctx context.Context, path string, header []byte, willWrite bool) (fresh bool, err error) {
	damaged := func(detail string) error {
		return fmt.Errorf("%s: %w (%s); it was not modified: restore it from a backup", path, ErrDamaged, oneLine(detail))
	}
	// A query that fails says the file is damaged only when SQLite says so; a full disk
	// or a directory we may not write to is reported as what it is.
	failed := func(err error) error {
		if e := storageError(path, err); e != nil {
			return e
		}
		var se sqlite3.Error
		if errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrFormat) {
			return damaged(err.Error())
		}
		return fmt.Errorf("%s: reading the database: %s", path, oneLine(err.Error()))
	}
	if len(header) < 100 {
		return false, damaged("header truncated")
	}
	// The header settles most refusals before SQLite opens the file at all, which for a
	// WAL-mode file would leave -wal and -shm files next to it.
	appID := int(binary.BigEndian.Uint32(header[hdrApplicationID:]))
	version := int(binary.BigEndian.Uint32(header[hdrUserVersion:]))
	if err := checkOwner(path, appID, version, -1); err != nil {
		return false, err
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
		return false, fmt.Errorf("%s: %w", path, err)
	}
	defer db.Close()
	// Again through SQLite: a WAL may hold newer values than the file's header.
	var objects int
	for q, dst := range map[string]*int{
		"PRAGMA application_id": &appID, "PRAGMA user_version": &version,
		"SELECT count(*) FROM sqlite_master": &objects,
	} {
		if err := db.QueryRowContext(ctx, q).Scan(dst); err != nil {
			return false, failed(err)
		}
	}
	if err := checkOwner(path, appID, version, objects); err != nil {
		return false, err
	}
	if appID == 0 {
		return true, nil // an empty SQLite database: ours to set up
	}
	// Open writes to a file before any save in two cases: a migration, and a file not in
	// WAL mode yet (Open sets it). Check those now, whatever we refuse we never write;
	// any other file is checked before its first write (checkBeforeWrite).
	if willWrite && (version < schemaVersion || header[hdrWriteVersion] != 2) {
		problems, err := quickCheck(ctx, db)
		if err != nil {
			return false, failed(err)
		}
		if problems != "" {
			return false, damaged(problems)
		}
	}
	// Every version has had these tables; if one is gone the file was tampered with.
	for _, table := range []string{"revisions", "secrets", "auth_state", "documents"} {
		var n int
		err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&n)
		if err != nil {
			return false, failed(err)
		}
		if n != 1 {
			return false, damaged("table " + table + " is missing")
		}
	}
	return false, nil
}

// quickCheck runs SQLite's quick_check and returns what it found wrong on one line, ""
// when the file is whole, or the error that kept it from checking.
func quickCheck(ctx context.Context, q interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}) (string, error) {
	rows, err := q.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		problems = append(problems, line)
	}
	if err := rows.Err(); err != nil {
		if len(problems) == 0 || storageProblem(err) != nil {
			return "", err
		}
		// A damaged file can stop quick_check part-way: what it found is the detail.
		problems = append(problems, err.Error())
	}
	if len(problems) == 1 && problems[0] == "ok" {
		return "", nil
	}
	if len(problems) > 3 {
		problems = append(problems[:3], "…")
	}
	return "quick_check: " + strings.Join(problems, "; "), nil
}

// beginWrite starts a write transaction (BEGIN IMMEDIATE: the file's write lock),
// checking the file's integrity first when this store has not yet: every write of the
// store goes through it, so a damaged file is refused before anything is written to it.
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if err := s.checkBeforeWrite(ctx, tx); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// checkBeforeWrite runs quick_check inside tx, under the write lock, the first time a
// store writes; damage found is remembered and refuses every later write too. A check
// that could not run (a full disk, an I/O error) is tried again by the next write.
func (s *Store) checkBeforeWrite(ctx context.Context, tx *sql.Tx) error {
	s.checkMu.Lock()
	defer s.checkMu.Unlock()
	if s.checked {
		return s.damage
	}
	problems, err := quickCheck(ctx, tx)
	switch {
	case err != nil && isCorrupt(err):
		problems = err.Error()
	case err != nil:
		return err
	}
	s.checked = true
	if problems != "" {
		s.damage = &damageError{path: s.path, detail: problems, untouched: true}
	}
	return s.damage
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
