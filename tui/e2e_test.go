package tui

// End-to-end: the real binary, on a real database, in tmux, driven by keys as a person
// types them, read back from the screen.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// idvsetBinary builds the command once for all end-to-end tests.
func idvsetBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "idvset-e2e-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "idvset")
		cmd := exec.Command("go", "build", "-o", binary, "idvset")
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// runIdvset runs the built command with args and returns what it printed (stdout and
// stderr); the test fails when it does not succeed.
func runIdvset(t *testing.T, args ...string) []byte {
	t.Helper()
	out, err := exec.Command(idvsetBinary(t), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("idvset %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// terminal is one tmux session on a private server, running the editor.
type terminal struct {
	t      *testing.T
	socket string
}

// openTerminal starts the editor in a w×h tmux window with the given environment.
func openTerminal(t *testing.T, w, h int, env []string, args ...string) *terminal {
	t.Helper()
	command := append([]string{"env"}, env...)
	command = append(command, idvsetBinary(t))
	return openTerminalCommand(t, w, h, append(command, args...))
}

// openTerminalCommand runs command (argv) in a w×h tmux window.
func openTerminalCommand(t *testing.T, w, h int, command []string) *terminal {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("install tmux: the end-to-end tests drive the editor in it")
	}
	term := &terminal{t: t, socket: fmt.Sprintf("idvset-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	quoted := make([]string, len(command))
	for i, c := range command {
		quoted[i] = "'" + strings.ReplaceAll(c, "'", `'\''`) + "'"
	}
	// remain-on-exit keeps the pane (and its last screen) after the editor quits.
	term.tmux("new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
		strings.Join(quoted, " "))
	term.tmux("set-option", "-t", "e2e", "remain-on-exit", "on")
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", term.socket, "kill-server").Run() })
	return term
}

func (term *terminal) tmux(args ...string) string {
	term.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", term.socket}, args...)...).CombinedOutput()
	if err != nil {
		term.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// screen is what the terminal shows, as text; withStyles keeps the escape sequences.
func (term *terminal) screen(withStyles bool) string {
	args := []string{"capture-pane", "-p", "-t", "e2e"}
	if withStyles {
		args = append(args, "-e")
	}
	return term.tmux(args...)
}

// waitFor polls the screen until it shows every string, or fails after a deadline.
func (term *terminal) waitFor(want ...string) string {
	term.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = term.screen(false)
		if containsAll(s, want) {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
	term.t.Fatalf("the screen never showed %q:\n%s", want, s)
	return ""
}

// send presses keys by tmux name (Enter, Escape, C-s, BSpace, M-2 …).
func (term *terminal) send(keys ...string) *terminal {
	term.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...)
	return term
}

// typeText types text literally.
func (term *terminal) typeText(s string) *terminal {
	term.tmux("send-keys", "-t", "e2e", "-l", s)
	return term
}

// wantNoColour fails the test when the screen has colour: NO_COLOR=1 turns it off.
func (term *terminal) wantNoColour() {
	term.t.Helper()
	if styled := term.screen(true); colourSGR.MatchString(styled) {
		term.t.Errorf("NO_COLOR=1, yet the screen has colour:\n%q", styled)
	}
}

// exited waits for the editor to quit.
func (term *terminal) exited() {
	term.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.TrimSpace(term.tmux("display-message", "-p", "-t", "e2e", "#{pane_dead}")) == "1" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	term.t.Fatalf("the editor did not quit:\n%s", term.screen(false))
}

var colourSGR = regexp.MustCompile(`\x1b\[[0-9;]*(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]`)

// The whole story of issue 3, with NO_COLOR=1 at 80x24: first run sets the password; a
// callback URL with a port is refused as it is typed and after; fixed; saved after a
// wrong password; and the command line exports what the editor saved.
func TestEndToEnd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "settings.db")
	const pw = "quiet river stone"
	term := openTerminal(t, 80, 24, []string{"NO_COLOR=1", "TERM=xterm-256color"}, "--db", db)

	term.waitFor("Welcome to idvset", "New portal password")
	term.typeText(pw).send("Enter").typeText(pw)
	term.waitFor("✓ the passwords match")
	term.send("Enter")
	term.waitFor("rev 1", "[1 General]", "› Callback URL")

	term.send("Enter").typeText("https://example.com:8443/cb")
	term.waitFor(`✗ port not allowed (":8443")`)
	term.send("Enter")
	term.waitFor("● 1 unsaved change", "https://example.com:8443/cb", `✗ port not allowed (":8443")`)

	term.send("C-s")
	term.waitFor("1 problem must be fixed before saving", "port not allowed")
	// Wait for esc to land: esc and enter sent together read as alt+enter.
	term.send("Escape")
	term.waitFor("› Callback URL")

	term.send("Enter")
	term.waitFor("27 of 255 characters")
	for range 27 {
		term.send("BSpace")
	}
	term.typeText("https://example.com/cb")
	term.waitFor("✓ valid")
	term.send("Enter")
	s := term.waitFor("changed: callback URL", "https://example.com/cb")
	if strings.Contains(s, "port not allowed") {
		t.Fatalf("the fixed URL is still refused:\n%s", s)
	}

	term.send("C-s")
	term.waitFor("Review: 1 change against revision 1", `general.callbackUrl: (not set) → "https://example.com/cb"`)
	term.send("Enter")
	term.waitFor("Portal password")
	term.typeText("not the password").send("Enter")
	term.waitFor("wrong password: nothing was saved; try again", "● 1 unsaved change")
	term.typeText(pw).send("Enter")
	term.waitFor("✓ saved revision 2", "rev 2", "no unsaved changes")

	term.wantNoColour()
	term.send("q")
	term.exited()

	out := runIdvset(t, "export", "--db", db)
	if !strings.Contains(string(out), `"callbackUrl": "https://example.com/cb"`) {
		t.Fatalf("export lacks the saved URL:\n%s", out)
	}
}

// In colour at 200x50, with unsaved changes, q asks before quitting; y quits and nothing
// is saved.
func TestEndToEndQuitAsks(t *testing.T) {
	db := initDB(t, "quiet river stone")
	term := openTerminal(t, 200, 50, []string{"NO_COLOR=", "TERM=xterm-256color", "COLORTERM=truecolor"},
		"--db", db, "--theme", "dark")
	term.waitFor("rev 1", "9 History") // at 200 columns every tab fits
	if styled := term.screen(true); !colourSGR.MatchString(styled) {
		t.Errorf("--theme dark, yet the screen has no colour:\n%q", styled)
	}
	term.send("M-3")
	term.waitFor("[3 Client]", "› Capture method")
	term.send("M-1", "Enter").typeText("https://example.com/q").send("Enter")
	term.waitFor("● 1 unsaved change")
	term.send("q")
	term.waitFor("Discard 1 unsaved change and quit? y/N")
	term.send("n")
	term.waitFor("● 1 unsaved change")
	term.send("q", "y")
	term.exited()

	// Exactly revision 1, the one init wrote: one unwanted save would make two lines.
	out := runIdvset(t, "history", "--db", db)
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "1 ") {
		t.Fatalf("quitting saved something: history is\n%s", out)
	}
}

// A file that is not an idvset database is refused, and nothing is written to it: the
// database opens while the terminal is set up, so the editor itself says why and waits
// for q, and the reason is printed again once the terminal is back, where it stays.
func TestEndToEndForeignDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(db, []byte("groceries: milk, eggs\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// In a shell that stays: tmux 3.3 drops what a process prints after leaving the
	// alternate screen when it exits at once, and what is printed there is the point.
	script := `NO_COLOR=1 "$0" --db "$1"; echo "exit status $?"; sleep 60`
	term := openTerminalCommand(t, 200, 50, []string{"sh", "-c", script, idvsetBinary(t), db})
	term.waitFor("cannot open the database", "not an idvset database (not SQLite)", "press q to quit")
	term.send("q")
	term.waitFor(db+": not an idvset database (not SQLite)", "exit status 2")
	if b, err := os.ReadFile(db); err != nil || string(b) != "groceries: milk, eggs\n" {
		t.Fatalf("the file changed: %q, %v", b, err)
	}
}

// initDB creates a database with the password pw, as `idvset init` does.
func initDB(t *testing.T, pw string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "settings.db")
	cmd := exec.Command(idvsetBinary(t), "init", "--db", db, "--password-stdin")
	cmd.Stdin = strings.NewReader(pw + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	return db
}

// reverseRow matches the selected row drawn in reverse video (SGR 7), as mono draws it.
var reverseRow = regexp.MustCompile(`\x1b\[(?:[0-9]*;)*7(?:;[0-9]*)*m› Callback URL`)

// faintReason matches a key that does nothing yet drawn faint (SGR 2), as mono draws it.
var faintReason = regexp.MustCompile(`\x1b\[(?:[0-9]*;)*2(?:;[0-9]*)*m[^\x1b]*review and save: nothing changed yet`)

// NO_COLOR with any non-empty value is mono: no colour, and what mono does instead of
// colour, the selected row in reverse video and keys that do nothing yet faint. Bubble
// Tea strips the colour of NO_COLOR=1 by itself, so colour alone proves nothing there;
// NO_COLOR=yes it leaves to the editor. The terminal could show colour (truecolor), and
// the dark theme draws neither reverse nor faint.
func TestEndToEndNoColor(t *testing.T) {
	db := initDB(t, "quiet river stone")
	for _, value := range []string{"1", "yes"} {
		t.Run("NO_COLOR="+value, func(t *testing.T) {
			term := openTerminal(t, 80, 24, []string{"NO_COLOR=" + value, "TERM=xterm-256color", "COLORTERM=truecolor"},
				"--db", db, "--theme", "dark")
			term.waitFor("rev 1", "› Callback URL")
			styled := term.screen(true)
			if colourSGR.MatchString(styled) {
				t.Errorf("NO_COLOR=%s, yet the screen has colour:\n%q", value, styled)
			}
			if !reverseRow.MatchString(styled) {
				t.Errorf("NO_COLOR=%s: the selected row is not in reverse video:\n%q", value, styled)
			}
			term.send("?")
			term.waitFor("review and save: nothing changed yet")
			if styled := term.screen(true); !faintReason.MatchString(styled) || colourSGR.MatchString(styled) {
				t.Errorf("NO_COLOR=%s: the full help is not mono (faint reasons, no colour):\n%q", value, styled)
			}
			term.send("q")
			term.exited()
		})
	}
}
