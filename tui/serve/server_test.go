package serve

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"idvset/tui"
	"idvset/tui/serve/servetest"
)

// An unknown key and a password are refused, each logged with why; a known key gets the
// editor, in the client's terminal, with its author's name.
func TestAuthentication(t *testing.T) {
	alice, mallory := servetest.NewKey(t), servetest.NewKey(t)
	ts := startServer(t, nil, servetest.AuthorizedLine(alice, "", "alice@laptop"))

	_, err := servetest.Connect(ts.addr, servetest.Options{User: "mallory", Auth: []gossh.AuthMethod{gossh.PublicKeys(mallory)}})
	if err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("an unknown key: %v", err)
	}
	ts.log.WaitLine(t, "refused key "+gossh.FingerprintSHA256(mallory.PublicKey()), "for mallory", "not in "+ts.keys)

	_, err = servetest.Connect(ts.addr, servetest.Options{User: "alice", Auth: []gossh.AuthMethod{gossh.Password(testPassword)}})
	if err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("a password: %v", err)
	}
	ts.log.WaitLine(t, "refused connection for alice from", "offered no public key")
	if strings.Contains(ts.log.String(), testPassword) {
		t.Fatal("the log holds the password")
	}

	c := ts.dial(t, "alice", alice)
	c.WaitFor("idvset", "rev 1", "[1 General]", "› Callback URL")
	ts.log.WaitLine(t, "connect alice ("+gossh.FingerprintSHA256(alice.PublicKey())+")", "alice@laptop", "(1 of 32 sessions)")
	c.Press("q")
	c.Ended()
	ts.log.WaitLine(t, "disconnect alice (", ": quit")
}

// The header shows who else is connected, and updates when they come and go.
func TestPresence(t *testing.T) {
	alice, bob := servetest.NewKey(t), servetest.NewKey(t)
	ts := startServer(t, nil, servetest.AuthorizedLine(alice, "", "alice"), servetest.AuthorizedLine(bob, "", "bob"))
	a := ts.dial(t, "alice", alice)
	a.WaitFor("rev 1")
	if strings.Contains(firstLine(a.Screen()), "with") {
		t.Fatalf("alone, yet: %s", firstLine(a.Screen()))
	}
	b := ts.dial(t, "bob", bob)
	b.WaitFor("rev 1", "with alice")
	a.WaitFor("with bob")
	b.Press("q")
	b.Ended()
	deadline := time.Now().Add(10 * time.Second)
	for strings.Contains(firstLine(a.Screen()), "with bob") {
		if time.Now().After(deadline) {
			t.Fatalf("bob left, yet: %s", firstLine(a.Screen()))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }

// A session beyond --max-sessions is told why and closed; once one leaves, the next
// gets in.
func TestMaxSessions(t *testing.T) {
	key := servetest.NewKey(t)
	ts := startServer(t, func(c *Config) { c.MaxSessions = 2 }, servetest.AuthorizedLine(key, "", ""))
	a := ts.dial(t, "a", key)
	a.WaitFor("rev 1")
	b := ts.dial(t, "b", key)
	b.WaitFor("rev 1")
	c := ts.dial(t, "c", key)
	c.Ended()
	if !strings.Contains(c.Raw(), "2 sessions are open, the most this server allows; try again later") {
		t.Fatalf("the refused session was not told why:\n%q", c.Raw())
	}
	ts.log.WaitLine(t, "refused c (", "2 sessions are open")
	a.Press("q")
	a.Ended()
	ts.dial(t, "d", key).WaitFor("rev 1", "with b")
}

// A key removed from authorized_keys is refused from the next connection on; a session
// it opened before keeps going.
func TestRemovedKeyIsRefused(t *testing.T) {
	alice, bob := servetest.NewKey(t), servetest.NewKey(t)
	ts := startServer(t, nil, servetest.AuthorizedLine(alice, "", "alice"), servetest.AuthorizedLine(bob, "", "bob"))
	b := ts.dial(t, "bob", bob)
	b.WaitFor("rev 1")
	if err := os.WriteFile(ts.keys, []byte(servetest.AuthorizedLine(alice, "", "alice")), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := servetest.Connect(ts.addr, servetest.Options{User: "bob", Auth: []gossh.AuthMethod{gossh.PublicKeys(bob)}})
	if err == nil {
		t.Fatal("a removed key still connects")
	}
	ts.log.WaitLine(t, "refused key "+gossh.FingerprintSHA256(bob.PublicKey()), "not in")
	ts.log.WaitLine(t, "authorized keys: 1 key from")
	ts.dial(t, "alice", alice).WaitFor("rev 1")
	b.Press("alt+2")
	b.WaitFor("[2 Redirect]")
}

// A session without a key for the idle timeout is told and closed; its unsaved changes
// are named.
func TestIdleTimeout(t *testing.T) {
	key := servetest.NewKey(t)
	ts := startServer(t, func(c *Config) { c.IdleTimeout = 2 * time.Second }, servetest.AuthorizedLine(key, "", ""))
	c := ts.dial(t, "alice", key)
	setCallback(c, "https://example.com/idle")
	// (The warning a little before is TestSessionIdle's: on a loaded machine a test
	// polling the screen could miss its half second.)
	screen := c.Ended()
	if !strings.Contains(screen, "idvset: closed after 2s without a key press. 1 change was not saved.") {
		t.Fatalf("the session was not told why it closed:\n%s", screen)
	}
	ts.log.WaitLine(t, "disconnect alice (", "closed after 2s without a key press (1 unsaved lost)")
	if n, _, _ := ts.db.head(); n != 1 {
		t.Fatal("an idle session saved")
	}
}

// Shutdown during a save lets the save finish, then tells the session why it closes;
// a session with nothing in flight closes at once, told the same.
func TestShutdownDuringSave(t *testing.T) {
	alice, bob := servetest.NewKey(t), servetest.NewKey(t)
	ts := startServer(t, nil, servetest.AuthorizedLine(alice, "", ""), servetest.AuthorizedLine(bob, "", ""))
	ts.db.gate, ts.db.saving = make(chan struct{}), make(chan struct{}, 1)
	a := ts.dial(t, "alice", alice)
	b := ts.dial(t, "bob", bob)
	b.WaitFor("rev 1")
	setCallback(a, "https://example.com/kept")
	save(a)
	<-ts.db.saving // the store has the save

	stopped := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		stopped <- ts.Shutdown(ctx, "the server is shutting down")
	}()
	if screen := b.Ended(); !strings.Contains(screen, "idvset: the server is shutting down.") {
		t.Fatalf("bob was not told:\n%s", screen)
	}
	a.WaitFor("the server is shutting down: finishing your save first")
	select {
	case <-a.Done():
		t.Fatal("the session closed before its save finished")
	case <-time.After(200 * time.Millisecond):
	}
	close(ts.db.gate)
	screen := a.Ended()
	if !strings.Contains(screen, "idvset: the server is shutting down. Your save finished first: revision 2.") {
		t.Fatalf("alice was not told:\n%s", screen)
	}
	if err := <-stopped; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	n, head, author := ts.db.head()
	if n != 2 || head.General.CallbackURL != "https://example.com/kept" || !strings.HasPrefix(author, "alice (SHA256:") {
		t.Fatalf("head %d %q by %q", n, head.General.CallbackURL, author)
	}
	log := ts.log.String()
	for _, want := range []string{"stopping: the server is shutting down; 2 sessions told to close", "save alice (", "revision 2 (on 1)", "stopped"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
	if _, err := servetest.Connect(ts.addr, servetest.Options{User: "alice", Auth: []gossh.AuthMethod{gossh.PublicKeys(alice)}}); err == nil {
		t.Error("the stopped server accepts connections")
	}
}

// Without a terminal, or with a command, the client is told what works instead.
func TestNeedsATerminal(t *testing.T) {
	key := servetest.NewKey(t)
	ts := startServer(t, nil, servetest.AuthorizedLine(key, "", ""))
	auth := []gossh.AuthMethod{gossh.PublicKeys(key)}
	c := servetest.Dial(t, ts.addr, servetest.Options{User: "alice", Auth: auth, NoPTY: true})
	c.Ended()
	if !strings.Contains(c.Raw(), "the editor needs a terminal: connect with ssh -t") {
		t.Fatalf("no-pty: %q", c.Raw())
	}
	c = servetest.Dial(t, ts.addr, servetest.Options{User: "alice", Auth: auth, Command: "export"})
	c.Ended()
	if !strings.Contains(c.Raw(), "only the editor runs here: connect without a command") {
		t.Fatalf("command: %q", c.Raw())
	}
}

// A save in one session shows in another with nothing unsaved, and warns one with
// changes (which then gets the conflict screen when it saves).
func TestOthersSeeSaves(t *testing.T) {
	alice, bob, carol := servetest.NewKey(t), servetest.NewKey(t), servetest.NewKey(t)
	ts := startServer(t, nil, servetest.AuthorizedLine(alice, "", ""), servetest.AuthorizedLine(bob, "", ""),
		servetest.AuthorizedLine(carol, "", ""))
	a, b, c := ts.dial(t, "alice", alice), ts.dial(t, "bob", bob), ts.dial(t, "carol", carol)
	b.WaitFor("rev 1")
	setCallback(c, "https://example.com/carol")
	setCallback(a, "https://example.com/alice")
	save(a)
	a.WaitFor("✓ saved revision 2")
	b.WaitFor("alice saved revision 2: showing it", "rev 2", "https://example.com/alice")
	c.WaitFor("alice saved revision 2; saving will offer to re-apply your changes", "rev 1")
	save(c)
	c.WaitFor("Conflict: revision 2 was saved after you started from revision 1")
}

// A user name with control characters cannot forge a log line or drive a terminal: the
// log and the other sessions' headers show it escaped.
func TestUserNamesAreEscaped(t *testing.T) {
	key, bob := servetest.NewKey(t), servetest.NewKey(t)
	ts := startServer(t, nil, servetest.AuthorizedLine(key, "", ""), servetest.AuthorizedLine(bob, "", ""))
	b := ts.dial(t, "bob", bob)
	b.WaitFor("rev 1")
	evil := "eve\n2026-01-01T00:00:00Z connect root\x1b[2J"
	c := ts.dial(t, evil, key)
	c.WaitFor("rev 1")
	line := ts.log.WaitLine(t, "connect ", `eve\n2026-01-01T00:00:00Z connect root\x1b[2J`)
	if strings.Contains(ts.log.String(), "\x1b") || strings.Contains(ts.log.String(), "\nconnect root") {
		t.Fatalf("the log holds the raw name:\n%q", ts.log.String())
	}
	t.Log(line)
	b.WaitFor(`with "eve\n2026`)
}

// Connections that never authenticate are bounded (2×max-sessions + 16 at once): one
// more is closed before its handshake, and once they go, admins get in again.
func TestConnectionsAreBounded(t *testing.T) {
	key := servetest.NewKey(t)
	ts := startServer(t, func(c *Config) { c.MaxSessions = 1 }, servetest.AuthorizedLine(key, "", ""))
	var conns []net.Conn
	for range 19 {
		c, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	// Which one the server sees last is its business: 18 get the server's greeting, one
	// is closed.
	greeted := 0
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		b := make([]byte, 8)
		if n, _ := io.ReadFull(c, b); n == len(b) && string(b) == "SSH-2.0-" {
			greeted++
		}
	}
	if greeted != 18 {
		t.Fatalf("%d of 19 connections greeted, want 18", greeted)
	}
	ts.log.WaitLine(t, "refused connection from", "18 connections are open already")
	for _, c := range conns {
		c.Close()
	}
	// The server counts them closed as it notices, soon.
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := servetest.Open(t, ts.addr, servetest.Options{User: "alice", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)}})
		if err == nil {
			c.WaitFor("rev 1")
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("admins are still refused: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A store that cannot be opened (a damaged database) refuses the session with why.
func TestStoreFailure(t *testing.T) {
	key := servetest.NewKey(t)
	ts := startServer(t, func(c *Config) {
		c.Store = func(string) (tui.Store, error) {
			return nil, errors.New("/var/lib/idvset/settings.db: damaged database")
		}
	}, servetest.AuthorizedLine(key, "", ""))
	c := ts.dial(t, "alice", key)
	c.Ended()
	if !strings.Contains(c.Raw(), "idvset: cannot open the settings: /var/lib/idvset/settings.db: damaged database") {
		t.Fatalf("not told why: %q", c.Raw())
	}
	ts.log.WaitLine(t, "refused alice (", "cannot open the settings")
}
