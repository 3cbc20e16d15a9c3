package client

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// chrome is the editor's rows around a pane: header, tabs, rule, status and footer.
const chrome = 5

// BenchmarkLanguagePicker measures one keystroke in the language picker as the editor
// handles it, the pane's Update then its View, in colour: typing a letter (the filter
// runs) alternating with backspace, and a cursor move. view-bytes is the pane's frame.
func BenchmarkLanguagePicker(b *testing.B) {
	for _, size := range []struct{ w, h int }{{80, 24}, {200, 50}} {
		for _, act := range []struct {
			name string
			keys []string
		}{
			{"filter", []string{"r", "backspace"}},
			{"move", []string{"down", "down", "up", "up"}},
		} {
			b.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, act.name), func(b *testing.B) {
				h := panetest.New(b, model.Default(), func(ctx *common.Context) common.Pane { return New(ctx) },
					panetest.Size(size.w, size.h-chrome))
				h.Ctx.Styles = themes.New(themes.Dark())
				h.Press("end", "enter").Type("e")
				keys := make([]tea.KeyPressMsg, len(act.keys))
				for i, k := range act.keys {
					keys[i] = panetest.Key(k)
				}
				bytes := 0
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; b.Loop(); i++ {
					h.Pane.Update(keys[i%len(keys)])
					bytes = len(h.Pane.View())
				}
				b.ReportMetric(float64(bytes), "view-bytes")
			})
		}
	}
}
