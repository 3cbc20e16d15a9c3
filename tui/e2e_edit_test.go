package tui

// End-to-end: `idvset edit FILE`, the real binary on real files, in tmux.

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"idvset/model"
)

// A new file: the editor says it does not exist yet and is not the database; an edit is
// saved without a password, canonically; the status says how it reaches the database.
func TestEndToEndEditNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "acme.json")
	term := openTerminal(t, 80, 24, []string{"NO_COLOR=1", "TERM=xterm-256color"}, "edit", path)
	term.waitFor("FILE", "acme.json does not exist yet: these are the defaults; saving creates it")
	term.enterCallback("https://example.com/offline")
	term.send("C-s")
	term.waitFor("Review: 1 change to acme.json", "enter save acme.json")
	term.send("Enter")
	s := term.waitFor("✓ saved acme.json; idvset import acme.json puts it in the database", "no unsaved changes")
	t.Logf("after saving a new file (80x24, NO_COLOR=1):\n%s", s)
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := model.Default()
	want.General.CallbackURL = "https://example.com/offline"
	if !bytes.Equal(got, model.Encode(want)) {
		t.Fatalf("not the canonical document:\n%s", got)
	}
	term.send("q")
	term.exited()
}

// An existing canonical file round-trips byte-identically: an edit undone leaves nothing
// to save, and quitting writes nothing.
func TestEndToEndEditRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "acme.json")
	doc := model.Default()
	doc.General.SuccessURL = "https://example.com/ok"
	original := model.Encode(doc)
	if err := os.WriteFile(path, original, 0o644); err != nil {
		t.Fatal(err)
	}
	term := openTerminal(t, 80, 24, []string{"NO_COLOR=1", "TERM=xterm-256color"}, "edit", path)
	term.waitFor("a file, not the database: idvset import acme.json puts it there", "https://example.com/ok")
	term.enterCallback("https://example.com/cb")
	term.send("C-z")
	term.waitFor("undid: callback URL", "no unsaved changes")
	term.send("C-s")
	term.waitFor("nothing to save: nothing changed yet")
	term.send("q")
	term.exited()
	if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
		t.Fatalf("the file changed:\n%s", got)
	}
}

// A file that breaks rules opens with its violations shown; one that is not a settings
// document is refused before the editor starts, with the path of the mistake.
func TestEndToEndEditInvalid(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"general": {"callbackUrl": "https://example.com:8443/cb"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	term := openTerminal(t, 80, 24, []string{"NO_COLOR=1", "TERM=xterm-256color"}, "edit", bad)
	term.waitFor("bad.json breaks 1 rule, shown where they are (first: general.callbackUrl)", `✗ port not allowed (":8443")`)
	term.send("q")
	term.exited()

	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte(`{"general": {"tokenLifetimeMinutes": "thirty"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(idvsetBinary(t), "edit", broken).CombinedOutput()
	if code := exitCode(err); code != 1 || !bytes.Contains(out, []byte("broken.json: not a settings document the editor can open:\ngeneral.tokenLifetimeMinutes: ")) {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// enterCallback types url into the callback URL field, selected when the editor starts,
// and waits for the edit.
func (term *terminal) enterCallback(url string) {
	term.t.Helper()
	term.send("Enter").typeText(url)
	term.waitFor("✓ valid")
	term.send("Enter")
	term.waitFor("● 1 unsaved change")
}

// waitForWrapped is waitFor for text that may be wrapped anywhere (a long path): the
// screen's words are compared with single spaces between them.
func (term *terminal) waitForWrapped(want ...string) string {
	term.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = term.screen(false)
		if containsAll(strings.Join(strings.Fields(s), " "), want) {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
	term.t.Fatalf("the screen never showed %q:\n%s", want, s)
	return ""
}

func exitCode(err error) int {
	if e, ok := err.(*exec.ExitError); ok {
		return e.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// A save into a read-only directory fails with the file system's reason and keeps the
// draft (quitting still asks). Root ignores permissions, so as root the editor runs as
// nobody (setpriv).
func TestEndToEndEditReadOnlyDirectory(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "locked")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "acme.json")
	original := model.Encode(model.Default())
	if err := os.WriteFile(path, original, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	command := []string{"env", "NO_COLOR=1", "TERM=xterm-256color", idvsetBinary(t), "edit", path}
	if os.Geteuid() == 0 {
		setpriv, err := exec.LookPath("setpriv")
		if err != nil {
			t.Skip("as root, this test needs setpriv (util-linux) to run the editor as nobody")
		}
		// nobody must reach the directory and the binary (both private to root so far).
		os.Chmod(tmp, 0o755)
		os.Chmod(filepath.Dir(tmp), 0o755)
		binDir := t.TempDir()
		os.Chmod(binDir, 0o755)
		os.Chmod(filepath.Dir(binDir), 0o755)
		bin := filepath.Join(binDir, "idvset")
		data, err := os.ReadFile(idvsetBinary(t))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bin, data, 0o755); err != nil {
			t.Fatal(err)
		}
		command = []string{setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
			"env", "NO_COLOR=1", "TERM=xterm-256color", "HOME=/nonexistent", bin, "edit", path}
	}
	term := openCommand(t, 80, 24, command...)
	term.waitFor("FILE", "› Callback URL")
	term.enterCallback("https://example.com/ro")
	term.send("C-s")
	term.waitFor("Review: 1 change to acme.json")
	term.send("Enter")
	s := term.waitForWrapped("✗ save failed: write", "permission denied; your changes are kept", "● 1 unsaved change")
	t.Logf("a save into a read-only directory:\n%s", s)
	term.send("Escape")
	term.waitFor("› Callback URL", "https://example.com/ro", "● 1 unsaved change")
	term.send("q")
	term.waitFor("Discard 1 unsaved change and quit? y/N")
	term.send("y")
	term.exited()
	if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
		t.Fatalf("the file changed:\n%s", got)
	}
}
