package history

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// manyRevisions is a history of n revisions, listed as persist lists them; only the
// last two have settings to read (the benchmarks diff nothing older), and their diff
// changes every country of the accepted-ID table.
func manyRevisions(n int) *memStore {
	s := &memStore{}
	for i := 1; i <= n; i++ {
		s.infos = append(s.infos, model.RevisionInfo{Number: i, Time: epoch.Add(time.Duration(i) * time.Hour),
			Author: fmt.Sprintf("admin%d", i%7), Summary: fmt.Sprintf("%d changes: general.callbackUrl, client.skipIntro, …", i%40+1), Base: i - 1})
	}
	a := model.Default()
	b := a.Clone()
	b.AcceptedIDs.Mode = model.ModeCountry
	b.AcceptedIDs.Countries = map[string][]model.IDType{}
	for _, c := range model.Countries() {
		b.AcceptedIDs.Countries[c.Alpha3] = []model.IDType{model.Passport}
	}
	s.revs = make([]model.Settings, n)
	s.revs[n-2], s.revs[n-1] = a, b
	return s
}

// BenchmarkPane measures one keystroke as the runtime handles it, Update then View, on
// 10,000 revisions, at the pane's share of an 80x24 and a 200x50 terminal:
//   - move: a cursor move (↓ ↓ ↑ ↑);
//   - filter-key: a letter that narrows the filter, then backspace;
//   - load: a new list read after a save (SetRows of 10,000 rows and the filter's index);
//   - diff-scroll: a page down and up in a diff of every country's accepted IDs.
//
// view-bytes is the size of the frame before the renderer diffs it.
func BenchmarkPane(b *testing.B) {
	const n = 10_000
	for _, size := range []struct{ w, h int }{{80, 24}, {200, 50}} {
		prefix := fmt.Sprintf("%d-revisions/%dx%d", n, size.w, size.h)
		store := manyRevisions(n)
		newBench := func(keys ...string) *panetest.Harness {
			rev, head := n, store.revs[n-1]
			h := panetest.New(b, head, func(ctx *common.Context) common.Pane { return New(ctx, store) },
				panetest.Head(rev), panetest.Size(size.w, size.h-5)) // less the editor's chrome
			return h.Press(keys...)
		}
		run := func(name string, h *panetest.Harness, msgs ...tea.Msg) {
			b.Run(prefix+"/"+name, func(b *testing.B) {
				h.Bench(b, msgs...)
			})
		}
		down, up := panetest.Key("down"), panetest.Key("up")
		run("move", newBench("down"), down, down, up, up)
		run("filter-key", newBench("/", "a", "d"), panetest.Key("m"), panetest.Key("backspace"))
		revs, _ := store.History()
		run("load", newBench(), listMsg{gen: 1, revs: revs})
		run("diff-scroll", newBench("enter"), panetest.Key("pgdown"), panetest.Key("pgup"))
	}
}
