package tui

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"idvset/model"
	"idvset/tui/common"
)

// screens builds the editor in every state a terminal can be resized in: each pane, each
// open form, each dialog.
func screens() map[string]func(t *testing.T) *driver {
	edited := func(t *testing.T) (*driver, *memStore) {
		store := newMemStore(testPassword)
		d := newDriver(t, store, Options{})
		setCallback(d, "https://example.com:8443/"+strings.Repeat("long/", 40))
		days := 7
		d.edit(model.Edit{Label: "retention", Apply: func(s *model.Settings) {
			s.DataSettings.Retention.PurgeAfterDays = &days
			s.General.SuccessURL = "https://shop.example/" + strings.Repeat("x", 400)
		}})
		return d, store
	}
	valid := func(t *testing.T) (*driver, *memStore) {
		d, store := edited(t)
		setCallback(d, "https://example.com/cb")
		return d, store
	}
	conflict := func(t *testing.T) *driver {
		d, store := valid(t)
		store.saveAsOther(func(s *model.Settings) { s.General.ErrorURL = "https://example.com/e" })
		saveWith(d.press("ctrl+s", "d"), testPassword)
		return d
	}
	out := map[string]func(t *testing.T) *driver{
		"url form":       func(t *testing.T) *driver { d, _ := edited(t); return d.press("enter") },
		"domains form":   func(t *testing.T) *driver { d, _ := edited(t); return d.press("end", "enter") },
		"help":           func(t *testing.T) *driver { d, _ := edited(t); return d.press("?") },
		"review blocked": func(t *testing.T) *driver { d, _ := edited(t); return d.press("ctrl+s") },
		"review":         func(t *testing.T) *driver { d, _ := valid(t); return d.press("ctrl+s") },
		"password":       func(t *testing.T) *driver { d, _ := valid(t); return d.press("ctrl+s", "d", "enter") },
		"conflict":       conflict,
		"confirm reload": func(t *testing.T) *driver { return conflict(t).press("r") },
		"refused": func(t *testing.T) *driver {
			d, store := valid(t)
			store.refuse = model.Violations{{Path: "general.callbackUrl", Message: strings.Repeat("refused ", 30)}}
			saveWith(d.press("ctrl+s", "d"), testPassword)
			return d
		},
		"quit prompt": func(t *testing.T) *driver { d, _ := valid(t); return d.press("q") },
		"first run":   func(t *testing.T) *driver { return newDriver(t, newMemStore(""), Options{}) },
		"read-only": func(t *testing.T) *driver {
			return newDriver(t, newMemStore(testPassword), Options{ReadOnly: true})
		},
		"failure": func(t *testing.T) *driver {
			return newDriver(t, newMemStore(""), Options{ReadOnly: true})
		},
		"loading": func(t *testing.T) *driver {
			m, err := New(newMemStore(testPassword), Options{Theme: "mono"})
			if err != nil {
				t.Fatal(err)
			}
			m.loaded = false // as between the first password and the head read after it
			return &driver{t: t, m: m}
		},
	}
	for s := range sectionCount {
		out[fmt.Sprintf("pane %d", s+1)] = func(t *testing.T) *driver {
			d, _ := edited(t)
			return d.press(fmt.Sprintf("alt+%d", s+1))
		}
	}
	return out
}

// Every screen, at every size from 1x1 to 250x80, draws exactly the terminal's height,
// no line wider than its width, and never panics. (Under -race a seventh of the larger
// sizes; see sizes.)
func TestEverySize(t *testing.T) {
	for name, build := range screens() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				d := build(t)
				for _, w := range sizes(250, minWidth) {
					for _, h := range sizes(80, minHeight) {
						d.m.Update(tea.WindowSizeMsg{Width: w, Height: h})
						checkScreen(t, d.m.View().Content, w, h)
					}
				}
			})
		})
	}
}

// sizes are the sizes TestEverySize draws at, 1..n: all of them, or under the race
// detector (which multiplies the time of a frame and adds nothing to a layout check)
// all up to a little over the minimum and every seventh above.
func sizes(n, minimum int) []int {
	var out []int
	for i := 1; i <= n; i++ {
		if !raceEnabled || i <= minimum+3 || i%7 == 0 || i == n {
			out = append(out, i)
		}
	}
	return out
}

func checkScreen(t *testing.T, content string, w, h int) {
	t.Helper()
	lines := strings.Split(content, "\n")
	if len(lines) != h {
		t.Fatalf("%dx%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		// CellWidth agrees with ansi.StringWidth (FuzzCellWidth) and is much faster.
		if lw := common.CellWidth(l); lw > w {
			t.Fatalf("%dx%d: line %d is %d wide: %q", w, h, i, lw, ansi.Strip(l))
		}
	}
}

func TestTooSmall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		d.send(tea.WindowSizeMsg{Width: 59, Height: 24})
		d.wantView("terminal too small (need 60×15, have 59×24)")
		d.send(tea.WindowSizeMsg{Width: 80, Height: 14})
		d.wantView("terminal too small (need 60×15, have 80×14)")
		// Keys do nothing on a screen that shows nothing, except quitting.
		d.press("enter")
		if d.m.capturing() {
			t.Fatal("enter opened a field on a screen too small to show it")
		}
		d.send(tea.WindowSizeMsg{Width: 60, Height: 15})
		d.wantView("› Callback URL")
	})
}
