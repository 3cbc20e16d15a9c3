package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// maxHostKeyBytes bounds the host key file read (an OpenSSH private key is a few KiB).
const maxHostKeyBytes = 64 << 10

// loadHostKey reads the server's private host key (OpenSSH format) from path, or, when
// there is no file there, generates an ed25519 key and writes it with mode 0600 (created
// reports that). A key file that others may read is refused, as sshd refuses one: it is
// the server's identity.
func loadHostKey(path string) (signer gossh.Signer, created bool, err error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := writeHostKey(path); err != nil {
			return nil, false, err
		}
		created = true
		if fi, err = os.Stat(path); err != nil {
			return nil, false, err
		}
	case err != nil:
		return nil, false, err
	}
	switch {
	case !fi.Mode().IsRegular():
		return nil, false, fmt.Errorf("%s: not a regular file", path)
	case fi.Mode().Perm()&0o077 != 0:
		return nil, false, fmt.Errorf("%s: the host key may be read by others (mode %04o): chmod 600 %s", path, fi.Mode().Perm(), path)
	case fi.Size() > maxHostKeyBytes:
		return nil, false, fmt.Errorf("%s: %d bytes, too large for a host key", path, fi.Size())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false, err
	}
	signer, err = gossh.ParsePrivateKey(data)
	var missing *gossh.PassphraseMissingError
	switch {
	case errors.As(err, &missing):
		return nil, false, fmt.Errorf("%s: the host key has a passphrase, which the server cannot type: give it a key without one", path)
	case err != nil:
		return nil, false, fmt.Errorf("%s: not an OpenSSH private key: %v", path, err)
	}
	return signer, created, nil
}

// writeHostKey generates an ed25519 key and writes it to path, 0600, whole or not at all:
// it is written to a temporary file that is then linked to path, which fails rather than
// replace a key that another process wrote meanwhile.
func writeHostKey(path string) error {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	block, err := gossh.MarshalPrivateKey(priv, "idvset serve host key")
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*") // mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Link(f.Name(), path)
}
