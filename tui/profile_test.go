package tui

import (
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// The terminal's colour profile reaches every pane, shown or not: on a terminal without
// colour, a swatch is the hex text alone, never a block that would read as nothing.
func TestColorProfileReachesPanes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, tt := range []struct {
			profile colorprofile.Profile
			block   bool
		}{{colorprofile.TrueColor, true}, {colorprofile.ASCII, false}} {
			d := newDriver(t, newMemStore(testPassword), Options{Theme: "dark"})
			d.send(tea.ColorProfileMsg{Profile: tt.profile}) // while General is shown
			d.press("alt+4")
			screen := d.m.View().Content
			if got := strings.Contains(screen, "\x1b[48;2;"); got != tt.block {
				t.Errorf("%v: a colour block drawn: %v, want %v", tt.profile, got, tt.block)
			}
			d.wantView("#1F4E79")
		}
	})
}

// With unsaved changes, at 80 columns, the footer of the Client and Branding panes still
// ends with the editor's keys: "? keys" teaches the rest, "q quit" leaves.
func TestBrandFootersFit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		setCallback(d, "https://example.com/cb")
		for _, keys := range [][]string{{"alt+3"}, {"down"}, {"alt+4"}, {"enter"}, {"esc", "/", "d", "e", "enter"}} {
			d.press(keys...)
			lines := strings.Split(d.view(), "\n")
			if footer := lines[len(lines)-1]; !strings.HasSuffix(strings.TrimSpace(footer), "? keys • q quit") {
				t.Fatalf("after %q the footer is cut: %q", keys, footer)
			}
		}
	})
}
