package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"idvset/model"
	"idvset/persist"
	"idvset/tui"
	"idvset/tui/serve/servetest"
)

// `idvset serve` as main wires it, on a real database: sessions in process over
// 127.0.0.1 (a random port), the real store per session, the real signal handling.

// gatedStore is the real store, whose saves can be held in flight by the test.
type gatedStore struct {
	*persist.Store
	gate *saveGate
}

type saveGate struct {
	mu      sync.Mutex
	closed  bool
	release chan struct{}
	waiting chan struct{}
}

// hold makes the next saves wait until release is closed; waiting hears each one.
func (g *saveGate) hold() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closed, g.release, g.waiting = true, make(chan struct{}), make(chan struct{}, 8)
}

func (s *gatedStore) Save(doc model.Settings, base int, pw, otp string) (int, error) {
	s.gate.mu.Lock()
	closed, release, waiting := s.gate.closed, s.gate.release, s.gate.waiting
	s.gate.mu.Unlock()
	if closed {
		waiting <- struct{}{}
		<-release
	}
	return s.Store.Save(doc, base, pw, otp)
}

// TestServe: an unknown key and a password are refused; two admins edit at once and
// the second to save gets the conflict and re-applies; each revision is by its SSH user
// and key; a key removed from authorized_keys is refused at the next connection; and
// SIGTERM during a save lets it finish, tells every session, and stops.
func TestServe(t *testing.T) {
	db := initDB(t)
	dir := filepath.Dir(db)
	alice, bob, mallory := servetest.NewKey(t), servetest.NewKey(t), servetest.NewKey(t)
	keys := filepath.Join(dir, "authorized_keys")
	both := servetest.AuthorizedLine(alice, "", "alice@laptop") + servetest.AuthorizedLine(bob, `from="127.0.0.1"`, "bob@desk")
	if err := os.WriteFile(keys, []byte(both), 0o600); err != nil {
		t.Fatal(err)
	}
	gate := &saveGate{}
	openSessionStore = func(path, author string) (tui.Store, error) {
		s, err := persist.Open(path, persist.Options{Author: author, NoCreate: true})
		if err != nil {
			return nil, err
		}
		return &gatedStore{Store: s, gate: gate}, nil
	}
	t.Cleanup(func() {
		openSessionStore = func(path, author string) (tui.Store, error) {
			return persist.Open(path, persist.Options{Author: author, NoCreate: true})
		}
	})

	stderr := &servetest.Log{}
	code := make(chan int, 1)
	go func() {
		code <- run([]string{"serve", "--db", db, "--listen", "127.0.0.1:0"}, strings.NewReader(""), &bytes.Buffer{}, stderr)
	}()
	addr := stderr.WaitMatch(t, `serving .* on (127\.0\.0\.1:\d+): ssh -p \d+ localhost`)
	stderr.WaitMatch(t, `host key SHA256:\S+ \(ed25519, generated now\) in `+regexp.QuoteMeta(filepath.Join(dir, "ssh_host_ed25519_key")))
	if fi, err := os.Stat(filepath.Join(dir, "ssh_host_ed25519_key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key: %v %v", err, fi)
	}
	key := func(k gossh.Signer) []gossh.AuthMethod { return []gossh.AuthMethod{gossh.PublicKeys(k)} }
	opt := func(user string, k gossh.Signer) servetest.Options {
		return servetest.Options{User: user, Auth: key(k)}
	}

	// Strangers and passwords.
	if _, err := servetest.Connect(addr, opt("mallory", mallory)); err == nil {
		t.Fatal("an unknown key got in")
	}
	if _, err := servetest.Connect(addr, servetest.Options{User: "alice", Auth: []gossh.AuthMethod{gossh.Password(password)}}); err == nil {
		t.Fatal("a password got in")
	}
	stderr.WaitMatch(t, `refused key `+regexp.QuoteMeta(gossh.FingerprintSHA256(mallory.PublicKey())))
	stderr.WaitMatch(t, `refused connection for alice from 127\.0\.0\.1:\d+: offered no public key`)

	// Two admins, one conflict.
	a := servetest.Dial(t, addr, opt("alice", alice))
	b := servetest.Dial(t, addr, opt("bob", bob))
	a.WaitFor("rev 1", "with bob")
	b.WaitFor("rev 1", "with alice")
	edit := func(c *servetest.Client, row int, url string) {
		c.Press("alt+1", "home")
		for range row {
			c.Press("down")
		}
		c.Press("enter")
		c.WaitFor("characters")
		c.Type(url).Press("enter")
		c.WaitFor("● 1 unsaved change")
	}
	saveWith := func(c *servetest.Client) {
		c.Press("ctrl+s")
		c.WaitFor("Review: 1 change")
		c.Press("enter")
		c.WaitFor("Portal password")
		c.Type(password).Press("enter")
	}
	edit(a, 0, "https://example.com/alice")
	edit(b, 1, "https://example.com/bob")
	saveWith(a)
	a.WaitFor("✓ saved revision 2")
	saveWith(b)
	b.WaitFor("Conflict: revision 2 was saved after you started from revision 1")
	b.Press("a")
	b.WaitFor("re-applied 1 change on top of revision 2", "Review: 1 change against revision 2")
	b.Press("enter")
	b.WaitFor("Portal password")
	b.Type(password).Press("enter")
	b.WaitFor("✓ saved revision 3")
	a.WaitFor("bob saved revision 3: showing it", "rev 3")

	st, err := persist.Open(db, persist.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	h, err := st.History()
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	wantAuthor := map[int]string{
		2: "alice (" + gossh.FingerprintSHA256(alice.PublicKey()) + ")",
		3: "bob (" + gossh.FingerprintSHA256(bob.PublicKey()) + ")",
	}
	for _, r := range h {
		if w, ok := wantAuthor[r.Number]; ok && r.Author != w {
			t.Errorf("revision %d by %q, want %q", r.Number, r.Author, w)
		}
	}
	stderr.WaitMatch(t, `save bob \(SHA256:\S+\): revision 3 \(on 2\)`)
	stderr.WaitMatch(t, `save refused bob \(SHA256:\S+\) \(on 1\): conflict`)

	// Bob's key is removed: his session goes on, his next connection is refused.
	if err := os.WriteFile(keys, []byte(servetest.AuthorizedLine(alice, "", "alice@laptop")), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := servetest.Connect(addr, opt("bob", bob)); err == nil {
		t.Fatal("bob's removed key got in")
	}
	b.Press("alt+2")
	b.WaitFor("[2 Redirect]")

	// SIGTERM during alice's save: the save finishes, both are told, the server stops.
	edit(a, 2, "https://example.com/err")
	gate.hold()
	saveWith(a)
	<-gate.waiting
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if s := b.Ended(); !strings.Contains(s, "idvset: the server is shutting down.") {
		t.Fatalf("bob was not told:\n%s", s)
	}
	a.WaitFor("the server is shutting down: finishing your save first")
	close(gate.release)
	if s := a.Ended(); !strings.Contains(s, "idvset: the server is shutting down. Your save finished first: revision 4.") {
		t.Fatalf("alice was not told:\n%s", s)
	}
	select {
	case c := <-code:
		if c != exitOK {
			t.Fatalf("serve exited %d:\n%s", c, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not stop:\n%s", stderr.String())
	}
	runCLI(t, "", "history", "--db", db).want(t, 0)
	out := runCLI(t, "", "export", "--db", db).stdout
	if !strings.Contains(out, `"errorUrl": "https://example.com/err"`) {
		t.Fatal("the save in flight at SIGTERM was lost")
	}
	log := stderr.String()
	for _, want := range []string{"terminated received: stopping", "2 sessions told to close", "stopped"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, password) {
		t.Error("the log holds the password")
	}
}

// serve refuses a database without a password (the first admin to connect must not
// choose it) and a missing authorized_keys file, saying what to do.
func TestServeRefusals(t *testing.T) {
	fresh := filepath.Join(t.TempDir(), "settings.db")
	runCLI(t, "", "serve", "--db", fresh).want(t, exitUsage, "no database here")
	db := initDB(t)
	runCLI(t, "", "serve", "--db", db).want(t, exitUsage, "authorized_keys: no authorized keys file: create it")
	runCLI(t, "", "serve", "--db", db, "--max-sessions", "0").want(t, exitUsage, "--max-sessions: at least 1")
	runCLI(t, "", "serve", "--db", db, "--idle-timeout", "-1s").want(t, exitUsage, "--idle-timeout")
}
