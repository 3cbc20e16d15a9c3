package main

import (
	"bytes"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"idvset/model"
	"idvset/persist"
)

// The command line's side of the store's hardening: read-only commands never write,
// --db never falls back to the default when empty, numbers too large are refused, a
// document cannot switch two-factor authentication, export -o follows links.

// snapshot is a file's bytes and mode.
type snapshot struct {
	data []byte
	mode fs.FileMode
}

func snap(t *testing.T, path string) snapshot {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot{readFile(t, path), fi.Mode()}
}

func (s snapshot) equal(o snapshot) bool { return bytes.Equal(s.data, o.data) && s.mode == o.mode }

// count runs a query on the database file as a person with sqlite3 would.
func count(t *testing.T, db, query string) int {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestReadOnlyCommandsNeverWrite: `touch e.db; idvset --db e.db export` and every other
// command that is not init refuse an empty file without writing a schema into it or
// changing its mode.
func TestReadOnlyCommandsNeverWrite(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "e.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		stdin string
		args  []string
	}{
		{"", []string{"export"}},
		{"", []string{"export", "-o", filepath.Join(dir, "out.json")}},
		{"", []string{"export", "--accepted-id-types"}},
		{"", []string{"history"}},
		{"", []string{"diff"}},
		{"", []string{"diff", "1", "2"}},
		{"", []string{"diff", "testdata/full.json"}},
		{"", []string{"import", "--dry-run", "testdata/full.json"}},
		{password + "\n", []string{"import", "testdata/full.json", "--password-stdin"}},
		{password + "\n", []string{"rollback", "1", "--password-stdin"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			before := snap(t, empty)
			args := append([]string{"--db", empty}, tc.args...)
			runCLI(t, tc.stdin, args...).want(t, exitUsage, empty+": not an idvset database (empty file)\n")
			if !snap(t, empty).equal(before) {
				t.Error("the empty file was written to or its mode changed")
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(empty + suffix); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("%s created", suffix)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "out.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("export -o wrote a document from an empty file")
	}

	// An existing database, its mode loose: reading it changes neither bytes nor mode.
	db := initDB(t)
	runCLI(t, password+"\n", "import", "testdata/full.json", "--db", db, "--password-stdin").want(t, exitOK)
	if err := os.Chmod(db, 0o640); err != nil {
		t.Fatal(err)
	}
	before := snap(t, db)
	for _, args := range [][]string{
		{"export"}, {"export", "--revision", "1"}, {"history"}, {"diff"}, {"diff", "1", "2"},
		{"import", "--dry-run", "testdata/next.json"},
	} {
		runCLI(t, "", append(args, "--db", db)...).want(t, exitOK)
	}
	if !snap(t, db).equal(before) {
		t.Error("a read-only command changed the database's bytes or mode")
	}
	// init alone adopts an empty file.
	runCLI(t, password+"\n", "init", "--db", empty, "--password-stdin").want(t, exitOK, "revision 1")
}

// TestEmptyDBPath: --db "$X" with X unset, in any spelling and place, is refused before
// anything is opened; so is IDVSET_DB set to the empty string.
func TestEmptyDBPath(t *testing.T) {
	real := initDB(t)
	t.Setenv("IDVSET_DB", real) // the database a script would hit by mistake
	before := snap(t, real)
	for _, args := range [][]string{
		{"--db=", "history"},
		{"--db", "", "history"},
		{"history", "--db="},
		{"history", "--db", ""},
		{"export", "--db="},
		{"import", "testdata/full.json", "--password-stdin", "--db", ""},
		{"rollback", "1", "--password-stdin", "--db="},
		{"init", "--password-stdin", "--db="},
		{"--db="},
		{"--theme", "mono", "--db="},
	} {
		r := runCLI(t, password+"\n", args...)
		r.want(t, exitUsage, "the path is empty (an unset variable?)")
		if r.stdout != "" {
			t.Errorf("%q: stdout %q", args, r.stdout)
		}
	}
	t.Setenv("IDVSET_DB", "")
	runCLI(t, "", "history").want(t, exitUsage, "IDVSET_DB is set but empty: give it a path, or unset it to use the default database")
	if !snap(t, real).equal(before) {
		t.Error("the database named by IDVSET_DB changed")
	}
}

// TestRevisionNumberTooLarge: a number no revision can have is refused as such, not
// clamped to the largest int.
func TestRevisionNumberTooLarge(t *testing.T) {
	db := initDB(t)
	const huge = "99999999999999999999"
	for _, args := range [][]string{
		{"diff", huge},
		{"diff", "1", huge},
		{"rollback", huge, "--password-stdin"},
	} {
		r := runCLI(t, password+"\n", append(args, "--db", db)...)
		r.want(t, exitUsage, args[0]+": "+huge+" is not a revision number (too large)\n")
		if strings.Contains(r.stderr, "9223372036854775807") {
			t.Errorf("%q: %s", args, r.stderr)
		}
	}
	if n := count(t, db, "SELECT count(*) FROM auth_log WHERE kind = 'rollback'"); n != 0 {
		t.Errorf("%d rollback attempts logged, want none", n)
	}
}

// TestImportCannotSwitchTwoFactor: a document that turns two-factor authentication on is
// refused, before the password is read (no attempt is counted), with how it will be done.
func TestImportCannotSwitchTwoFactor(t *testing.T) {
	db := initDB(t)
	doc := filepath.Join(t.TempDir(), "2fa.json")
	if err := os.WriteFile(doc, []byte(`{"format": "idvset.settings/v1", "security": {"twoFactor": true}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	const want = "security.twoFactor: two-factor authentication is off in this database and a document cannot turn it on: " +
		"it is turned on by enrolling an authenticator (`idvset security otp enable`, or the editor's Security section); set it to false\n"
	for _, args := range [][]string{
		{"import", doc, "--password-stdin"},
		{"import", doc, "--dry-run"},
	} {
		r := runCLI(t, password+"\n", append(args, "--db", db)...)
		r.want(t, exitInvalid)
		if r.stderr != want {
			t.Errorf("%q: stderr\n%s\nwant exactly\n%s", args, r.stderr, want)
		}
	}
	if n := count(t, db, "SELECT count(*) FROM revisions"); n != 1 {
		t.Errorf("%d revisions, want 1", n)
	}
	if n := count(t, db, "SELECT count(*) FROM auth_log WHERE kind = 'save'"); n != 0 {
		t.Errorf("%d save attempts logged: the refusal cost a password attempt", n)
	}
	if r := runCLI(t, "", "export", "--db", db); !strings.Contains(r.stdout, `"twoFactor": false`) {
		t.Errorf("export after the refusal:\n%s", r.stdout)
	}
}

// TestExportOutputFollowsLinks: export -o to a symbolic link writes its target, which is
// private, and leaves the link a link.
func TestExportOutputFollowsLinks(t *testing.T) {
	db := initDB(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "settings-v1.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.json")
	if err := os.Symlink("settings-v1.json", link); err != nil {
		t.Fatal(err)
	}
	runCLI(t, "", "export", "--db", db, "-o", link).want(t, exitOK)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a link: %v", link, err)
	}
	fi, err := os.Stat(target)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("target: %v, mode %v; want 0600", err, fi.Mode())
	}
	if r := runCLI(t, "", "export", "--db", db); string(readFile(t, target)) != r.stdout {
		t.Error("the link's target does not hold the export")
	}
}

// An author is whatever the OS or SSH said: history prints it escaped, so a user name
// cannot forge a revision line or drive the terminal.
func TestHistoryEscapesAuthors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	s, err := persist.Create(db, "correct horse battery", persist.Options{Author: "eve\x1b[2J\n2\t2026-01-01T00:00:00Z\tadmin"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	r := runCLI(t, "", "history", "--db", db)
	r.want(t, exitOK)
	if lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n"); len(lines) != 1 || strings.ContainsRune(r.stdout, 0x1b) {
		t.Fatalf("history printed %q", r.stdout)
	}
	if !strings.Contains(r.stdout, `"eve\x1b[2J\n2\t2026-01-01T00:00:00Z\tadmin"`) {
		t.Fatalf("the author is not shown escaped: %q", r.stdout)
	}
}

// TestImportRetentionWarning: import says which records a shorter retention deletes in
// the editor's own words, the last day named being the last one deleted (it once named
// the first day kept).
func TestImportRetentionWarning(t *testing.T) {
	db := initDB(t)
	doc := filepath.Join(t.TempDir(), "short.json")
	if err := os.WriteFile(doc, []byte(`{"format": "idvset.settings/v1", "dataSettings": {"retention": {"purgeAfterDays": 90}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	days := 90
	short := model.Default().DataSettings.Retention
	short.PurgeAfterDays = &days
	want := func() string {
		loss, ok := model.RetentionShortening(model.Default().DataSettings.Retention, short, time.Now())
		if !ok {
			t.Fatal("360 → 90 days is no loss")
		}
		return "dataSettings.retention.purgeAfterDays: warning: " + loss.Sentence() + "\n"
	}
	before := want()
	r := runCLI(t, "", "import", doc, "--dry-run", "--db", db)
	r.want(t, exitOK)
	if !strings.Contains(r.stderr, before) && !strings.Contains(r.stderr, want()) {
		t.Errorf("stderr\n%s\nwant the line\n%s", r.stderr, before)
	}
}

// TestDatabasePathEscaped: a --db path with a newline and an escape sequence is printed
// escaped by every message that names it, so it can neither forge a line nor drive the
// terminal.
func TestDatabasePathEscaped(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a\nforged: line\x1b[31m.db")
	for _, c := range []struct {
		stdin string
		args  []string
	}{
		{password + "\n", []string{"init", "--password-stdin"}},
		{password + "\n", []string{"init", "--password-stdin"}}, // already initialised
		{"", []string{"diff"}}, // the only revision
		{password + "\n", []string{"security", "otp", "disable", "--password-stdin", "--otp", "123456"}}, // two-factor is off
	} {
		r := runCLI(t, c.stdin, append(c.args, "--db", db)...)
		if strings.Count(r.stderr, "\n") > 1 || strings.ContainsRune(r.stderr, 0x1b) || !strings.Contains(r.stderr, `a\nforged`) {
			t.Errorf("%q: stderr %q: want one line with the path escaped", c.args, r.stderr)
		}
	}
}
