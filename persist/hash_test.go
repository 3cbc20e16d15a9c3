package persist

import (
	"errors"
	"strings"
	"testing"
)

func TestHashPassword(t *testing.T) {
	p := argonParams{Memory: 256, Time: 2, Threads: 2}
	h1, err := hashPassword("pässwörd with ünïcode", p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=256,t=2,p=2$") {
		t.Errorf("hash %q does not record its parameters", h1)
	}
	h2, _ := hashPassword("pässwörd with ünïcode", p)
	if h1 == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for pw, want := range map[string]bool{"pässwörd with ünïcode": true, "pässwörd with ünïcode ": false, "": false} {
		if ok, err := verifyPassword(pw, h1); err != nil || ok != want {
			t.Errorf("verify(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	// Parameters come from the stored hash, not from the current defaults.
	if got, _, _, err := parseHash(h1); err != nil || got != p {
		t.Errorf("parseHash params = %+v, %v", got, err)
	}
}

func TestParseHashRefuses(t *testing.T) {
	const salt, key = "c2FsdHNhbHRzYWx0c2FsdA", "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U"
	good := "$argon2id$v=19$m=65536,t=3,p=2$" + salt + "$" + key
	if _, _, _, err := parseHash(good); err != nil {
		t.Fatalf("good hash refused: %v", err)
	}
	for name, h := range map[string]string{
		"empty":          "",
		"bcrypt":         "$2b$12$abcdefghijklmnopqrstuv",
		"argon2i":        "$argon2i$v=19$m=65536,t=3,p=2$" + salt + "$" + key,
		"old version":    "$argon2id$v=16$m=65536,t=3,p=2$" + salt + "$" + key,
		"missing param":  "$argon2id$v=19$m=65536,t=3$" + salt + "$" + key,
		"repeated param": "$argon2id$v=19$m=65536,m=1,t=3,p=2$" + salt + "$" + key,
		"huge memory":    "$argon2id$v=19$m=99999999,t=3,p=2$" + salt + "$" + key,
		"zero time":      "$argon2id$v=19$m=65536,t=0,p=2$" + salt + "$" + key,
		"bad salt":       "$argon2id$v=19$m=65536,t=3,p=2$!!$" + key,
		"short key":      "$argon2id$v=19$m=65536,t=3,p=2$" + salt + "$a2V5",
		"extra field":    good + "$x",
	} {
		if _, _, _, err := parseHash(h); !errors.Is(err, errBadHash) {
			t.Errorf("%s: err = %v, want errBadHash", name, err)
		}
	}
}

// FuzzParseHash: a stored hash is input (the file may be edited by hand): never panic,
// and anything accepted must be safe to run argon2 with.
func FuzzParseHash(f *testing.F) {
	f.Add("$argon2id$v=19$m=65536,t=3,p=2$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5")
	f.Fuzz(func(t *testing.T, h string) {
		p, salt, key, err := parseHash(h)
		if err != nil {
			return
		}
		if p.Memory > maxMemoryKiB || p.Time > maxTime || p.Threads == 0 || len(salt) < 8 || len(key) < 16 {
			t.Fatalf("accepted unsafe hash %q: %+v", h, p)
		}
	})
}
