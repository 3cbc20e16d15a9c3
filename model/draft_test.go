package model

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
)

func setCallback(url string) Edit {
	return Edit{Label: "callback " + url, Apply: func(s *Settings) { s.General.CallbackURL = url }}
}

func setLifetime(m int) Edit {
	return Edit{Label: fmt.Sprint("lifetime ", m), Apply: func(s *Settings) { s.General.TokenLifetimeMinutes = m }}
}

func TestDraftUndoRedo(t *testing.T) {
	d := NewDraft(Default())
	if d.Dirty() || d.CanUndo() || d.CanRedo() {
		t.Fatal("a new draft is clean, with nothing to undo or redo")
	}
	if !d.Do(setCallback("https://a.example/cb")) || !d.Do(setLifetime(60)) {
		t.Fatal("an edit that changes something is recorded")
	}
	if got := changeLines(d.Changes()); !slices.Equal(got, []string{
		`general.callbackUrl: (not set) → "https://a.example/cb"`, `general.tokenLifetimeMinutes: 30 → 60`,
	}) {
		t.Fatalf("changes: %q", got)
	}
	if label, ok := d.Undo(); !ok || label != "lifetime 60" {
		t.Fatalf("undo: %q %v", label, ok)
	}
	if d.Current().General.TokenLifetimeMinutes != 30 || d.Current().General.CallbackURL != "https://a.example/cb" {
		t.Fatal("undo did not revert exactly the last edit")
	}
	if label, ok := d.Undo(); !ok || label != "callback https://a.example/cb" {
		t.Fatalf("undo: %q %v", label, ok)
	}
	if d.Dirty() || len(d.Changes()) != 0 {
		t.Fatal("undoing everything makes the draft clean")
	}
	if _, ok := d.Undo(); ok {
		t.Fatal("nothing left to undo")
	}
	if label, ok := d.Redo(); !ok || label != "callback https://a.example/cb" {
		t.Fatalf("redo: %q %v", label, ok)
	}
	if label, ok := d.Redo(); !ok || label != "lifetime 60" || d.Current().General.TokenLifetimeMinutes != 60 {
		t.Fatalf("redo: %q %v", label, ok)
	}
	if _, ok := d.Redo(); ok {
		t.Fatal("nothing left to redo")
	}
}

func TestDraftNoOp(t *testing.T) {
	d := NewDraft(Default())
	if d.Do(setLifetime(DefaultTokenLifetimeMinutes)) {
		t.Fatal("setting the value it already has is no edit")
	}
	if d.Do(Edit{Label: "lower-case colour", Apply: func(s *Settings) { s.Branding.Locales["de"] = BrandScope{} }}) {
		t.Fatal("an empty scope is no edit")
	}
	if d.CanUndo() || d.Dirty() {
		t.Fatal("a no-op recorded something")
	}
	d.Do(setLifetime(60))
	d.Undo()
	if d.Do(setLifetime(DefaultTokenLifetimeMinutes)) || !d.CanRedo() {
		t.Fatal("a no-op after undo must keep the redo tail")
	}
}

func TestDraftNewEditDropsRedoTail(t *testing.T) {
	d := NewDraft(Default())
	d.Do(setLifetime(10))
	d.Do(setLifetime(20))
	d.Undo()
	d.Do(setLifetime(40))
	if d.CanRedo() {
		t.Fatal("the redo tail survived a new edit")
	}
	if label, _ := d.Undo(); label != "lifetime 40" {
		t.Fatalf("undo gave %q", label)
	}
	if label, _ := d.Undo(); label != "lifetime 10" {
		t.Fatalf("undo gave %q", label)
	}
}

// An edit works on a copy: earlier states (and the base) never change.
func TestDraftSnapshotsAreIndependent(t *testing.T) {
	base := Default()
	d := NewDraft(base)
	d.Do(Edit{Label: "add DEU", Apply: func(s *Settings) { s.AcceptedIDs.Countries["DEU"] = []IDType{Passport} }})
	d.Do(Edit{Label: "DEU ID card", Apply: func(s *Settings) {
		s.AcceptedIDs.Countries["DEU"] = append(s.AcceptedIDs.Countries["DEU"], IDCard)
	}})
	d.Do(Edit{Label: "document", Apply: func(s *Settings) { s.Documents = append(s.Documents, Document{Code: "A"}) }})
	if len(base.AcceptedIDs.Countries) != 0 || len(d.Base().AcceptedIDs.Countries) != 0 {
		t.Fatal("the base was modified")
	}
	d.Undo()
	d.Undo()
	if got := d.Current().AcceptedIDs.Countries["DEU"]; !slices.Equal(got, []IDType{Passport}) || len(d.Current().Documents) != 0 {
		t.Fatalf("an earlier state changed: %v", got)
	}
}

func TestDraftRebase(t *testing.T) {
	d := NewDraft(Default())
	d.Do(setCallback("https://a.example/cb"))
	d.Do(setLifetime(60))
	d.Do(Edit{Label: "two factor", Apply: func(s *Settings) { s.Security.TwoFactor = true }})
	d.Undo() // two factor stays redoable, not applied

	// Someone else saved: a new head with another change, and one of ours already made.
	head := Default()
	head.Client.SkipIntro = true
	head.General.TokenLifetimeMinutes = 60
	d.Rebase(head)

	cur := d.Current()
	if !cur.Client.SkipIntro || cur.General.CallbackURL != "https://a.example/cb" || cur.General.TokenLifetimeMinutes != 60 || cur.Security.TwoFactor {
		t.Fatalf("rebased settings wrong: %+v", cur)
	}
	if got := changeLines(d.Changes()); !slices.Equal(got, []string{`general.callbackUrl: (not set) → "https://a.example/cb"`}) {
		t.Fatalf("changes against the new head: %q", got)
	}
	// The lifetime edit is a no-op on the new head and was dropped; undo and redo work.
	if label, _ := d.Redo(); label != "two factor" || !d.Current().Security.TwoFactor {
		t.Fatalf("redo after rebase gave %q", label)
	}
	d.Undo()
	if label, _ := d.Undo(); label != "callback https://a.example/cb" {
		t.Fatalf("undo after rebase gave %q", label)
	}
	if d.Dirty() || d.CanUndo() {
		t.Fatal("undoing every rebased edit gives the new head")
	}
}

func TestDraftReset(t *testing.T) {
	d := NewDraft(Default())
	d.Do(setLifetime(60))
	d.Undo()
	head := Default()
	head.Security.TwoFactor = true
	d.Reset(head)
	if d.Dirty() || d.CanUndo() || d.CanRedo() || !d.Current().Security.TwoFactor || !d.Base().Security.TwoFactor {
		t.Fatal("reset keeps nothing but the new base")
	}
}

func TestDraftUndoDepth(t *testing.T) {
	d := NewDraft(Default())
	for i := range MaxUndo + 5 {
		d.Do(setLifetime(100 + i))
	}
	n := 0
	for d.CanUndo() {
		d.Undo()
		n++
	}
	if n != MaxUndo {
		t.Fatalf("undid %d edits, want %d", n, MaxUndo)
	}
	// The oldest edits stay applied, and a rebase replays all of them.
	if got := d.Current().General.TokenLifetimeMinutes; got != 104 {
		t.Fatalf("after undoing all it can, lifetime = %d, want 104", got)
	}
	for d.CanRedo() {
		d.Redo()
	}
	d.Rebase(Default())
	if got := d.Current().General.TokenLifetimeMinutes; got != 100+MaxUndo+4 {
		t.Fatalf("after rebase, lifetime = %d", got)
	}
}

// Snapshots share what an edit left alone, so a thousand of them stay small; the parts
// an edit changed are its own.
func TestDraftSnapshotsShareUnchangedParts(t *testing.T) {
	d := NewDraft(fullSettings(t))
	before := d.Current()
	d.Do(Edit{Label: "disable", Apply: func(s *Settings) { s.Documents[150].Enabled = false }})
	after := d.Current()
	same := func(a, b any) bool { return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer() }
	if !same(before.AcceptedIDs.Countries, after.AcceptedIDs.Countries) || !same(before.Branding.Locales, after.Branding.Locales) ||
		!same(before.Documents[3].Translations, after.Documents[3].Translations) {
		t.Error("unchanged parts were not shared")
	}
	if same(before.Documents, after.Documents) || !before.Documents[150].Enabled || after.Documents[150].Enabled {
		t.Error("the changed part is shared, or the edit leaked into the earlier state")
	}
	d.Do(Edit{Label: "empty list", Apply: func(s *Settings) { s.General.OwnedDomains = []string{} }})
	d.Do(Edit{Label: "DEU", Apply: func(s *Settings) { s.AcceptedIDs.Countries["DEU"] = append(s.AcceptedIDs.Countries["DEU"], Visa) }})
	if d.Current().General.OwnedDomains == nil {
		t.Error("an empty list became nil")
	}
	d.Undo()
	d.Undo()
	if !slices.Equal(d.Current().AcceptedIDs.Countries["DEU"], before.AcceptedIDs.Countries["DEU"]) {
		t.Error("an edit of a shared list leaked into an earlier state")
	}
}

// A note lasts as long as its edit is applied: undone, it goes; redone or replayed on a
// new base after a conflict, it is back.
func TestDraftNotes(t *testing.T) {
	d := NewDraft(Default())
	roll := Edit{Label: "roll back to revision 2", Note: "rollback to revision 2",
		Apply: func(s *Settings) { s.General.TokenLifetimeMinutes = 45 }}
	d.Do(roll)
	d.Do(setCallback("https://a.example/cb"))
	roll2 := roll
	roll2.Apply = func(s *Settings) { s.General.TokenLifetimeMinutes = 50 }
	d.Do(roll2) // the same note: said once
	if got := d.Notes(); !slices.Equal(got, []string{"rollback to revision 2"}) {
		t.Fatalf("notes %q", got)
	}
	d.Undo()
	d.Undo()
	if got := d.Notes(); !slices.Equal(got, []string{"rollback to revision 2"}) {
		t.Fatalf("after undoing the edits after it: notes %q", got)
	}
	d.Undo()
	if got := d.Notes(); len(got) != 0 {
		t.Fatalf("the rollback is undone, yet notes %q", got)
	}
	d.Redo()
	base := Default()
	base.Client.SkipIntro = true
	d.Rebase(base)
	if got := d.Notes(); !slices.Equal(got, []string{"rollback to revision 2"}) {
		t.Fatalf("after a rebase: notes %q", got)
	}
}
