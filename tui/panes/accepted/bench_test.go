package accepted

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// benchPane is the pane per country on the 250 countries, in colour, at the pane's share
// of a w×h terminal (the editor's chrome takes 5 lines). Edits are applied as the root
// applies them: one undo step, then validation of the whole document.
type benchPane struct {
	ctx   *common.Context
	draft *model.Draft
	p     *Pane
}

func newBenchPane(w, h int) *benchPane {
	draft := model.NewDraft(perCountry())
	ctx := &common.Context{
		Width: w, Height: h, Styles: themes.New(themes.Dark()), Keys: common.NewKeyMap(),
		Draft: draft, Rules: model.Context{Catalog: model.DefaultCatalog()},
	}
	ctx.Violations = model.Validate(draft.Current(), ctx.Rules)
	b := &benchPane{ctx: ctx, draft: draft, p: New(ctx)}
	b.p.SetSize(w, h-5)
	return b
}

// key is one keystroke as the runtime handles it: Update, the root's part (edits), View.
// Commands (a cursor's blink) are not run. It returns the size of the frame.
func (b *benchPane) key(msg tea.Msg) int {
	b.p.Update(msg)
	for _, e := range b.ctx.TakeEdits() {
		if b.draft.Do(e) {
			b.ctx.Violations = model.Validate(b.draft.Current(), b.ctx.Rules)
		}
	}
	return len(b.p.View())
}

func (b *benchPane) press(keys ...string) *benchPane {
	for _, k := range keys {
		b.key(panetest.Key(k))
	}
	return b
}

// BenchmarkAcceptedIDs measures one keystroke, Update then View, on the 250 countries,
// at 80x24 and 200x50:
//   - move: a cursor move (↓ ↓ ↑ ↑);
//   - filter-key: the first letter of a filter, which searches every country (the
//     backspace between is not timed);
//   - bulk-all-rows: p on all 250 rows marked (PASSPORT off, then on again), applied
//     and validated as the root does, the effect recomputed and the rows redrawn.
//
// view-bytes is the size of the frame before the renderer diffs it.
func BenchmarkAcceptedIDs(b *testing.B) {
	for _, size := range []struct{ w, h int }{{80, 24}, {200, 50}} {
		prefix := fmt.Sprintf("%dx%d", size.w, size.h)
		b.Run(prefix+"/move", func(b *testing.B) {
			bp := newBenchPane(size.w, size.h).press("down", "space")
			keys := []tea.Msg{panetest.Key("down"), panetest.Key("down"), panetest.Key("up"), panetest.Key("up")}
			bytes := 0
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				bytes = bp.key(keys[i%len(keys)])
			}
			b.ReportMetric(float64(bytes), "view-bytes")
		})
		b.Run(prefix+"/filter-key", func(b *testing.B) {
			bp := newBenchPane(size.w, size.h).press("/")
			// Two letters in turn, so no answer is remembered from the last time.
			first := []tea.Msg{panetest.Key("e"), panetest.Key("a")}
			back := panetest.Key("backspace")
			bytes := 0
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				bytes = bp.key(first[i%2])
				b.StopTimer()
				bp.key(back)
				b.StartTimer()
			}
			b.ReportMetric(float64(bytes), "view-bytes")
		})
		b.Run(prefix+"/bulk-all-rows", func(b *testing.B) {
			bp := newBenchPane(size.w, size.h).press("*")
			if n := bp.p.countries.MarkedCount(); n != 250 {
				b.Fatalf("%d marked", n)
			}
			toggle := panetest.Key("p")
			bytes := 0
			b.ReportAllocs()
			for b.Loop() {
				bytes = bp.key(toggle)
			}
			b.ReportMetric(float64(bytes), "view-bytes")
		})
	}
}
