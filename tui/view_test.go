package tui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

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
