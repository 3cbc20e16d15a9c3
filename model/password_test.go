package model

import (
	"strings"
	"testing"
)

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		pw   string
		want string // "" = accepted, else a word of the message
	}{
		{"", "at least 12"},
		{"short", "at least 12"},
		{"elevenchars", "at least 12"},
		{"twelve chars", ""},
		{"correct horse battery staple", ""},
		{" leadingspace1", "leading or trailing"},
		{"trailingspace1 ", "leading or trailing"},
		{"aaaaaaaaaaaaaaaa", "5 different"},
		{"abababababab", "5 different"},
		{strings.Repeat("x1y2z", 52), "at most 256"},
		{"\xff\xfe invalid utf8 bytes", "UTF-8"},
		{"pässwörter-über-alles", ""},
	}
	for _, tt := range tests {
		err := CheckPassword(tt.pw)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckPassword(%q) = %v, want accepted", tt.pw, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("CheckPassword(%q) = %v, want %q", tt.pw, err, tt.want)
		case err != nil && !strings.HasPrefix(err.Error(), "password: "):
			t.Errorf("CheckPassword(%q) = %v, want the field named first", tt.pw, err)
		}
	}
}

func TestPasswordStrength(t *testing.T) {
	tests := []struct {
		pw   string
		want Strength
	}{
		{"abc", StrengthTooShort},
		{"abcdefghijkl", StrengthWeak},
		{"abcdefghijklmnop", StrengthFair},
		{"Tr0ub4dor&3xyzQ!", StrengthStrong},
		{"correct horse battery staple", StrengthStrong},
	}
	for _, tt := range tests {
		if got := PasswordStrength(tt.pw); got != tt.want {
			t.Errorf("PasswordStrength(%q) = %v, want %v", tt.pw, got, tt.want)
		}
	}
}
