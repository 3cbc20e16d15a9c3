package tui

// End-to-end over SSH: the real `idvset serve`, the real OpenSSH client (Debian's
// openssh-client) in tmux at 80x24, keys and known_hosts in a temporary HOME.

import (
	"bufio"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// sshKey writes a new ed25519 key pair to dir/name and dir/name.pub and returns the
// public key's authorized_keys line.
func sshKey(t *testing.T, dir, name string) string {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	sp, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sp))) + " " + name + "\n"
	return line
}

// server is `idvset serve` running as a child process.
type server struct {
	cmd  *exec.Cmd
	port string
	mu   sync.Mutex
	log  strings.Builder
	done chan struct{}
}

// startServe starts `idvset serve` on db at 127.0.0.1 (a free port) and waits until it
// listens.
func startServe(t *testing.T, db string, args ...string) *server {
	t.Helper()
	cmd := exec.Command(idvsetBinary(t), append([]string{"serve", "--db", db, "--listen", "127.0.0.1:0"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, done: make(chan struct{})}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
		}
	})
	ready := make(chan string, 1)
	listening := regexp.MustCompile(`on 127\.0\.0\.1:(\d+): ssh -p`)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			s.mu.Lock()
			s.log.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				ready <- m[1]
			}
		}
		cmd.Wait()
		close(s.done)
	}()
	select {
	case s.port = <-ready:
	case <-s.done:
		t.Fatalf("serve exited:\n%s", s.logText())
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not start:\n%s", s.logText())
	}
	return s
}

func (s *server) logText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// openSSH runs the OpenSSH client in a w×h tmux window as user with the key in home.
func openSSH(t *testing.T, w, h int, home, user, port string, env ...string) *terminal {
	t.Helper()
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Fatal("install openssh-client: the end-to-end SSH test drives the real ssh client")
	}
	command := append([]string{"env", "HOME=" + home}, env...)
	command = append(command, "ssh", "-F", "/dev/null",
		"-o", "UserKnownHostsFile="+filepath.Join(home, "known_hosts"),
		"-o", "StrictHostKeyChecking=accept-new", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
		"-o", "BatchMode=yes", "-i", filepath.Join(home, user), "-p", port, "-l", user)
	for _, e := range env {
		command = append(command, "-o", "SetEnv="+e)
	}
	return openCommand(t, w, h, append(command, "127.0.0.1")...)
}

// openCommand runs a command line in a w×h tmux window (openTerminal runs the editor).
func openCommand(t *testing.T, w, h int, command ...string) *terminal {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("install tmux: the end-to-end tests drive the editor in it")
	}
	term := &terminal{t: t, socket: fmt.Sprintf("idvset-e2e-cmd-%d-%d", os.Getpid(), time.Now().UnixNano())}
	quoted := make([]string, len(command))
	for i, c := range command {
		quoted[i] = "'" + strings.ReplaceAll(c, "'", `'\''`) + "'"
	}
	term.tmux("new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), strings.Join(quoted, " "))
	term.tmux("set-option", "-t", "e2e", "remain-on-exit", "on")
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", term.socket, "kill-server").Run() })
	return term
}

// waitForLast waits until the last screenful and the lines above it show every string:
// once ssh has exited, tmux's "Pane is dead" line scrolls the goodbye off the screen.
func (term *terminal) waitForLast(want ...string) string {
	term.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = term.tmux("capture-pane", "-p", "-S", "-10", "-t", "e2e")
		if containsAll(s, want) {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
	term.t.Fatalf("the terminal never showed %q:\n%s", want, s)
	return ""
}

// The story over real SSH at 80x24: alice (no colour) and bob (colour) connect
// with their keys, see each other, alice edits and saves, bob sees her revision; the
// revision's author is alice's SSH user and key, in the History pane and in full in
// `idvset history`; SIGTERM tells both why they close.
func TestEndToEndServe(t *testing.T) {
	const pw = "quiet river stone"
	db := initDB(t, pw)
	home := t.TempDir()
	keys := sshKey(t, home, "alice") + sshKey(t, home, "bob")
	if err := os.WriteFile(filepath.Join(filepath.Dir(db), "authorized_keys"), []byte(keys), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := startServe(t, db)

	alice := openSSH(t, 80, 24, home, "alice", srv.port, "NO_COLOR=1")
	first := alice.waitFor("rev 1", "[1 General]", "› Callback URL")
	t.Logf("the first screen over ssh (alice, NO_COLOR=1, 80x24):\n%s", first)
	bob := openSSH(t, 80, 24, home, "bob", srv.port, "TERM=xterm-256color", "COLORTERM=truecolor")
	bob.waitFor("rev 1", "with alice")
	alice.waitFor("with bob")
	if styled := alice.screen(true); colourSGR.MatchString(styled) {
		t.Errorf("alice sent NO_COLOR=1, yet her screen has colour:\n%q", styled)
	}
	if styled := bob.screen(true); !colourSGR.MatchString(styled) {
		t.Errorf("bob's screen has no colour:\n%q", styled)
	}

	alice.enterCallback("https://example.com/ssh")
	alice.send("C-s")
	alice.waitFor("Review: 1 change against revision 1")
	alice.send("Enter")
	alice.waitFor("Portal password")
	alice.typeText(pw).send("Enter")
	alice.waitFor("✓ saved revision 2", "rev 2")
	bob.waitFor("alice saved revision 2: showing it", "rev 2", "https://example.com/ssh")
	alice.send("M-9")
	history := alice.waitFor("[9 History]", "Author", "alice (SHA", "initial settings")
	t.Logf("the History pane over ssh after the save:\n%s", history)

	out := runIdvset(t, "history", "--db", db)
	author := regexp.MustCompile(`(?m)^2 .*alice \(SHA256:[A-Za-z0-9+/]{43}\)`)
	if !author.Match(out) {
		t.Fatalf("revision 2 is not by alice's SSH user and key:\n%s", out)
	}

	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the server's log:\n%s", srv.logText())
		}
	})
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	alice.waitForLast("idvset: the server is shutting down.", "Connection to 127.0.0.1 closed.")
	bob.waitForLast("idvset: the server is shutting down.", "Connection to 127.0.0.1 closed.")
	select {
	case <-srv.done:
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not stop:\n%s", srv.logText())
	}
	log := srv.logText()
	for _, want := range []string{"connect alice (SHA256:", "connect bob (SHA256:", "save alice (SHA256:", "revision 2 (on 1)",
		"terminated received: stopping", "disconnect alice", "stopped"} {
		if !strings.Contains(log, want) {
			t.Errorf("the server's log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, pw) {
		t.Error("the server's log holds the password")
	}
}
