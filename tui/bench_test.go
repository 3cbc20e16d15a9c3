package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
)

// BenchmarkNavigate measures one navigation keystroke as the runtime handles it: Update
// with the key, then View, on the General pane with values and a violation showing, in
// colour. view-bytes is the size of the frame before the renderer diffs it.
func BenchmarkNavigate(b *testing.B) {
	for _, size := range []struct{ w, h int }{{80, 24}, {200, 50}} {
		b.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(b *testing.B) {
			d := newDriver(b, newMemStore(testPassword), Options{Theme: "dark"})
			// An edit message rather than typing: outside a synctest bubble every cursor
			// blink the typing starts would take its real 530 ms.
			d.edit(model.Edit{Label: "callback URL", Apply: func(s *model.Settings) {
				s.General.CallbackURL = "https://example.com:8443/cb"
			}})
			d.send(tea.WindowSizeMsg{Width: size.w, Height: size.h})
			keys := []tea.KeyPressMsg{keyMsg("down"), keyMsg("down"), keyMsg("up"), keyMsg("up")}
			bytes := 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				d.m.Update(keys[i%len(keys)])
				bytes = len(d.m.View().Content)
			}
			b.ReportMetric(float64(bytes), "view-bytes")
		})
	}
}

// BenchmarkBulkAction measures a bulk action in Accepted IDs as the runtime handles it,
// at 120x40 in colour: Update with i on all 250 countries marked (ID_CARD on for every
// one, then off), which applies the edit, validates the document and recomputes the
// pane's effect, then View. The pseudo-terminal benchmark's ids-bulk is this plus the
// renderer and the frame timer.
func BenchmarkBulkAction(b *testing.B) {
	d := accepted120x40(b)
	d.press("alt+5", "*")
	if !strings.Contains(d.view(), "250 marked") {
		b.Fatalf("not all marked:\n%s", d.view())
	}
	toggle := keyMsg("i")
	bytes := 0
	b.ReportAllocs()
	for b.Loop() {
		d.m.Update(toggle)
		bytes = len(d.m.View().Content)
	}
	b.ReportMetric(float64(bytes), "view-bytes")
}

// BenchmarkFilterKeystroke measures a filter keystroke in Accepted IDs as the runtime
// handles it, at 120x40 in colour with every country set: Update with one key of the
// filter "germ" (typed, then erased), then View. The pseudo-terminal benchmark's
// ids-filter is this plus the renderer and the frame timer.
func BenchmarkFilterKeystroke(b *testing.B) {
	d := accepted120x40(b)
	d.press("alt+5", "/")
	keys := []tea.KeyPressMsg{keyMsg("g"), keyMsg("e"), keyMsg("r"), keyMsg("m"),
		keyMsg("backspace"), keyMsg("backspace"), keyMsg("backspace"), keyMsg("backspace")}
	bytes := 0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d.m.Update(keys[i%len(keys)])
		bytes = len(d.m.View().Content)
	}
	b.ReportMetric(float64(bytes), "view-bytes")
}

// accepted120x40 is the editor at 120x40 in colour, its Accepted IDs per country with
// every country set, as the pseudo-terminal benchmark's database has them.
func accepted120x40(b *testing.B) *driver {
	d := newDriver(b, newMemStore(testPassword), Options{Theme: "dark"})
	d.edit(model.Edit{Label: "per country", Apply: func(s *model.Settings) {
		s.AcceptedIDs.CopyRegionsToCountries(model.DefaultCatalog())
	}})
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	return d
}
