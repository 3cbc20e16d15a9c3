package panetest

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Bench measures one keystroke as the editor handles it, msgs sent in turn: the pane's
// Update, the root's part (the edits it handed over applied to the draft, which is
// validated again), then its View. The commands Update returns are not run: a cursor's
// blink would take its real time. view-bytes is the size of the pane's last frame.
func (h *Harness) Bench(b *testing.B, msgs ...tea.Msg) {
	bytes := 0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		h.Pane, _ = h.Pane.Update(msgs[i%len(msgs)])
		for _, e := range h.Ctx.TakeEdits() {
			if h.Draft.Do(e) {
				h.revalidate() // not logged in h.Edits, which would grow with b.N
			}
		}
		bytes = len(h.Pane.View())
	}
	b.ReportMetric(float64(bytes), "view-bytes")
}

// Keys are the key presses for key names (Key), as messages to send.
func Keys(names ...string) []tea.Msg {
	out := make([]tea.Msg, len(names))
	for i, n := range names {
		out[i] = Key(n)
	}
	return out
}
