package documents

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// manyDocuments is a head with n document types, every third disabled, each translated
// into three languages, and the codes the store would report for it.
func manyDocuments(n int) (model.Settings, []model.UsedCode) {
	s := model.Default()
	var used []model.UsedCode
	for i := range n {
		code := fmt.Sprintf("DOC%04d", i)
		s.Documents = append(s.Documents, model.Document{
			Code: code, Name: fmt.Sprintf("Document type %d", i), Label: fmt.Sprintf("Proof of address %d", i),
			Enabled:      i%3 != 0,
			Translations: map[string]string{"de": "Nachweis", "fr": "Justificatif", "es": "Comprobante"},
		})
		used = append(used, model.UsedCode{Code: code, Revision: 2 + i/50})
	}
	return s, used
}

// BenchmarkDocumentsPane measures one keystroke as the editor handles it, Update then
// View, on 200 document types, in colour, at the pane's share of an 80x24 and a 200x50
// terminal:
//   - move: a cursor move (↓ ↓ ↑ ↑);
//   - filter-key: a letter typed into the filter, then backspace;
//   - disable: x on the cursor row, as the root applies it (the draft's edit, validation
//     of the whole document, the rows rebuilt), then x again;
//   - add-form-key: a letter typed into the add form's code, checked against the 200
//     codes, then backspace.
//
// view-bytes is the size of the pane's frame.
func BenchmarkDocumentsPane(b *testing.B) {
	s, used := manyDocuments(200)
	for _, term := range []struct{ w, h int }{{80, 24}, {200, 50}} {
		// The editor's chrome (header, tabs, rule, status, footer) takes five rows.
		w, h := term.w, term.h-5
		setup := func(b *testing.B, keys ...string) *panetest.Harness {
			hs := newPane(b, s, used, panetest.Size(w, h), func(c *common.Context) { c.Styles = themes.New(themes.Dark()) })
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
		run("move", setup(b), []tea.Msg{down, down, up, up})
		run("filter-key", setup(b, "/", "d"), []tea.Msg{panetest.Key("o"), panetest.Key("backspace")})
		run("disable", setup(b, "down"), []tea.Msg{panetest.Key("x")})
		run("add-form-key", setup(b, "a", "U", "T"), []tea.Msg{panetest.Key("I"), panetest.Key("backspace")})
	}
}
