package common

import (
	"strings"
	"testing"
	"unicode"
)

func TestSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com/cb", "https://example.com/cb"},
		{"bücher.example", "bücher.example"}, // printable Unicode stays
		{"", ""},
		{"a b", "a b"},
		{"x\x1b[2Jy", `"x\x1b[2Jy"`},
		{"line\nforged: fake", `"line\nforged: fake"`},
		{"tab\there", `"tab\there"`},
		{"bell\a", `"bell\a"`},
		{"\u202eevil", `"\u202eevil"`}, // a bidi override reorders what follows
		{"bad\xffutf8", `"bad\xffutf8"`},
		{"del\x7f", `"del\x7f"`},
		{"osc\x1b]0;title\x07", `"osc\x1b]0;title\a"`},
	}
	for _, tt := range tests {
		if got := Safe(tt.in); got != tt.want {
			t.Errorf("Safe(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func FuzzSafe(f *testing.F) {
	for _, s := range []string{"", "plain", "a\x1b[2J", "\n", "\u202e", "\xff", "漢字 👍🏽"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Safe(s)
		for _, r := range got {
			if r != ' ' && !unicode.IsPrint(r) {
				t.Fatalf("Safe(%q) = %q keeps %U", s, got, r)
			}
		}
		if got != s && !strings.HasPrefix(got, `"`) {
			t.Fatalf("Safe(%q) = %q: changed but not quoted", s, got)
		}
	})
}
