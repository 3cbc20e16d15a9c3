package client

import (
	"fmt"
	"testing"

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
				h.Bench(b, panetest.Keys(act.keys...)...)
			})
		}
	}
}
