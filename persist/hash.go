package persist

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// argonParams are the argon2id cost parameters. They are written into every hash (PHC
// string format), so they can be raised later without invalidating stored hashes.
type argonParams struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// defaultParams are stronger than OWASP's first recommendation (m=46 MiB, t=1, p=1):
// 64 MiB, 3 passes, 2 lanes, about 0.4 s on a 2-core server.
var defaultParams = argonParams{Memory: 64 * 1024, Time: 3, Threads: 2}

const (
	saltLen = 16
	keyLen  = 32
)

// Bounds on parameters read from a stored hash (16 times the defaults or more), so a
// tampered hash cannot make a check allocate many gigabytes or run for minutes.
const (
	maxMemoryKiB = 1 << 20 // 1 GiB
	maxTime      = 64
)

var b64 = base64.RawStdEncoding

// hashPassword returns the argon2id PHC string of pw with a fresh random salt:
// $argon2id$v=19$m=65536,t=3,p=2$<salt>$<hash>.
func hashPassword(pw string, p argonParams) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// verifyPassword reports whether pw matches the PHC string, comparing in constant time.
func verifyPassword(pw, phc string) (bool, error) {
	p, salt, key, err := parseHash(phc)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

var errBadHash = errors.New("stored password hash is not an argon2id PHC string")

// parseHash reads an argon2id PHC string. It refuses other algorithms, versions and
// parameters outside sane bounds.
func parseHash(phc string) (argonParams, []byte, []byte, error) {
	var p argonParams
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errBadHash
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, fmt.Errorf("%w: unsupported version %q", errBadHash, parts[2])
	}
	p, err := parseParams(parts[3])
	if err != nil {
		return p, nil, nil, fmt.Errorf("%w: %v", errBadHash, err)
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return p, nil, nil, fmt.Errorf("%w: bad salt", errBadHash)
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, fmt.Errorf("%w: bad hash", errBadHash)
	}
	return p, salt, key, nil
}

// parseParams reads argon2id's "m=…,t=…,p=…", each once and within bounds.
func parseParams(s string) (argonParams, error) {
	var p argonParams
	var seen [3]bool
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(kv, "=")
		n, err := strconv.ParseUint(v, 10, 32)
		if !ok || err != nil {
			return p, fmt.Errorf("bad parameter %q", kv)
		}
		switch {
		case k == "m" && !seen[0] && n >= 8 && n <= maxMemoryKiB:
			p.Memory, seen[0] = uint32(n), true
		case k == "t" && !seen[1] && n >= 1 && n <= maxTime:
			p.Time, seen[1] = uint32(n), true
		case k == "p" && !seen[2] && n >= 1 && n <= 255:
			p.Threads, seen[2] = uint8(n), true
		default:
			return p, fmt.Errorf("bad parameter %q", kv)
		}
	}
	if !seen[0] || !seen[1] || !seen[2] {
		return p, errors.New("missing parameters")
	}
	if p.Memory < 8*uint32(p.Threads) {
		return p, errors.New("memory below 8 KiB per lane")
	}
	return p, nil
}
