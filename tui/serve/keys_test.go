package serve

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"idvset/tui/serve/servetest"
)

func readKeys(t *testing.T, content string) (*authorizedKeys, string, *servetest.Log) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	log := &servetest.Log{}
	l := newLogger(log, time.Now)
	t.Cleanup(l.close)
	a, err := newAuthorizedKeys(path, l, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	return a, path, log
}

var local = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000}

// Options are honoured or the key refused, never ignored; lines that are not keys are
// skipped and logged with their line number.
func TestAuthorizedKeysOptions(t *testing.T) {
	k := make([]gossh.Signer, 10)
	for i := range k {
		k[i] = servetest.NewKey(t)
	}
	future := time.Now().Add(48*time.Hour).UTC().Format("20060102") + "Z"
	line := func(k gossh.Signer, options, comment string) string {
		return strings.TrimSuffix(servetest.AuthorizedLine(k, options, comment), "\n")
	}
	file := strings.Join([]string{
		"# admins",
		"",
		line(k[0], "", "plain"),
		line(k[1], `from="10.0.0.0/8,127.0.0.*"`, "from a pattern"),
		line(k[2], `from="!127.0.0.1,*"`, "excluded"),
		line(k[3], `from="192.168.1.0/24"`, "elsewhere"),
		line(k[4], `expiry-time="20200101"`, "expired"),
		line(k[5], `expiry-time="`+future+`",no-agent-forwarding,no-port-forwarding`, "not yet expired"),
		line(k[6], "no-pty", "no terminal"),
		line(k[7], "restrict", "restricted"),
		line(k[8], "restrict,pty", "restricted with a terminal"),
		line(k[9], `command="/bin/date"`, "forced command"),
		"ssh-ed25519 not-base64 broken",
	}, "\n")
	a, _, log := readKeys(t, file)
	cases := []struct {
		key  int
		ok   bool
		why  string
		line string
	}{
		{0, true, "", "plain"},
		{1, true, "", "from a pattern"},
		{2, false, `from="!127.0.0.1,*" does not match 127.0.0.1`, ""},
		{3, false, `from="192.168.1.0/24" does not match`, ""},
		{4, false, "expired at 2020-01-01", ""},
		{5, true, "", "not yet expired"},
		{6, false, "no-pty, but the editor needs a terminal", ""},
		{7, false, "no-pty, but the editor needs a terminal", ""},
		{8, true, "", "restricted with a terminal"},
		{9, false, "option command=… is not supported by idvset serve", ""},
	}
	for _, c := range cases {
		got, why := a.check(k[c.key].PublicKey(), local)
		switch {
		case c.ok && (got == nil || got.comment != c.line):
			t.Errorf("key %d: refused (%s), want allowed by %q", c.key, why, c.line)
		case !c.ok && (got != nil || !strings.Contains(why, c.why)):
			t.Errorf("key %d: %v %q, want refused with %q", c.key, got, why, c.why)
		}
	}
	if a.Len() != 9 {
		t.Errorf("%d usable keys, want 9 (every line but the forced command and the broken one)", a.Len())
	}
	for _, want := range []string{":13: not a public key", ":12: option command=… is not supported by idvset serve: the key is refused", "9 keys from"} {
		log.WaitLine(t, want)
	}
}

// The file is read again when it changes: a removed key is refused at once, an added
// one accepted; a file that disappears refuses everyone until it is back.
func TestAuthorizedKeysReload(t *testing.T) {
	alice, bob := servetest.NewKey(t), servetest.NewKey(t)
	a, path, log := readKeys(t, servetest.AuthorizedLine(alice, "", "alice")+servetest.AuthorizedLine(bob, "", "bob"))
	if k, _ := a.check(bob.PublicKey(), local); k == nil {
		t.Fatal("bob refused")
	}
	// The same size, at once: only the key differs, so no stamp but the content tells.
	carol := servetest.NewKey(t)
	if err := os.WriteFile(path, []byte(servetest.AuthorizedLine(alice, "", "alice")+servetest.AuthorizedLine(carol, "", "bob")), 0o600); err != nil {
		t.Fatal(err)
	}
	if k, why := a.check(bob.PublicKey(), local); k != nil || !strings.HasPrefix(why, "not in ") {
		t.Fatalf("bob's removed key: %v %q", k, why)
	}
	if k, _ := a.check(carol.PublicKey(), local); k == nil {
		t.Fatal("carol's new key refused")
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if k, why := a.check(alice.PublicKey(), local); k != nil || !strings.Contains(why, "unreadable") {
		t.Fatalf("without the file: %v %q", k, why)
	}
	log.WaitLine(t, "every key refused until this is fixed")
	if err := os.WriteFile(path, []byte(servetest.AuthorizedLine(alice, "", "alice")), 0o600); err != nil {
		t.Fatal(err)
	}
	if k, _ := a.check(alice.PublicKey(), local); k == nil {
		t.Fatal("alice refused once the file is back")
	}
	log.WaitLine(t, "1 key from")
}

// An unchanged file, its change well in the past, is not read again.
func TestAuthorizedKeysNotReadWhenUnchanged(t *testing.T) {
	alice := servetest.NewKey(t)
	a, path, _ := readKeys(t, servetest.AuthorizedLine(alice, "", "alice"))
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	a.check(alice.PublicKey(), local) // reads the new stamp
	before := fmt.Sprintf("%p", a.keys)
	a.check(alice.PublicKey(), local)
	if after := fmt.Sprintf("%p", a.keys); after != before {
		t.Fatal("read again")
	}
}

func TestAuthorizedKeysMissingAtStart(t *testing.T) {
	l := newLogger(nil, time.Now)
	defer l.close()
	if _, err := newAuthorizedKeys(filepath.Join(t.TempDir(), "nope"), l, time.Now); err == nil {
		t.Fatal("a missing file is accepted")
	}
}

func TestWildcard(t *testing.T) {
	for _, c := range []struct {
		p, s string
		ok   bool
	}{
		{"*", "10.1.2.3", true}, {"10.*", "10.1.2.3", true}, {"10.?.2.3", "10.1.2.3", true},
		{"10.?.2.3", "10.11.2.3", false}, {"*.3", "10.1.2.3", true}, {"1*1*1", "10.1.2.3", false},
		{"", "", true}, {"a", "", false}, {"**", "x", true},
	} {
		if got := wildcard(c.p, c.s); got != c.ok {
			t.Errorf("wildcard(%q, %q) = %v", c.p, c.s, got)
		}
	}
}

// A file or directory that others may write to refuses every key, as sshd's StrictModes
// does: whoever can write it can let themselves in.
func TestAuthorizedKeysWritableByOthers(t *testing.T) {
	alice := servetest.NewKey(t)
	a, path, log := readKeys(t, servetest.AuthorizedLine(alice, "", "alice"))
	os.Chmod(path, 0o666)
	if k, why := a.check(alice.PublicKey(), local); k != nil || !strings.Contains(why, "others may write to it (mode 0666): chmod go-w") {
		t.Fatalf("a world-writable file: %v %q", k, why)
	}
	os.Chmod(path, 0o644)
	if k, _ := a.check(alice.PublicKey(), local); k == nil {
		t.Fatal("refused once fixed")
	}
	os.Chmod(filepath.Dir(path), 0o777)
	defer os.Chmod(filepath.Dir(path), 0o700)
	if k, why := a.check(alice.PublicKey(), local); k != nil || !strings.Contains(why, "others may write to its directory") {
		t.Fatalf("a world-writable directory: %v %q", k, why)
	}
	log.WaitLine(t, "every key refused until this is fixed")
}
