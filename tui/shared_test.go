package tui

import (
	"testing"
	"testing/synctest"

	"idvset/model"
)

// When another session saves, an editor with nothing unsaved shows the new revision at
// once; one with changes, or in the middle of typing, keeps them and is told that
// saving will offer to re-apply them. An old announcement changes nothing.
func TestRevisionSavedElsewhere(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		clean := newDriver(t, store, Options{})
		dirty := newDriver(t, store, Options{})
		typing := newDriver(t, store, Options{})
		setCallback(dirty, "https://example.com/mine")
		typing.press("alt+1", "home", "enter")
		rev := store.saveAsOther(func(s *model.Settings) { s.General.SuccessURL = "https://example.com/theirs" })

		msg := RevisionSavedMsg{By: "alice\x1b[31m", Rev: rev}
		clean.send(msg)
		clean.wantView(`"alice\x1b[31m" saved revision 2: showing it`, "rev 2", "https://example.com/theirs")
		dirty.send(msg)
		dirty.wantView(`saved revision 2; saving will offer to re-apply your changes`, "rev 1", "● 1 unsaved change")
		typing.send(msg)
		typing.wantView("saved revision 2; saving will offer to re-apply your changes")
		if !typing.m.capturing() {
			t.Fatal("the field being typed in was closed")
		}
		clean.send(RevisionSavedMsg{By: "bob", Rev: 1})
		clean.notView("bob")
	})
}
