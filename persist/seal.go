package persist

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
)

// Secrets the store must be able to read back (the TOTP secret) are sealed: encrypted
// with XChaCha20-Poly1305 under a key derived from the portal password with argon2id, so
// the database file alone does not give them away, and whoever can guess them can guess
// the password as well (the key costs what a password check costs).
//
// A sealed value is one line of text, versioned so that the cipher or the key derivation
// can change later without ambiguity:
//
//	v1$m=65536,t=3,p=2$<salt>$<nonce>$<ciphertext and tag>
//
// (unpadded standard Base64; m, t, p are argon2id's memory in KiB, passes and lanes).

// sealV1 names the first format: argon2id, then XChaCha20-Poly1305.
const sealV1 = "v1"

// sealPurpose is the associated data of the TOTP secret: a sealed value cannot be passed
// off as another kind of secret, or as another version.
const sealPurpose = "idvset totp secret " + sealV1

var errBadSeal = errors.New("stored two-factor secret is not a sealed value of a known version")

// sealKey is a key derived from the password, with what is needed to derive it again.
type sealKey struct {
	params argonParams
	salt   []byte
	key    []byte
}

// newSealKey derives a key from password with a fresh random salt.
func newSealKey(password string, p argonParams) (sealKey, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return sealKey{}, err
	}
	return sealKey{params: p, salt: salt, key: deriveSealKey(password, salt, p)}, nil
}

func deriveSealKey(password string, salt []byte, p argonParams) []byte {
	return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, chacha20poly1305.KeySize)
}

// seal encrypts plaintext under k with a fresh random nonce.
func (k sealKey) seal(plaintext []byte) (string, error) {
	aead, err := chacha20poly1305.NewX(k.key)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	ct := aead.Seal(nil, nonce, plaintext, []byte(sealPurpose))
	return fmt.Sprintf("%s$m=%d,t=%d,p=%d$%s$%s$%s", sealV1, k.params.Memory, k.params.Time, k.params.Threads,
		b64.EncodeToString(k.salt), b64.EncodeToString(nonce), b64.EncodeToString(ct)), nil
}

// sealed is a parsed sealed value.
type sealed struct {
	params     argonParams
	salt       []byte
	nonce      []byte
	ciphertext []byte
}

// parseSealed reads a sealed value, refusing unknown versions and parameters out of the
// bounds a password hash has (so a tampered value cannot make opening it cost gigabytes).
func parseSealed(s string) (sealed, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 5 || parts[0] != sealV1 {
		return sealed{}, errBadSeal
	}
	p, err := parseParams(parts[1])
	if err != nil {
		return sealed{}, fmt.Errorf("%w: %v", errBadSeal, err)
	}
	var out sealed
	out.params = p
	for _, f := range []struct {
		dst *[]byte
		s   string
		min int
	}{{&out.salt, parts[2], 8}, {&out.nonce, parts[3], chacha20poly1305.NonceSizeX}, {&out.ciphertext, parts[4], chacha20poly1305.Overhead}} {
		b, err := b64.DecodeString(f.s)
		if err != nil || len(b) < f.min {
			return sealed{}, errBadSeal
		}
		*f.dst = b
	}
	if len(out.nonce) != chacha20poly1305.NonceSizeX {
		return sealed{}, errBadSeal
	}
	return out, nil
}

// key derives the key that opens v from password (argon2id: slow).
func (v sealed) key(password string) []byte { return deriveSealKey(password, v.salt, v.params) }

// open decrypts v with key; it fails when the key is wrong or the value was tampered with.
func (v sealed) open(key []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	pt, err := aead.Open(nil, v.nonce, v.ciphertext, []byte(sealPurpose))
	if err != nil {
		return nil, errors.New("the stored two-factor secret cannot be decrypted (the database was altered?)")
	}
	return pt, nil
}
