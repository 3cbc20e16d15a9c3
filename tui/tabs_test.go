package tui

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The tab bar at every width from 60 to 250, on every tab: never wider than the screen;
// the active tab always drawn, bracketed; from 80 columns all nine tabs, with short
// labels only where needed ("5 IDs", "7 Docs"); full names once they fit, and never
// fewer full names on a wider screen; below 80, ‹ and › where tabs are out of sight.
func TestTabLabelsAtEveryWidth(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		var titles [sectionCount]string
		for s, p := range d.m.panes {
			titles[s] = p.Title()
		}
		for s := range sectionCount {
			d.press(fmt.Sprintf("alt+%d", s+1))
			prevFull := -1
			for width := 60; width <= 250; width++ {
				d.send(tea.WindowSizeMsg{Width: width, Height: 24})
				bar := strings.Split(d.view(), "\n")[1]
				if w := ansi.StringWidth(bar); w > width {
					t.Fatalf("width %d: the bar is %d wide: %q", width, w, bar)
				}
				active := d.m.panes[s]
				if !strings.Contains(bar, fmt.Sprintf("[%d %s]", s+1, active.Title())) &&
					!strings.Contains(bar, fmt.Sprintf("[%d %s]", s+1, active.ShortTitle())) {
					t.Fatalf("width %d, tab %d: the active tab is not drawn bracketed: %q", width, s+1, bar)
				}
				full := 0
				for i, title := range titles {
					if strings.Contains(bar, fmt.Sprintf("%d %s", i+1, title)) {
						full++
					}
				}
				if full < prevFull {
					t.Fatalf("width %d: %d full names, fewer than the %d one column narrower: %q", width, full, prevFull, bar)
				}
				prevFull = full
				if width >= 80 {
					for i, p := range d.m.panes {
						if !strings.Contains(bar, fmt.Sprintf("%d %s", i+1, p.Title())) &&
							!strings.Contains(bar, fmt.Sprintf("%d %s", i+1, p.ShortTitle())) {
							t.Fatalf("width %d: tab %d is missing: %q", width, i+1, bar)
						}
					}
					if strings.ContainsAny(bar, "‹›") {
						t.Fatalf("width %d: every tab fits, yet the bar scrolls: %q", width, bar)
					}
				} else {
					if !strings.Contains(bar, "9 ") && !strings.HasSuffix(strings.TrimSpace(bar), "›") {
						t.Fatalf("width %d: tabs hidden on the right without ›: %q", width, bar)
					}
					if !strings.Contains(bar, "1 General") && !strings.HasPrefix(bar, "‹") {
						t.Fatalf("width %d: tabs hidden on the left without ‹: %q", width, bar)
					}
				}
				if width >= 105 && full != int(sectionCount) {
					t.Fatalf("width %d: room for every full name, yet %d: %q", width, full, bar)
				}
			}
		}
	})
}

// At 80 columns, the bar as a user sees it.
func TestTabsAt80(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		want := "[1 General] 2 Redirect 3 Client 4 Brand 5 IDs 6 Data 7 Docs 8 Security 9 History"
		if bar := strings.Split(d.view(), "\n")[1]; strings.TrimRight(bar, " ") != want {
			t.Fatalf("tab bar at 80:\n%q\nwant\n%q", bar, want)
		}
		d.send(tea.WindowSizeMsg{Width: 120, Height: 24})
		want = "[1 General] 2 Redirect  3 Client  4 Branding  5 Accepted IDs  6 Data  7 Documents  8 Security  9 History"
		if bar := strings.Split(d.view(), "\n")[1]; strings.TrimRight(bar, " ") != want {
			t.Fatalf("tab bar at 120:\n%q\nwant\n%q", bar, want)
		}
	})
}
