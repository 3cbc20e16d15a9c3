package tui

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// revisionRow is a row of the History pane: its number, then (after the time and the
// author) its summary.
var revisionRow = regexp.MustCompile(`^[› ]\s+(\d+) \d{4}-\d\d-\d\d \d\d:\d\d \S+\s+(.*?)\s*$`)

// importDoc saves doc with `idvset import --password-stdin`, as a script would.
func importDoc(t *testing.T, db, pw string, doc map[string]any) {
	t.Helper()
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "settings.json")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(idvsetBinary(t), "import", file, "--db", db, "--password-stdin")
	cmd.Stdin = strings.NewReader(pw + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
}

// exportDoc is the head's document as JSON values.
func exportDoc(t *testing.T, db string) map[string]any {
	t.Helper()
	out, err := exec.Command(idvsetBinary(t), "export", "--db", db).Output()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// section is doc's object under name.
func section(doc map[string]any, name string) map[string]any { return doc[name].(map[string]any) }

// Three saves from the command line, then in the editor at 80x24 with NO_COLOR=1: the
// History pane lists them newest first, shows a diff, and rolls back to the first of
// them through the review and the password; `idvset history` shows the new revision.
func TestEndToEndHistory(t *testing.T) {
	const pw = "quiet river stone"
	db := initDB(t, pw)

	doc := exportDoc(t, db)
	section(doc, "general")["callbackUrl"] = "https://one.example/cb"
	importDoc(t, db, pw, doc) // revision 2
	section(doc, "general")["tokenLifetimeMinutes"] = 60
	section(doc, "client")["skipIntro"] = true
	importDoc(t, db, pw, doc) // revision 3
	section(doc, "general")["callbackUrl"] = "https://three.example/cb"
	doc["documents"] = []any{map[string]any{"code": "BILL", "name": "Utility bill", "label": "Utility bill", "enabled": true}}
	importDoc(t, db, pw, doc) // revision 4

	term := openTerminal(t, 80, 24, []string{"NO_COLOR=1", "TERM=xterm-256color"}, "--db", db)
	term.waitFor("rev 4", "› Callback URL")
	term.send("M-9")
	s := term.waitFor("[9 History]", "4 revisions", "Rev", "Saved (UTC)", "Summary")
	var listed []string
	for _, l := range strings.Split(s, "\n") {
		if m := revisionRow.FindStringSubmatch(l); m != nil {
			listed = append(listed, m[1]+" "+m[2])
		}
	}
	want := []string{"4 5 changes: general.callbackUrl", "3 2 changes: general.tokenLifetimeMinutes",
		"2 1 change: general.callbackUrl", "1 initial settings"}
	if len(listed) != len(want) {
		t.Fatalf("listed %q:\n%s", listed, s)
	}
	for i := range want {
		if !strings.HasPrefix(listed[i], want[i]) {
			t.Fatalf("row %d is %q, want %q…: not newest first?\n%s", i, listed[i], want[i], s)
		}
	}
	t.Logf("History at 80x24:\n%s", s)

	term.send("Enter")
	s = term.waitFor("Revision 4  against revision 3 · 5 changes",
		`general.callbackUrl: "https://one.example/cb" → "https://three.example/cb"`, `documents[0].code: (not set) → "BILL"`)
	t.Logf("a diff at 80x24:\n%s", s)
	term.send("Left")
	term.waitFor("Revision 3  against revision 2 · 2 changes", "general.tokenLifetimeMinutes: 30 → 60")
	term.send("Left")
	term.waitFor("Revision 2  against revision 1 · 1 change")
	// r in revision 2's diff: roll back to it, through the review and the password.
	term.send("r")
	term.waitFor("Review: 4 changes against revision 4", "changed: roll back to revision 2",
		`general.callbackUrl: "https://three.example/cb" → "https://one.example/cb"`,
		"general.tokenLifetimeMinutes: 60 → 30", "client.skipIntro: on → off", "documents[0].enabled: on → off")
	term.send("Enter")
	term.waitFor("Portal password")
	term.typeText(pw).send("Enter")
	s = term.waitFor("✓ saved revision 5", "rev 5", "no unsaved changes", "5 revisions", "rollback to revision 2")
	t.Logf("after the rollback:\n%s", s)
	term.wantNoColour()
	term.send("q")
	term.exited()

	out := runIdvset(t, "history", "--db", db)
	first := strings.SplitN(string(out), "\n", 2)[0]
	if !strings.HasPrefix(first, "5 ") || !strings.Contains(first, "rollback to revision 2: 4 changes: general.callbackUrl") {
		t.Fatalf("idvset history does not start with the rollback:\n%s", out)
	}
	head := exportDoc(t, db)
	if got := section(head, "general")["callbackUrl"]; got != "https://one.example/cb" {
		t.Errorf("the head's callback URL is %v, not revision 2's", got)
	}
	docs := head["documents"].([]any)
	if len(docs) != 1 || docs[0].(map[string]any)["enabled"] != false {
		t.Errorf("documents after the rollback: %v; want BILL kept, disabled", docs)
	}
}
