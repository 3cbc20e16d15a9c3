package data

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// BenchmarkDataPane measures one keystroke as the editor handles it, Update then View,
// in colour, at the pane's share of an 80x24 and a 200x50 terminal, with the MRZ check
// on and a shorter retention in the draft (the consequences drawn on every frame):
//   - move: a cursor move (↓ ↓ ↑ ↑);
//   - switch: space on a field, as the root applies it (the draft's edit, validation),
//     then space again;
//   - lookup-key: a letter typed into the MRZ country lookup, then backspace.
//
// view-bytes is the size of the pane's frame.
func BenchmarkDataPane(b *testing.B) {
	s := model.Default()
	s.DataSettings.Fields.MRZCheck = true
	for _, term := range []struct{ w, h int }{{80, 24}, {200, 50}} {
		w, h := term.w, term.h-5 // the editor's chrome takes five rows
		setup := func(keys ...string) *panetest.Harness {
			hs := newPane(b, s, panetest.Size(w, h), func(c *common.Context) { c.Styles = themes.New(themes.Dark()) })
			hs.Apply("retention", func(s *model.Settings) { d := 90; s.DataSettings.Retention.PurgeAfterDays = &d })
			for _, k := range keys {
				hs.Pane, _ = hs.Pane.Update(panetest.Key(k)) // no commands run: a cursor blink would take its real time
			}
			return hs
		}
		run := func(name string, hs *panetest.Harness, keys []tea.Msg) {
			b.Run(fmt.Sprintf("%dx%d/%s", term.w, term.h, name), func(b *testing.B) {
				hs.Bench(b, keys...)
			})
		}
		down, up := panetest.Key("down"), panetest.Key("up")
		run("move", setup(), []tea.Msg{down, down, up, up})
		run("switch", setup("down"), []tea.Msg{panetest.Key("space")})
		run("lookup-key", setup("/", "k", "e"), []tea.Msg{panetest.Key("n"), panetest.Key("backspace")})
	}
}
