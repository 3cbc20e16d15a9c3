package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Fuzz targets of the command line's parsers: the --db before the command (leadingDB),
// flags anywhere among the arguments (parse), revision numbers, and the whole command
// line (run) in a sandbox. None may panic; a usage error is exit 2 with a message.

// splitArgs turns one fuzzed string into arguments (NUL-separated, as the kernel
// passes them; a NUL cannot be inside an argument).
func splitArgs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}

func FuzzLeadingDB(f *testing.F) {
	for _, s := range []string{"", "--db\x00x", "--db=x\x00export", "-db\x00x\x00--db\x00y\x00history",
		"--db", "--db=", "--db\x00", "-db=\x00export", "export\x00--db\x00x", "--dbx\x00y", "--\x00--db\x00x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := splitArgs(s)
		db, rest, err := leadingDB(args)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		if len(rest) > len(args) || !slices.Equal(rest, args[len(args)-len(rest):]) {
			t.Fatalf("rest %q is not what follows the --db flags of %q", rest, args)
		}
		if len(rest) < len(args) && db == "" {
			t.Fatalf("%q: --db taken without a path", args)
		}
		if len(rest) > 0 {
			a := rest[0]
			if a == "--db" || a == "-db" || strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db=") {
				t.Fatalf("%q: a --db flag left at the front of %q", args, rest)
			}
		}
	})
}

// FuzzParse: flags anywhere among the arguments. The positional arguments come back in
// their order, each one of the arguments; a flag's error says which.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"FILE\x00--dry-run", "--dry-run\x00FILE", "--otp\x00123\x00FILE", "--\x00--dry-run",
		"FILE\x00--\x00-x", "--otp", "--bogus", "-\x00FILE", "--dry-run=maybe", "---x", "--db=", "a\x00b\x00c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := splitArgs(s)
		var errb bytes.Buffer
		fs := newFlags("import", &errb)
		dbFlagVar(fs, "")
		fs.Bool("dry-run", false, "")
		fs.String("otp", "", "")
		pos, err := parse(fs, args)
		if err != nil {
			if errb.Len() == 0 {
				t.Fatalf("%q: a flag error with no message", args)
			}
			return
		}
		// Positional arguments are a subsequence of the arguments.
		i := 0
		for _, a := range args {
			if i < len(pos) && pos[i] == a {
				i++
			}
		}
		if i != len(pos) {
			t.Fatalf("%q: positional %q are not among the arguments in order", args, pos)
		}
	})
}

// FuzzRevisionNumber: an argument is a revision exactly when it is digits only, and a
// revision number read is that number, never a clamped one.
func FuzzRevisionNumber(f *testing.F) {
	for _, s := range []string{"1", "0", "007", "", "-1", "+1", "1e3", "١", "99999999999999999999", "9223372036854775807", " 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		digits := s != "" && strings.Trim(s, "0123456789") == ""
		if isRevision(s) != digits {
			t.Fatalf("isRevision(%q) = %v", s, isRevision(s))
		}
		n, err := revisionNumber(s)
		if err != nil {
			if !strings.Contains(err.Error(), "not a revision number") {
				t.Fatalf("revisionNumber(%q): %v", s, err)
			}
			return
		}
		if !digits || n < 0 || strconv.Itoa(n) != strings.TrimLeft(s, "0") && !(n == 0 && strings.Trim(s, "0") == "") {
			t.Fatalf("revisionNumber(%q) = %d", s, n)
		}
	})
}

var (
	sandboxOnce sync.Once
	sandboxDB   []byte // a database of two revisions, copied into each run's sandbox
	sandboxErr  error
)

// sandboxTemplate makes, once per process, a database with the full document imported.
func sandboxTemplate(t *testing.T) []byte {
	sandboxOnce.Do(func() {
		dir, err := os.MkdirTemp("", "idvset-fuzz-")
		if err != nil {
			sandboxErr = err
			return
		}
		defer os.RemoveAll(dir)
		db := filepath.Join(dir, "settings.db")
		var out bytes.Buffer
		for _, c := range []struct {
			stdin string
			args  []string
		}{
			{password + "\n", []string{"init", "--db", db, "--password-stdin"}},
			{password + "\n", []string{"import", "--db", db, "--password-stdin", filepath.Join(moduleDir, "testdata", "full.json")}},
		} {
			if code := run(c.args, strings.NewReader(c.stdin), &out, &out); code != 0 {
				sandboxErr = fmt.Errorf("%s: exit %d\n%s", strings.Join(c.args, " "), code, out.String())
				return
			}
		}
		sandboxDB, sandboxErr = os.ReadFile(db)
	})
	if sandboxErr != nil {
		t.Fatal(sandboxErr)
	}
	return sandboxDB
}

// FuzzCommandLine runs whole command lines in a sandbox: the working directory is a
// fresh directory holding settings.db (two revisions), full.json and logo.png; the
// default database is that settings.db; arguments with a "/" are left out, so no path
// leads outside; serve is left out, as it serves until stopped. Whatever the arguments:
// no panic, an exit code of the spec (0, 1, 2), a message with every failure, and nothing
// unescaped on stderr.
func FuzzCommandLine(f *testing.F) {
	for _, s := range []string{
		"export", "export\x00--revision\x001", "export\x00--revision\x00-1", "export\x00--revision\x0099999999999999999999",
		"export\x00-o\x00out.json", "export\x00--accepted-id-types", "export\x00extra",
		"history", "history\x00--db", "--db\x00settings.db\x00history", "--db=\x00history",
		"diff", "diff\x001\x002", "diff\x00full.json", "diff\x002\x00full.json\x003", "diff\x00007",
		"validate\x00full.json", "validate", "validate\x00missing.json", "validate\x00logo.png",
		"import\x00full.json\x00--dry-run", "import\x00--password-stdin\x00full.json", "import",
		"rollback\x001\x00--password-stdin", "rollback\x00x", "rollback",
		"init\x00--password-stdin", "init\x00--db\x00new.db\x00--password-stdin",
		"--theme\x00nope", "--theme\x00dark", "--readonly", "--bogus", "frobnicate", "help", "version",
		"--db\x00\x1b[2J", "export\x00-o\x00\x1b]0;x\x07", "-\x1b[31m", "--\u202ex",
	} {
		f.Add(s, "")
	}
	f.Add("import\x00full.json\x00--password-stdin", password+"\n")
	f.Add("rollback\x001\x00--password-stdin", "wrong\n")
	f.Fuzz(func(t *testing.T, s, stdin string) {
		args := splitArgs(s)
		for _, a := range args {
			if strings.Contains(a, "/") {
				t.Skip("a path that could lead outside the sandbox")
			}
			if a == "serve" {
				t.Skip("idvset serve would serve until stopped") // its flags: FuzzParse, TestBadInput
			}
		}
		dir := t.TempDir()
		t.Chdir(dir)
		t.Setenv("IDVSET_DB", filepath.Join(dir, "settings.db"))
		t.Setenv("HOME", dir)
		t.Setenv("XDG_DATA_HOME", dir)
		for name, data := range map[string][]byte{"settings.db": sandboxTemplate(t)} {
			if err := os.WriteFile(name, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		for _, name := range []string{"full.json", "logo.png"} {
			data, err := os.ReadFile(filepath.Join(moduleDir, "testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(stdin), &stdout, &stderr)
		checkExit(t, args, code, stderr.String())
	})
}

// checkExit fails unless code is one of the spec's, a failure says why, and stderr has
// no control character but line ends and tabs (every string a user gave is escaped).
func checkExit(t *testing.T, args []string, code int, stderr string) {
	t.Helper()
	switch code {
	case exitOK:
	case exitInvalid, exitUsage:
		if strings.TrimSpace(stderr) == "" {
			t.Fatalf("%q: exit %d without a message", args, code)
		}
	default:
		t.Fatalf("%q: exit %d, not one of the spec's", args, code)
	}
	if !utf8.ValidString(stderr) {
		t.Fatalf("%q: stderr is not UTF-8: %q", args, stderr)
	}
	for _, r := range stderr {
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)) {
			t.Fatalf("%q: stderr holds %U unescaped:\n%q", args, r, stderr)
		}
	}
}

// moduleDir is the directory of the module (the tests' working directory at start).
var moduleDir = func() string {
	d, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return d
}()
