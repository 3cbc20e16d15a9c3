package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"idvset/model"
)

// The CLI runs in-process through run(), which is all main does besides os.Exit.

const password = "correct horse battery staple"

type result struct {
	code           int
	stdout, stderr string
}

func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

// want fails unless the command ended with code and its stderr contains each part.
func (r result) want(t *testing.T, code int, stderrParts ...string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
	for _, p := range stderrParts {
		if !strings.Contains(r.stderr, p) {
			t.Errorf("stderr %q does not contain %q", r.stderr, p)
		}
	}
}

// initDB creates a database in a fresh directory and returns its path.
func initDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "settings.db")
	runCLI(t, password+"\n", "init", "--db", db, "--password-stdin").want(t, 0, "revision 1")
	return db
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestExportImportRoundTrip: a revision exported, imported into a fresh database and
// exported again gives the same bytes.
func TestExportImportRoundTrip(t *testing.T) {
	db := initDB(t)
	r := runCLI(t, password+"\n", "import", "testdata/full.json", "--db", db, "--password-stdin")
	r.want(t, 0, "saved revision 2")
	if !strings.Contains(r.stdout, "general.callbackUrl: (not set) → \"https://hooks.example.com/idv/callback\"\n") {
		t.Errorf("import did not print the diff as path: old → new lines:\n%s", r.stdout)
	}
	out := filepath.Join(t.TempDir(), "rev2.json")
	runCLI(t, "", "--db", db, "export", "--revision", "2", "-o", out).want(t, 0)
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("export -o: %v, mode %v; want 0600", err, fi.Mode().Perm())
	}
	exported := readFile(t, out)
	if !bytes.Equal(exported, readFile(t, "testdata/full.json")) {
		t.Errorf("export of revision 2 differs from the canonical file imported")
	}

	db2 := initDB(t)
	runCLI(t, password+"\n", "import", out, "--db", db2, "--password-stdin").want(t, 0, "saved revision 2")
	r = runCLI(t, "", "export", "--db", db2)
	r.want(t, 0)
	if r.stdout != string(exported) {
		t.Errorf("export after import into a fresh database differs:\n%s", r.stdout)
	}
	// Importing the same document again changes nothing and says so.
	runCLI(t, password+"\n", "import", out, "--db", db2, "--password-stdin").want(t, 0, "no changes")
}

func TestImportDryRunWritesNothing(t *testing.T) {
	db := initDB(t)
	before := readFile(t, db)
	r := runCLI(t, "", "import", "--dry-run", "--db", db, "testdata/full.json")
	r.want(t, 0, "dry run: nothing saved")
	if !strings.Contains(r.stdout, "client.skipIntro: ") {
		t.Errorf("dry run did not print the diff:\n%s", r.stdout)
	}
	if !bytes.Equal(before, readFile(t, db)) {
		t.Error("the database file changed")
	}
	if h := runCLI(t, "", "history", "--db", db); strings.Count(h.stdout, "\n") != 1 {
		t.Errorf("history after a dry run:\n%s", h.stdout)
	}
}

func TestImportInvalidPrintsViolations(t *testing.T) {
	db := initDB(t)
	data := readFile(t, "testdata/invalid.json")
	doc, err := model.Decode(data, model.DecodeOptions{BaseDir: "testdata"})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, v := range model.Validate(doc, model.Context{}) {
		want = append(want, v.String())
	}
	if len(want) == 0 {
		t.Fatal("testdata/invalid.json is valid")
	}
	r := runCLI(t, password+"\n", "import", "testdata/invalid.json", "--db", db, "--password-stdin")
	r.want(t, 1, "general.callbackUrl: ")
	if got := strings.TrimSuffix(r.stderr, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("stderr:\n%s\nwant exactly:\n%s", got, strings.Join(want, "\n"))
	}
	if r.stdout != "" {
		t.Errorf("stdout %q for an invalid document", r.stdout)
	}
}

func TestExitCodesAndMessages(t *testing.T) {
	db := initDB(t)
	dir := t.TempDir()
	notSQLite := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notSQLite, []byte("just some notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.db")
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		parts []string
	}{
		{"init without --password-stdin", "", []string{"init", "--db", missing}, 2, []string{"--password-stdin is required"}},
		{"init with a weak password", "short\n", []string{"init", "--db", missing, "--password-stdin"}, 1, []string{"password: at least 12 characters"}},
		{"init twice", password + "\n", []string{"init", "--db", db, "--password-stdin"}, 1, []string{db + ": already initialised"}},
		{"unknown flag", "", []string{"export", "--db", db, "--nope"}, 2, []string{"flag provided but not defined: -nope"}},
		{"export a missing database", "", []string{"export", "--db", missing}, 2, []string{missing + ": no database here"}},
		{"export a missing revision", "", []string{"export", "--db", db, "--revision", "9"}, 1, []string{"revision 9: no such revision"}},
		{"export into a missing directory", "", []string{"export", "--db", db, "-o", filepath.Join(missing, "x.json")}, 2, []string{missing + "/x.json: no such file or directory"}},
		{"export a text file", "", []string{"export", "--db", notSQLite}, 2, []string{notSQLite + ": not an idvset database (not SQLite)"}},
		{"import without a file", "", []string{"import", "--db", db, "--dry-run"}, 2, []string{"exactly one FILE"}},
		{"import a missing file", "", []string{"import", "--db", db, "--dry-run", "testdata/nope.json"}, 2, []string{"testdata/nope.json: no such file or directory"}},
		{"import without a password", "", []string{"import", "--db", db, "testdata/full.json"}, 2, []string{"--password-stdin is required"}},
		{"import with the wrong password", "not the password\n", []string{"import", "--db", db, "testdata/full.json", "--password-stdin"}, 1, []string{"password: wrong password"}},
		{"import with an empty stdin", "", []string{"import", "--db", db, "testdata/full.json", "--password-stdin"}, 2, []string{"password: nothing on standard input"}},
		{"rollback without N", password + "\n", []string{"rollback", "--db", db, "--password-stdin"}, 2, []string{"exactly one revision number"}},
		{"rollback to a missing revision", password + "\n", []string{"rollback", "7", "--db", db, "--password-stdin"}, 1, []string{"revision 7: no such revision"}},
		{"diff of a missing revision", "", []string{"diff", "--db", db, "5", "1"}, 1, []string{"revision 5: no such revision"}},
		{"--db without a path", "", []string{"--db"}, 2, []string{"--db: a PATH is expected"}},
		{"unknown command", "", []string{"--db", db, "exprot"}, 2, []string{`idvset: unknown command "exprot"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := readFile(t, notSQLite)
			runCLI(t, tc.stdin, tc.args...).want(t, tc.code, tc.parts...)
			if !bytes.Equal(before, readFile(t, notSQLite)) {
				t.Error("the text file was modified")
			}
		})
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a refused command created the missing database")
	}
}

func TestLockoutFromTheCommandLine(t *testing.T) {
	if testing.Short() {
		t.Skip("six argon2id hashes")
	}
	db := initDB(t)
	for range 5 {
		runCLI(t, "wrong password!\n", "import", "--db", db, "testdata/full.json", "--password-stdin").want(t, 1, "password: wrong password")
	}
	runCLI(t, password+"\n", "import", "--db", db, "testdata/full.json", "--password-stdin").
		want(t, 1, "password: locked after 5 failed attempts: try again in ")
}

func TestHistoryDiffRollback(t *testing.T) {
	db := initDB(t)
	runCLI(t, password+"\n", "--db", db, "import", "testdata/full.json", "--password-stdin").want(t, 0)
	runCLI(t, password+"\n", "import", "testdata/next.json", "--password-stdin", "--db="+db).want(t, 0, "saved revision 3")

	// diff alone: the previous revision against the head.
	r := runCLI(t, "", "diff", "--db", db)
	r.want(t, 0)
	want := "general.callbackUrl: \"https://hooks.example.com/idv/callback\" → \"https://hooks.example.com/idv/v2\"\n"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("diff:\n%s\nwant a line %q", r.stdout, want)
	}
	// diff FILE: the head against the file; two files need no database.
	runCLI(t, "", "diff", "--db", db, "testdata/next.json").want(t, 0, "no differences")
	r = runCLI(t, "", "diff", "testdata/full.json", "testdata/next.json")
	r.want(t, 0)
	if !strings.Contains(r.stdout, want) {
		t.Errorf("diff of two files:\n%s", r.stdout)
	}
	r = runCLI(t, "", "--db", db, "diff", "3", "2")
	if !strings.Contains(r.stdout, "general.callbackUrl: \"https://hooks.example.com/idv/v2\" → \"https://hooks.example.com/idv/callback\"\n") {
		t.Errorf("diff 3 2:\n%s", r.stdout)
	}

	r = runCLI(t, password+"\n", "rollback", "2", "--db", db, "--password-stdin")
	r.want(t, 0, "saved revision 4: rollback to revision 2")
	if !strings.Contains(r.stdout, "general.callbackUrl: \"https://hooks.example.com/idv/v2\" → \"https://hooks.example.com/idv/callback\"\n") {
		t.Errorf("rollback did not print its changes:\n%s", r.stdout)
	}
	if got, want := runCLI(t, "", "export", "--db", db).stdout, string(readFile(t, "testdata/full.json")); got != want {
		t.Error("after rollback to 2 the head differs from revision 2")
	}

	r = runCLI(t, "", "history", "--db", db)
	r.want(t, 0)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("history:\n%s", r.stdout)
	}
	for i, prefix := range []string{"4 ", "3 ", "2 ", "1 "} {
		if !strings.HasPrefix(lines[i], prefix) {
			t.Errorf("history line %d = %q, want it to start with %q (newest first)", i, lines[i], prefix)
		}
	}
	if !strings.Contains(lines[0], "rollback to revision 2: ") || !strings.HasSuffix(lines[3], "initial settings") {
		t.Errorf("history summaries:\n%s", r.stdout)
	}
}

func TestExportAcceptedIDTypes(t *testing.T) {
	db := initDB(t)
	runCLI(t, password+"\n", "import", "--db", db, "testdata/full.json", "--password-stdin").want(t, 0)
	r := runCLI(t, "", "export", "--db", db, "--accepted-id-types")
	r.want(t, 0)
	for _, part := range []string{`"acceptedIdTypes": [`, `"countryCode": "DEU"`, `"idType": "PASSPORT"`, `"timestamp": "20`} {
		if !strings.Contains(r.stdout, part) {
			t.Errorf("vendor export lacks %s:\n%.400s", part, r.stdout)
		}
	}
	if again := runCLI(t, "", "export", "--db", db, "--accepted-id-types"); again.stdout != r.stdout {
		t.Error("two vendor exports of one revision differ")
	}
}

func TestLeadingDB(t *testing.T) {
	for _, tc := range []struct {
		args []string
		db   string
		rest string
		err  string
	}{
		{[]string{"history"}, "", "history", ""},
		{[]string{"--db", "a.db", "history"}, "a.db", "history", ""},
		{[]string{"--db=a.db", "export", "-o", "x"}, "a.db", "export -o x", ""},
		{[]string{"-db", "a.db"}, "a.db", "", ""},
		{[]string{"--db"}, "", "", "a PATH is expected"},
		{[]string{"--db=", "history"}, "", "", errEmptyDB.Error()},
		{[]string{"--db", "", "history"}, "", "", errEmptyDB.Error()},
		{[]string{"--db", "a.db", "-db=", "history"}, "", "", errEmptyDB.Error()},
	} {
		db, rest, err := leadingDB(tc.args)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if db != tc.db || strings.Join(rest, " ") != tc.rest || msg != tc.err {
			t.Errorf("leadingDB(%q) = %q, %q, %v", tc.args, db, rest, err)
		}
	}
}

// TestImportImageFile: an image given as a file next to the document is stored, by hash,
// and exported with its data; the colour comes back normalised.
func TestImportImageFile(t *testing.T) {
	db := initDB(t)
	runCLI(t, password+"\n", "import", "--db", db, "testdata/with-file.json", "--password-stdin").want(t, 0, "saved revision 2")
	r := runCLI(t, "", "export", "--db", db)
	r.want(t, 0)
	logo := readFile(t, "testdata/logo.png")
	sum := sha256.Sum256(logo)
	for _, part := range []string{
		`"sha256": "` + hex.EncodeToString(sum[:]) + `"`,
		`"data": "` + base64.StdEncoding.EncodeToString(logo) + `"`,
		`"primaryColor": "#ABCDEF"`,
	} {
		if !strings.Contains(r.stdout, part) {
			t.Errorf("export lacks %s", part)
		}
	}
}

// TestValidateCommand runs `idvset validate` on every fixture in testdata/validate and
// compares exit code and stderr with the golden .stderr file next to it (regenerate with
// UPDATE_GOLDEN=1 go test -run TestValidateCommand .).
func TestValidateCommand(t *testing.T) {
	tests := []struct {
		file string
		code int
	}{
		{"valid.json", exitOK},
		{"empty-object.json", exitOK},
		{"warnings-only.json", exitOK},
		{"bad-urls.json", exitInvalid},
		{"bad-fields.json", exitInvalid},
		{"unknown-field.json", exitInvalid},
		{"wrong-types.json", exitInvalid},
		{"wrong-format.json", exitInvalid},
		{"not-json.json", exitInvalid},
		{"bad-images.json", exitInvalid},
		{"bad-image-content.json", exitInvalid},
		{"bad-base64.json", exitInvalid},
		{"dup-code.json", exitInvalid},
		{"control-chars.json", exitInvalid},
		{"invalid-utf8.json", exitInvalid},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			path := filepath.Join("testdata", "validate", tt.file)
			var stdout, stderr bytes.Buffer
			code := run([]string{"validate", path}, strings.NewReader(""), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("validate wrote to stdout: %q", stdout.String())
			}
			golden := strings.TrimSuffix(path, ".json") + ".stderr"
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.WriteFile(golden, stderr.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
			}
			if stderr.String() != string(want) {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
			}
			for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
				if line != "" && !strings.Contains(line, ": ") {
					t.Errorf("line %q is not \"path: message\"", line)
				}
				if i := strings.IndexFunc(line, unicode.IsControl); i >= 0 {
					t.Errorf("line %q holds the control character %q", line, line[i])
				}
			}
		})
	}
}

func TestValidateUsageErrors(t *testing.T) {
	tests := []struct {
		args  []string
		words string
	}{
		{[]string{"validate"}, "exactly one FILE"},
		{[]string{"validate", "a.json", "b.json"}, "exactly one FILE"},
		{[]string{"validate", "testdata/validate/no-such-file.json"}, "no such file"},
		{[]string{"validate", "testdata"}, "is a directory"},
		{[]string{"validate", "--bogus", "x"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, strings.NewReader(""), &stdout, &stderr); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", tt.args, code, exitUsage)
		}
		if !strings.Contains(stderr.String(), tt.words) {
			t.Errorf("%v: stderr %q, want %q", tt.args, stderr.String(), tt.words)
		}
	}
}

// TestValidatePrintsAtMost200Lines: a document with thousands of problems prints 200
// of them and one line counting the rest (the 54 MB document printed 4 million lines).
func TestValidatePrintsAtMost200Lines(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range 5000 {
		fmt.Fprintf(&b, `"x%05d": 0, `, i)
	}
	b.WriteString(`"format": "idvset.settings/v1"}`)
	path := filepath.Join(t.TempDir(), "unknown.json")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "", "validate", path)
	r.want(t, exitInvalid)
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != 201 || lines[0] != `x00000: unknown field: expected one of format, general, client, branding, acceptedIds, dataSettings, documents, security` ||
		lines[200] != "… and 4,800 more" {
		t.Fatalf("%d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
}

// TestValidateRefusesLargeFilesUnread: a document file over the limit is refused by
// its size before it is read (a sparse file of 32 MiB + 1 byte, never read here).
func TestValidateRefusesLargeFilesUnread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(model.MaxDocumentBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r := runCLI(t, "", "validate", path)
	r.want(t, exitInvalid, `document: larger than the 32 MiB limit (33,554,433 bytes): give large images as "file" references instead of inline data`)
	if strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr: %q", r.stderr)
	}
}

// TestDiffEscapesControlCharacters: values that are valid but hold a newline or ESC (a
// document's name, a translation) print as one escaped line each.
func TestDiffEscapesControlCharacters(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.json")
	b := filepath.Join(dir, "b.json")
	if err := os.WriteFile(a, []byte(`{}`), 0o600); err != nil {
		t.Fatal(err)
	}
	doc := `{"documents": [{"code": "A", "name": "Bill\nforged.path: x → y", "label": "\u001b[2J\u001b[31mred", "translations": {"de": "\u009b2J"}}]}`
	if err := os.WriteFile(b, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "", "diff", a, b)
	r.want(t, exitOK)
	want := []string{
		`documents[0].code: (not set) → "A"`,
		`documents[0].name: (not set) → "Bill\nforged.path: x → y"`,
		`documents[0].label: (not set) → "\x1b[2J\x1b[31mred"`,
		`documents[0].translations.de: (not set) → "\u009b2J"`,
		`documents[0].enabled: (not set) → on`,
	}
	if got := strings.TrimSuffix(r.stdout, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("stdout:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	// The document's own path is escaped too.
	odd := filepath.Join(dir, "odd\x1b[31m\nname.json")
	if err := os.WriteFile(odd, []byte(`{"general": 1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, "", "diff", a, odd+"x")
	if strings.ContainsAny(r.stderr[:len(r.stderr)-1], "\x1b\n") {
		t.Errorf("the file name reached stderr raw: %q", r.stderr)
	}
}
