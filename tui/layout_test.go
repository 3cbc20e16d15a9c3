package tui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func FuzzCellWidth(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[1;38;2;1;2;3mbold\x1b[m", "› ✓ ✗ … ─ ● ⠋ ↑↓ «»",
		"漢字", "e\u0301", "👍🏽", "\t", "\x1b]8;;http://x\x1b\\link", "\x1b[", "a\x1bb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Fatalf("cellWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	})
}

func TestShortenPath(t *testing.T) {
	tests := []struct {
		path, home string
		width      int
		want       string
	}{
		{"/home/admin/.local/share/idvset/settings.db", "/home/admin", 80, "~/.local/share/idvset/settings.db"},
		{"/home/admin/.local/share/idvset/settings.db", "/home/admin", 20, "~/.loc…t/settings.db"},
		{"/home/adminx/settings.db", "/home/admin", 80, "/home/adminx/settings.db"},
		{"/srv/idvset/settings.db", "", 10, "/sr…ngs.db"},
		{"/srv/idvset/settings.db", "/", 1, "…"},
	}
	for _, tt := range tests {
		if got := shortenPath(tt.path, tt.home, tt.width); got != tt.want {
			t.Errorf("shortenPath(%q, %q, %d) = %q, want %q", tt.path, tt.home, tt.width, got, tt.want)
		}
		if w := ansi.StringWidth(shortenPath(tt.path, tt.home, tt.width)); w > tt.width {
			t.Errorf("shortenPath(%q, %d) is %d wide", tt.path, tt.width, w)
		}
	}
}
