package cells

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/components/internal/fixtures"
)

// Width agrees with ansi.StringWidth on every name the components show.
func TestWidthAgreesWithAnsi(t *testing.T) {
	texts := []string{"", "abc", "✓ yes", "– no", "● marked", "…", "Côte d'Ivoire", "Ελληνικά",
		"русский", "中文（中国）", "e\u0301", "👍", "ខ្មែរ", "↑↓", "│█▀▄░▒▓"}
	for _, l := range fixtures.Locales {
		texts = append(texts, l.Name, l.Native)
	}
	for _, c := range fixtures.Countries {
		texts = append(texts, c.Name)
	}
	for _, s := range texts {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi says %d", s, got, want)
		}
	}
}

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"plain":            "plain",
		"Côte d'Ivoire":    "Côte d'Ivoire",
		"中文（中国）":           "中文（中国）",
		"a\x1b[2Jb":        `"a\x1b[2Jb"`,
		"line\nbreak\ttab": `"line\nbreak\ttab"`,
		"c1\u009bx":        `"c1\u009bx"`,
		"bidi\u202eevil":   `"bidi\u202eevil"`,
		"bad\xffutf8":      `"bad\xffutf8"`,
		"del\x7f":          `"del\x7f"`,
	} {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCellCutsPadsAndHighlights(t *testing.T) {
	st := themes.New(themes.Mono())
	hit := From(st.Match)
	tests := []struct {
		c    Cell
		want string
	}{
		{Cell{Text: "Germany", Width: 10}, "Germany   "},
		{Cell{Text: "Germany", Width: 10, Align: Right}, "   Germany"},
		{Cell{Text: "Germany", Width: 9, Align: Center}, " Germany "},
		{Cell{Text: "South Georgia", Width: 8}, "South G…"},
		{Cell{Text: "中文（中国）", Width: 5}, "中文…"},
		{Cell{Text: "Germany", Width: 0}, ""},
		{Cell{Text: "Germany", Width: 1}, "…"},
	}
	for _, tt := range tests {
		var b strings.Builder
		tt.c.Hit, tt.c.Hits = hit, []int{0, 1, 5}
		tt.c.Write(&b)
		if got := ansi.Strip(b.String()); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.c, got, tt.want)
		}
		if w := ansi.StringWidth(b.String()); w != tt.c.Width {
			t.Errorf("%q in %d cells is %d wide", tt.c.Text, tt.c.Width, w)
		}
	}
	// Adjacent hits are one underlined run; the enclosing row is set again after it.
	var b strings.Builder
	sel := From(st.Selected)
	Cell{Text: "Germany", Width: 7, Hit: hit, Hits: []int{0, 1, 2, 3}, Outer: sel.Pre}.Write(&b)
	want := hit.Pre + "Germ" + hit.Post + sel.Pre + "any"
	if b.String() != want {
		t.Errorf("highlight %q, want %q", b.String(), want)
	}
}

// The components escape by the same rule as the rest of the editor and the command line.
func FuzzSanitizeIsModelEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "naïve", "a\x1b[2Jb", "ab\ncd: fake", "\u202eevil", "\xff", "tab\there", "\u00ad", "\u200b", "日本"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Sanitize(s), model.Escape(s); got != want {
			t.Fatalf("Sanitize(%q) = %q, model.Escape = %q", s, got, want)
		}
	})
}
