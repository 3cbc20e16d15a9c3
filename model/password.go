package model

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Password length limits. Twelve characters is a floor a person can still type over SSH;
// the ceiling only bounds the work of hashing.
const (
	MinPasswordLen = 12
	MaxPasswordLen = 256
)

// CheckPassword applies the password policy to a new portal password. The store enforces
// it on every password it sets; the editor shows the same message as the user types.
func CheckPassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case !utf8.ValidString(pw):
		return errors.New("password: not valid UTF-8")
	case n < MinPasswordLen:
		return fmt.Errorf("password: at least %d characters (%d so far)", MinPasswordLen, n)
	case n > MaxPasswordLen:
		return fmt.Errorf("password: at most %d characters (%d)", MaxPasswordLen, n)
	case strings.TrimSpace(pw) != pw:
		return errors.New("password: no leading or trailing spaces (they are easy to lose when typing)")
	case distinctRunes(pw) < 5:
		return errors.New("password: use at least 5 different characters")
	}
	return nil
}

// Strength is a rough estimate of how hard a password is to guess.
type Strength int

// Strength levels, weakest first.
const (
	StrengthTooShort Strength = iota
	StrengthWeak
	StrengthFair
	StrengthStrong
)

// String names the level as the editor shows it.
func (s Strength) String() string {
	return [...]string{"too short", "weak", "fair", "strong"}[s]
}

// PasswordStrength estimates a password's strength from its length and the kinds of
// characters it uses (a search-space estimate, not a dictionary check), for feedback while
// typing. It never refuses anything: CheckPassword does.
func PasswordStrength(pw string) Strength {
	if CheckPassword(pw) != nil {
		return StrengthTooShort
	}
	var lower, upper, digit, other bool
	for _, r := range pw {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	alphabet := 0
	for _, k := range []struct {
		has  bool
		size int
	}{{lower, 26}, {upper, 26}, {digit, 10}, {other, 33}} {
		if k.has {
			alphabet += k.size
		}
	}
	// A repeated character adds less than a new one: count repeats at half weight.
	distinct := distinctRunes(pw)
	repeats := utf8.RuneCountInString(pw) - distinct
	bits := (float64(distinct) + float64(repeats)/2) * math.Log2(float64(alphabet))
	switch {
	case bits < 60:
		return StrengthWeak
	case bits < 80:
		return StrengthFair
	}
	return StrengthStrong
}

func distinctRunes(s string) int {
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
	}
	return len(seen)
}
