package persist

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenCreatesPrivateFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "idvset")
	path := filepath.Join(dir, "settings.db")
	s := openTest(t, path, nil)
	if err := s.SetPassword(testPassword); err != nil {
		t.Fatal(err)
	}
	// While the store is open the WAL and shared-memory files exist: they hold the same
	// data and must be as private as the database.
	for p, want := range map[string]fs.FileMode{
		dir:               0o700 | fs.ModeDir,
		filepath.Dir(dir): 0o700 | fs.ModeDir,
		path:              0o600,
		path + "-wal":     0o600,
		path + "-shm":     0o600,
	} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode(), want)
		}
	}
}

func TestOpenTightensLooseExistingFile(t *testing.T) {
	_, path := newStore(t, nil)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	openTest(t, path, nil)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after open, want 0600", fi.Mode().Perm())
	}
}

func TestOpenAdoptsEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := openTest(t, path, nil)
	if need, err := s.NeedsPassword(); err != nil || !need {
		t.Fatalf("NeedsPassword = %v, %v; want true", need, err)
	}
}

func TestOpenNoCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.db")
	_, err := Open(path, Options{NoCreate: true})
	if !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("err = %v, want ErrNoDatabase", err)
	}
	if !strings.HasPrefix(err.Error(), path+": ") {
		t.Errorf("message %q does not start with the path", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("file created anyway: %v", err)
	}
}

// refuse opens path expecting the refusal want and checks that the file's bytes are
// unchanged and that no -wal, -shm or -journal file appeared next to it.
func refuse(t *testing.T, path string, want error, wantMsg string) {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{params: testParams})
	if err == nil {
		s.Close()
		t.Fatalf("Open succeeded, want %v", want)
	}
	if !errors.Is(err, want) {
		t.Fatalf("err = %v, want %v", err, want)
	}
	if !strings.Contains(err.Error(), wantMsg) {
		t.Errorf("message %q does not contain %q", err, wantMsg)
	}
	untouched(t, path, before, err, "by Open")
}

// untouched fails unless the refusal err is one line, the file at path still holds
// before, and no -wal, -shm or -journal file is left next to it.
func untouched(t *testing.T, path string, before []byte, err error, where string) {
	t.Helper()
	if strings.ContainsAny(err.Error(), "\n\r") {
		t.Errorf("message %q is not one line", err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("the file refused %s was modified", where)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s left next to the file refused %s", suffix, where)
		}
	}
}

func TestOpenRefusesNotSQLite(t *testing.T) {
	for name, content := range map[string][]byte{
		"text":           []byte("callbackUrl = https://example.com\n"),
		"json":           []byte(`{"format": "idvset.settings/v1"}`),
		"short header":   []byte("SQLite form"),
		"almost sqlite":  append([]byte("SQLite format 2\x00"), make([]byte, 4096)...),
		"one zero byte":  {0},
		"png":            []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		"binary garbage": bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 1024),
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "settings.db")
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			refuse(t, path, ErrNotSQLite, path+": not an idvset database (not SQLite)")
			fi, _ := os.Stat(path)
			if fi.Mode().Perm() != 0o644 {
				t.Errorf("the refused file's mode changed to %v", fi.Mode().Perm())
			}
		})
	}
}

func TestOpenRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(dir, Options{})
	if !errors.Is(err, ErrNotSQLite) {
		t.Fatalf("err = %v, want ErrNotSQLite", err)
	}
}

func TestOpenRefusesForeignSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite3", dsn(path, ""))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	refuse(t, path, ErrForeign, "a SQLite database of another application")
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	for _, mode := range []string{"WAL", "DELETE"} {
		t.Run(mode, func(t *testing.T) {
			s, path := newStore(t, nil)
			s.Close()
			db := rawDB(t, path)
			if _, err := db.Exec("PRAGMA journal_mode = " + mode + "; PRAGMA user_version = 7"); err != nil {
				t.Fatal(err)
			}
			db.Close()
			refuse(t, path, ErrNewerSchema, fmt.Sprintf("%s: made by a newer idvset (schema 7, this build knows %d)", path, schemaVersion))
		})
	}
}

func TestOpenRefusesDamaged(t *testing.T) {
	for _, tc := range []struct {
		name    string
		corrupt func(t *testing.T, path string, data []byte) []byte
		msg     string
		// walAt: where a WAL-mode file is refused. Open reads the header, the schema and
		// the table list, no more: damage elsewhere is found before the first write.
		// A file in another journal mode is always refused by Open, which would set WAL.
		walAt string
	}{
		{"pages overwritten", func(t *testing.T, path string, data []byte) []byte {
			// Keep the header page; scribble over every b-tree page after it.
			for off := 4096; off+64 < len(data); off += 4096 {
				copy(data[off:], bytes.Repeat([]byte{0xff}, 64))
			}
			return data
		}, "damaged database", "open"},
		{"cell pointer out of range", func(t *testing.T, path string, data []byte) []byte {
			// The general table's only page: its first cell pointer points past the page.
			// quick_check reports it in a row that spans two lines.
			db := rawDB(t, path)
			root := queryInt(t, db, "SELECT rootpage FROM sqlite_master WHERE name = 'general'")
			db.Close()
			off := (root - 1) * 4096
			if kind, cells := data[off], int(data[off+3])<<8|int(data[off+4]); kind != 0x0d || cells != 1 {
				t.Fatalf("page %d: kind %#x, %d cells; want a leaf with one row", root, kind, cells)
			}
			data[off+8], data[off+9] = 0xff, 0xff
			return data
		}, "quick_check: *** in database main *** ", "write"},
		{"truncated", func(t *testing.T, path string, data []byte) []byte {
			return data[:len(data)/2]
		}, "damaged database", "open"},
		{"table dropped", func(t *testing.T, path string, _ []byte) []byte {
			db := rawDB(t, path)
			if _, err := db.Exec("DROP TABLE secrets"); err != nil {
				t.Fatal(err)
			}
			db.Close()
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}, "table secrets is missing", "open"},
	} {
		for _, mode := range []string{"WAL", "DELETE"} {
			t.Run(tc.name+" "+mode, func(t *testing.T) {
				s, path := newStore(t, nil)
				if _, err := s.commit(fullDoc(), 1, ""); err != nil {
					t.Fatal(err)
				}
				s.Close()
				// Closed, the file holds every commit and no -wal or -shm exists.
				db := rawDB(t, path)
				if _, err := db.Exec("PRAGMA journal_mode = " + mode); err != nil {
					t.Fatal(err)
				}
				db.Close()
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, tc.corrupt(t, path, data), 0o600); err != nil {
					t.Fatal(err)
				}
				want := "open"
				if mode == "WAL" {
					want = tc.walAt
				}
				if where := refuseDamaged(t, path, tc.msg); where != want {
					t.Errorf("refused at %s, want at %s", where, want)
				}
			})
		}
	}
}

// refuseDamaged checks that the damaged file at path is refused, with a message
// containing wantMsg, before anything is written to it: by Open when Open would write
// (a migration, a journal mode to set) or finds the damage on its way, else by the first
// write of the store (the integrity check is off the path of reading), and that the
// file is left as it was. It returns where it was refused: "open" or "write".
func refuseDamaged(t *testing.T, path, wantMsg string) string {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	where := "open"
	s, err := Open(path, Options{params: testParams})
	if err == nil {
		where = "write"
		_, err = s.Save(fullDoc(), 2, testPassword, "")
		// Refused once, refused again (the check's verdict is kept), and by every
		// kind of write.
		if err2 := s.ChangePassword(testPassword, "another password 12345", ""); !errors.Is(err2, ErrDamaged) {
			t.Errorf("a second write: err = %v, want %v", err2, ErrDamaged)
		}
		s.Close()
	}
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("%s: err = %v, want %v", where, err, ErrDamaged)
	}
	t.Logf("refused at %s: %v", where, err)
	for _, want := range []string{path + ": damaged database (", wantMsg, "it was not modified: restore it from a backup"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s: message %q does not contain %q", where, err, want)
		}
	}
	untouched(t, path, before, err, "at "+where)
	return where
}

// TestMigrations opens a file at every earlier schema version and checks that it comes
// up to the current version with its data intact.
func TestMigrations(t *testing.T) {
	for from := 0; from < schemaVersion; from++ {
		t.Run(fmt.Sprintf("from %d", from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "settings.db")
			if from > 0 {
				db, err := sql.Open("sqlite3", dsn(path, dsnParams))
				if err != nil {
					t.Fatal(err)
				}
				if err := migrate(t.Context(), db, from); err != nil {
					t.Fatal(err)
				}
				db.Close()
			}
			s := openTest(t, path, nil)
			db := rawDB(t, path)
			if v := queryInt(t, db, "PRAGMA user_version"); v != schemaVersion {
				t.Errorf("user_version = %d, want %d", v, schemaVersion)
			}
			if id := queryInt(t, db, "PRAGMA application_id"); id != applicationID {
				t.Errorf("application_id = %#x, want %#x", id, applicationID)
			}
			if err := s.SetPassword(testPassword); err != nil {
				t.Fatal(err)
			}
			if rev, _, err := s.Head(); err != nil || rev != 1 {
				t.Errorf("Head = %d, %v; want revision 1", rev, err)
			}
		})
	}
}

func TestDefaultPath(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip("no home directory")
	}
	const unset = "(unset)"
	for _, tc := range []struct {
		db, xdg, want, wantErr string
	}{
		{"/srv/idv.db", "/xdg", "/srv/idv.db", ""},
		{unset, "/xdg", "/xdg/idvset/settings.db", ""},
		{unset, "relative/xdg", filepath.Join(home, ".local/share/idvset/settings.db"), ""},
		{unset, "", filepath.Join(home, ".local/share/idvset/settings.db"), ""},
		// IDVSET_DB="$TARGET" with TARGET unset must not mean the real database.
		{"", "/xdg", "", "IDVSET_DB is set but empty: give it a path, or unset it to use the default database"},
	} {
		t.Setenv("IDVSET_DB", tc.db) // restored after the test, even when unset below
		if tc.db == unset {
			os.Unsetenv("IDVSET_DB")
		}
		t.Setenv("XDG_DATA_HOME", tc.xdg)
		got, err := DefaultPath()
		if got != tc.want || (err == nil) != (tc.wantErr == "") || (err != nil && err.Error() != tc.wantErr) {
			t.Errorf("IDVSET_DB=%q XDG_DATA_HOME=%q: %q, %v; want %q, %q", tc.db, tc.xdg, got, err, tc.want, tc.wantErr)
		}
	}
}

// TestOpenOddPath: characters that mean something in a SQLite URI are part of the name.
func TestOpenOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my settings #1")
	path := filepath.Join(dir, "what?mode=ro&x=%41.db")
	s := openTest(t, path, nil)
	if err := s.SetPassword(testPassword); err != nil {
		t.Fatal(err)
	}
	s.Close()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != filepath.Base(path) {
		t.Fatalf("directory holds %v, want only %q", entries, filepath.Base(path))
	}
	s = openTest(t, path, nil)
	if rev, _, err := s.Head(); err != nil || rev != 1 {
		t.Fatalf("reopened: Head = %d, %v", rev, err)
	}
}

// fileState is a file's bytes and mode, to compare before and after.
type fileState struct {
	data []byte
	mode fs.FileMode
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fileState{data, fi.Mode()}
}

func (a fileState) same(b fileState) bool { return bytes.Equal(a.data, b.data) && a.mode == b.mode }

// TestOpenEmptyWithoutCreate: only a store that may create a database sets one up in an
// empty file (init and the editor's first run); the others refuse it untouched.
func TestOpenEmptyWithoutCreate(t *testing.T) {
	emptySQLite := func(t *testing.T, path string) {
		db := rawDB(t, path)
		// A valid SQLite header and no schema object: what `sqlite3 x.db VACUUM` leaves.
		if _, err := db.Exec("PRAGMA journal_mode = DELETE; CREATE TABLE x (a); DROP TABLE x"); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	for _, kind := range []string{"empty file", "empty SQLite database"} {
		for name, opt := range map[string]Options{"read-only": {ReadOnly: true}, "no-create": {NoCreate: true}} {
			t.Run(kind+" "+name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "e.db")
				if err := os.WriteFile(path, nil, 0o644); err != nil {
					t.Fatal(err)
				}
				if kind != "empty file" {
					emptySQLite(t, path)
				}
				before := stateOf(t, path)
				opt.params = testParams
				s, err := Open(path, opt)
				if err == nil {
					s.Close()
				}
				if !errors.Is(err, ErrEmpty) || err.Error() != path+": not an idvset database (empty file)" {
					t.Fatalf("err = %v, want %q", err, path+": not an idvset database (empty file)")
				}
				if !stateOf(t, path).same(before) {
					t.Error("the refused file's bytes or mode changed")
				}
				for _, suffix := range []string{"-wal", "-shm", "-journal"} {
					if _, err := os.Stat(path + suffix); !errors.Is(err, fs.ErrNotExist) {
						t.Errorf("%s created next to the refused file", suffix)
					}
				}
			})
		}
	}
}

// TestOpenReadOnly: a read-only store reads an existing database and never writes to the
// file: not its bytes, not its mode (a loose mode is tightened by the next save, not by
// a read), and it refuses to save.
func TestOpenReadOnly(t *testing.T) {
	s, path := newStore(t, nil)
	if _, err := s.Save(fullDoc(), 1, testPassword, ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, path)
	ro, err := Open(path, Options{ReadOnly: true, params: testParams})
	if err != nil {
		t.Fatal(err)
	}
	rev, doc, err := ro.Head()
	if err != nil || rev != 2 {
		t.Fatalf("Head = %d, %v", rev, err)
	}
	mustEqualDoc(t, doc, fullDoc())
	if h, err := ro.History(); err != nil || len(h) != 2 {
		t.Errorf("History = %d revisions, %v", len(h), err)
	}
	doc.Client.SkipIntro = false
	if _, err := ro.Save(doc, 2, testPassword, ""); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Save on a read-only store: err = %v, want ErrReadOnly", err)
	}
	if err := ro.SetPassword(testPassword); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SetPassword on a read-only store: err = %v, want ErrReadOnly", err)
	}
	ro.Close()
	if !stateOf(t, path).same(before) {
		t.Error("a read-only store changed the file's bytes or mode")
	}
	if n := queryInt(t, rawDB(t, path), "SELECT count(*) FROM auth_log"); n != 2 {
		t.Errorf("%d auth_log rows, want 2: a read-only store logged an attempt", n)
	}
}
