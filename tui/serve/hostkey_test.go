package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// The host key is generated once, 0600, ed25519, and the same key is read after; a key
// others may read, or a file that is no key, is refused.
func TestHostKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ssh_host_ed25519_key")
	s, created, err := loadHostKey(path)
	if err != nil || !created {
		t.Fatalf("loadHostKey = %v, created %v", err, created)
	}
	if s.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Fatalf("key type %s", s.PublicKey().Type())
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Fatalf("left files behind: %v", entries)
	}
	again, created, err := loadHostKey(path)
	if err != nil || created || gossh.FingerprintSHA256(again.PublicKey()) != gossh.FingerprintSHA256(s.PublicKey()) {
		t.Fatalf("read again: %v, created %v", err, created)
	}
	os.Chmod(path, 0o644)
	if _, _, err := loadHostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("a readable key: %v", err)
	}
	os.WriteFile(path, []byte("not a key"), 0o600)
	os.Chmod(path, 0o600)
	if _, _, err := loadHostKey(path); err == nil || !strings.Contains(err.Error(), "not an OpenSSH private key") {
		t.Fatalf("not a key: %v", err)
	}
	if _, _, err := loadHostKey(filepath.Join(t.TempDir(), "missing", "key")); err == nil {
		t.Fatal("a key in a missing directory")
	}
}
