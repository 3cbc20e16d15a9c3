package tui

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"idvset/model"
)

// The memStore's history: what the History pane reads (history.Store) and the noted
// save (NoteSaver), as persist.Store does them.

// historyEpoch is when the memStore's revision 1 was saved; each next one a minute later.
var historyEpoch = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func (s *memStore) History() ([]model.RevisionInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.listed++
	out := make([]model.RevisionInfo, 0, len(s.revs))
	for i := len(s.revs) - 1; i >= 0; i-- {
		n := i + 1
		ri := model.RevisionInfo{Number: n, Time: historyEpoch.Add(time.Duration(i) * time.Minute), Author: "admin", Base: i}
		if n == 1 {
			ri.Summary = "initial settings"
		} else {
			ri.Summary = fmt.Sprintf("%d changes", len(model.Diff(s.revs[i-1], s.revs[i])))
		}
		if note := s.notes[n]; note != "" {
			ri.Summary = note + ": " + ri.Summary
		}
		out = append(out, ri)
	}
	return out, nil
}

func (s *memStore) Revision(n int) (model.Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n < 1 || n > len(s.revs) {
		return model.Settings{}, fmt.Errorf("revision %d: no such revision", n)
	}
	return s.revs[n-1].Clone(), nil
}

func (s *memStore) RollbackDocument(n int) (model.Settings, int, error) {
	old, err := s.Revision(n)
	if err != nil {
		return model.Settings{}, 0, err
	}
	head, cur, err := s.Head()
	return model.Rollback(old, cur), head, err
}

func (s *memStore) SaveNoted(doc model.Settings, base int, pw, otp, note string) (int, error) {
	rev, err := s.Save(doc, base, pw, otp)
	if err == nil {
		s.mu.Lock()
		if s.notes == nil {
			s.notes = map[int]string{}
		}
		s.notes[rev] = note
		s.mu.Unlock()
	}
	return rev, err
}

// fourRevisions is a store whose head is revision 4: 2 sets the callback URL, 3 changes
// it and adds the document BILL, 4 sets the token lifetime and adds LEASE.
func fourRevisions() *memStore {
	s := newMemStore(testPassword)
	s.saveAsOther(func(s *model.Settings) { s.General.CallbackURL = "https://two.example/cb" })
	s.saveAsOther(func(s *model.Settings) {
		s.General.CallbackURL = "https://three.example/cb"
		s.Documents = append(s.Documents, model.Document{Code: "BILL", Name: "Utility bill", Label: "Utility bill", Enabled: true})
	})
	s.saveAsOther(func(s *model.Settings) {
		s.General.TokenLifetimeMinutes = 60
		s.Documents = append(s.Documents, model.Document{Code: "LEASE", Name: "Lease", Label: "Lease", Enabled: true})
	})
	s.used = []model.UsedCode{{Code: "BILL", Revision: 3}, {Code: "LEASE", Revision: 4}}
	return s
}

// Rollback to revision 2 of 4, in the editor: the History pane hands the rollback over
// as one edit and the root opens the review; the password saves revision 5 with
// revision 2's content, the documents created since kept but disabled, and the
// revision's summary says it was a rollback.
func TestHistoryRollbackThroughTheReview(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := fourRevisions()
		d := newDriver(t, store, Options{})
		if store.listed != 0 {
			t.Fatalf("the history was read %d times at start-up: it is read when first shown", store.listed)
		}
		d.press("alt+9")
		d.wantView("4 revisions", "every save, newest first")
		if store.listed != 1 {
			t.Fatalf("showing History read it %d times, want 1", store.listed)
		}
		d.press("down", "down", "r")
		d.wantView("Review: 4 changes against revision 4", "changed: roll back to revision 2",
			`general.callbackUrl: "https://three.example/cb" → "https://two.example/cb"`,
			"general.tokenLifetimeMinutes: 60 → 30",
			"documents[0].enabled: on → off", "documents[1].enabled: on → off")
		d.press("enter").typeText("not the password").press("enter")
		d.wantView("wrong password: nothing was saved")
		d.typeText(testPassword).press("enter")
		d.wantView("✓ saved revision 5", "rev 5", "no unsaved changes")

		got := store.head()
		if got.General.CallbackURL != "https://two.example/cb" || got.General.TokenLifetimeMinutes != 30 {
			t.Errorf("revision 5 is not revision 2's content: %+v", got.General)
		}
		if len(got.Documents) != 2 || got.Documents[0].Enabled || got.Documents[1].Enabled ||
			got.Documents[0].Code != "BILL" || got.Documents[1].Code != "LEASE" {
			t.Errorf("documents of revision 5: %+v; want BILL and LEASE kept, disabled", got.Documents)
		}
		if store.saved[len(store.saved)-1] != 4 {
			t.Errorf("saved on top of %d, want 4", store.saved[len(store.saved)-1])
		}
		// The new revision is listed at once, with its note.
		d.wantView("5 revisions", "rollback to revision 2: 4 changes")
		if lines := strings.Split(d.view(), "\n"); !strings.Contains(strings.Join(lines[:7], "\n"), "   5 2026-03-01 09:04") {
			t.Errorf("revision 5 is not the first listed:\n%s", d.view())
		}
	})
}

// With unsaved changes, r asks first; n keeps them, y replaces them by the rollback (one
// undo step brings them back).
func TestHistoryRollbackAsksBeforeReplacingChanges(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := fourRevisions()
		d := newDriver(t, store, Options{})
		d.press("enter").erase(len("https://three.example/cb")).typeText("https://mine.example/cb").press("enter")
		d.wantView("● 1 unsaved change")
		d.press("alt+9", "end", "r")
		d.wantView("Roll back to revision 1, replacing your 1 unsaved change? y/N")
		d.press("n")
		d.wantView("no rollback: your changes are kept", "● 1 unsaved change")
		d.notView("Review:")
		d.press("r", "y")
		d.wantView("Review: ", "changed: roll back to revision 1")
		d.press("esc", "u")
		d.wantView("undid: roll back to revision 1", "● 1 unsaved change")
		if got := d.m.draft.Current().General.CallbackURL; got != "https://mine.example/cb" {
			t.Fatalf("undo did not bring the changes back: callback %q", got)
		}
	})
}

// Rolling back to a revision with the settings being edited has nothing to review.
func TestHistoryRollbackToTheSameSettings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := fourRevisions()
		store.saveAsOther(func(s *model.Settings) { s.General.TokenLifetimeMinutes = 45 })
		store.saveAsOther(func(s *model.Settings) { s.General.TokenLifetimeMinutes = 60 }) // 6 equals 4
		d := newDriver(t, store, Options{})
		d.press("alt+9", "down", "down", "r")
		d.wantView("nothing to roll back: revision 4 has the settings you are editing")
		d.notView("Review:")
	})
}

// A store without revisions (a document file) leaves the pane saying so.
func TestHistoryWithoutRevisions(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, struct{ Store }{newMemStore(testPassword)}, Options{})
		d.press("alt+9")
		d.wantView("A document file has no history")
	})
}

// A pane's request for the review opens it only when there is something to save, and
// never under --readonly: the status line says why instead.
func TestOpenReviewWithNothingToSave(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		d.m.ctx.OpenReview()
		d.send(keyMsg("alt+9"))
		d.wantView("nothing to save: the draft equals revision 1")
		d.notView("Review:")

		ro := newDriver(t, fourRevisions(), Options{ReadOnly: true})
		ro.edit(model.Edit{Label: "x", Apply: func(s *model.Settings) { s.General.TokenLifetimeMinutes = 99 }})
		ro.m.ctx.OpenReview()
		ro.send(keyMsg("alt+1"))
		ro.wantView("read-only: started with --readonly, saving is off")
		ro.notView("Review:")
	})
}

// Someone saves between the rollback and its save: re-applied on their revision, the
// rollback still keeps every document, theirs too (disabled), and the save succeeds.
func TestHistoryRollbackReappliedAfterAConflict(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := fourRevisions()
		d := newDriver(t, store, Options{})
		d.press("alt+9", "down", "down", "r")
		d.wantView("Review: 4 changes against revision 4")
		store.saveAsOther(func(s *model.Settings) {
			s.Documents = append(s.Documents, model.Document{Code: "CARD", Name: "Card", Label: "Card", Enabled: true})
		})
		d.press("enter").typeText(testPassword).press("enter")
		d.wantView("Conflict: revision 5 was saved after you started from revision 4")
		d.press("a")
		d.wantView("Review: 5 changes against revision 5", "documents[2].enabled: on → off")
		d.press("enter").typeText(testPassword).press("enter")
		d.wantView("✓ saved revision 6")
		got := store.head()
		if len(got.Documents) != 3 || got.Documents[2].Code != "CARD" || got.Documents[2].Enabled {
			t.Fatalf("documents %+v: CARD, saved meanwhile, must stay, disabled", got.Documents)
		}
		if got.General.CallbackURL != "https://two.example/cb" {
			t.Errorf("callback %q: not revision 2's", got.General.CallbackURL)
		}
		if store.notes[6] != "rollback to revision 2" {
			t.Errorf("revision 6's note is %q", store.notes[6])
		}
	})
}
