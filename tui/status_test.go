package tui

import (
	"errors"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// wantSaid delivers msg in one Update and fails unless the status line then is want
// (View draws m.status as it is), and unless nothing the Update's command leads to
// brings a status line as a message (common.StatusCmd, from the root or, tagged, from a
// pane): over a slow link such a line is drawn a frame after what caused it. The rest of
// what the command leads to is delivered, as send does.
func (d *driver) wantSaid(msg tea.Msg, want common.StatusMsg) {
	d.t.Helper()
	cmd := d.update(msg)
	if d.m.status != want {
		d.t.Fatalf("after its Update the status line is %+v, want %+v", d.m.status, want)
	}
	if panetest.Run(d.t, cmd, func(msg tea.Msg) tea.Cmd {
		d.t.Helper()
		inner := msg
		if pm, ok := msg.(paneMsg); ok {
			inner = pm.msg
		}
		if st, ok := inner.(common.StatusMsg); ok {
			d.t.Fatalf("%+v came as a message, a frame after the Update that knew it", st)
		}
		return d.update(msg)
	}) {
		d.quit = true
	}
}

// ctrl+s with nothing to save, or under --readonly, says why with the key itself.
func TestRefusedSaveSaidWithTheKey(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		d.wantSaid(keyMsg("ctrl+s"), common.StatusMsg{Kind: common.StatusInfo, Text: "nothing to save: nothing changed yet"})
		d.wantView("nothing to save: nothing changed yet")

		ro := newDriver(t, newMemStore(testPassword), Options{ReadOnly: true})
		ro.wantSaid(keyMsg("ctrl+s"), common.StatusMsg{Kind: common.StatusWarning, Text: common.ReadOnlyNotice + ", saving is off"})
	})
}

// Leaving a conflict, and re-applying after one, say so in the frame of the key; the
// re-apply's outcome follows when the store has answered.
func TestConflictSaidWithTheKey(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, d := saveConflict(t)
		d.wantSaid(keyMsg("esc"), common.StatusMsg{Kind: common.StatusWarning,
			Text: "not saved: revision 2 is newer than yours; your changes are kept"})

		_, d = saveConflict(t)
		d.wantSaid(keyMsg("a"), common.StatusMsg{Kind: common.StatusInfo, Text: "re-applying your changes on top of revision 2…"})
		d.wantView("re-applied 1 change on top of revision 2: review them again")
	})
}

// The store's refusal of a save is on the status line in the frame that takes its
// answer, with the dialog that says the same at length.
func TestSaveRefusalSaidWithTheAnswer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		saving := func() *driver {
			d := newDriver(t, newMemStore(testPassword), Options{})
			setCallback(d, "https://example.com/cb")
			d.press("ctrl+s", "enter")
			d.typeText(testPassword)
			d.update(keyMsg("enter")) // saving; the answer below stands in for the store's
			return d
		}
		d := saving()
		locked := &model.LockedError{Until: time.Now().Add(30 * time.Second), Failures: 5}
		d.wantSaid(saveResultMsg{err: locked}, common.StatusMsg{Kind: common.StatusError, Text: locked.Error()})
		d.wantView("Portal password", "● 1 unsaved change")

		d = saving()
		d.wantSaid(saveResultMsg{err: errors.New("disk I/O error")},
			common.StatusMsg{Kind: common.StatusError, Text: "save failed: disk I/O error"})
		d.wantView("● 1 unsaved change")
	})
}
