package tui

import (
	"fmt"
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
