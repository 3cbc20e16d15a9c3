package common

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func FuzzCellWidth(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[1;38;2;1;2;3mbold\x1b[m", "› ✓ ✗ … ─ ● ⠋ ↑↓ «»",
		"漢字", "e\u0301", "👍🏽", "\t", "\x1b]8;;http://x\x1b\\link", "\x1b[", "a\x1bb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := CellWidth(s), ansi.StringWidth(s); got != want {
			t.Fatalf("CellWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	})
}

// A suggestion such as an IDNA name, a URL or a code is never broken inside when it fits
// on a line of its own: hyphens are not break points.
func TestWrapKeepsUnitsWhole(t *testing.T) {
	msg := `✗ host "bücher.example" is not ASCII: use its IDNA form "xn--bcher-kva.example"`
	for width := 24; width <= 100; width++ {
		got := Wrap(msg, width)
		for _, unit := range []string{`"xn--bcher-kva.example"`, `"bücher.example"`} {
			if !strings.Contains(got, unit) {
				t.Fatalf("width %d breaks %s:\n%s", width, unit, got)
			}
		}
		for _, l := range strings.Split(got, "\n") {
			if w := ansi.StringWidth(l); w > width {
				t.Fatalf("width %d: a line is %d wide: %q", width, w, l)
			}
		}
	}
	// A unit wider than the line is broken where it must be, and loses nothing.
	url := "https://shop.example/" + strings.Repeat("x", 50)
	got := Wrap("see "+url+" now", 30)
	if !strings.Contains(strings.ReplaceAll(got, "\n", ""), url) {
		t.Fatalf("a long URL lost characters:\n%s", got)
	}
	for _, l := range strings.Split(got, "\n") {
		if ansi.StringWidth(l) > 30 {
			t.Fatalf("a line is wider than 30: %q", l)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"one two three", 7, "one two\nthree"},
		{"one two three", 80, "one two three"},
		{"  indented text here", 10, "  indented\ntext here"},
		{"first\nsecond line", 6, "first\nsecond\nline"},
		{"a  b", 10, "a  b"}, // spaces inside a line stay
		{"abcdefghij", 4, "abcd\nefgh\nij"},
		{"ab abcdefghij", 4, "ab\nabcd\nefgh\nij"},
		{"", 5, ""},
		{"xn--bcher-kva.example", 21, "xn--bcher-kva.example"},
		{"see xn--bcher-kva.example", 22, "see\nxn--bcher-kva.example"},
	}
	for _, tt := range tests {
		if got := Wrap(tt.in, tt.width); got != tt.want {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestHang(t *testing.T) {
	got := Hang(`✗ host is not ASCII: use its IDNA form "xn--bcher-kva.example"`, 30, 2)
	want := []string{
		"✗ host is not ASCII: use its",
		`  IDNA form`,
		`  "xn--bcher-kva.example"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("Hang:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Every width keeps every line within it and every character of the text.
func FuzzWrap(f *testing.F) {
	for _, s := range []string{"", "a b c", "  x--y z", "https://a.example/" + strings.Repeat("b", 90), "é漢字 👍🏽 x", "a\nb  c"} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		if width < 1 || width > 200 || !utf8.ValidString(s) || strings.ContainsAny(s, "\x1b\t\r") {
			return
		}
		got := Wrap(s, width)
		for _, l := range strings.Split(got, "\n") {
			if w := ansi.StringWidth(l); w > width && ansi.StringWidth(s) > 0 {
				// A single character wider than the line cannot be helped, whatever its
				// number of runes ("👍🏽" is two: found by make fuzz, kept in testdata).
				if first, _ := ansi.FirstGraphemeCluster(l, ansi.GraphemeWidth); first != l {
					t.Fatalf("Wrap(%q, %d): line %q is %d wide", s, width, l, w)
				}
			}
		}
		if strip(got) != strip(s) {
			t.Fatalf("Wrap(%q, %d) = %q: characters lost or added", s, width, got)
		}
	})
}

// strip drops spaces and line breaks, which wrapping may move.
func strip(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' {
			return -1
		}
		return r
	}, s)
}
