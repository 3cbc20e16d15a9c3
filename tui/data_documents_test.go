package tui

import (
	"strings"
	"testing"
	"testing/synctest"

	"idvset/model"
)

// The Data and Documents panes through the editor: the draft, undo, the review and the
// save. The clock is 2026-03-01.

// setRetention types days into the Data pane's retention field.
func setRetention(d *driver, days string) {
	d.t.Helper()
	d.press("alt+6", "end", "up", "enter", "ctrl+u")
	d.typeText(days).press("enter")
	if d.m.capturing() {
		d.t.Fatalf("the field did not close:\n%s", d.view())
	}
}

// The review says which records a shorter retention deletes, and the save waits for d,
// for each direction of the change.
func TestReviewRetentionSentence(t *testing.T) {
	for _, c := range []struct {
		name     string
		saved    *int
		typed    string
		sentence string // "" when nothing is deleted
	}{
		{"shorter", intp(360), "90", "! records created between 2025-03-06 and 2025-11-30 will be deleted permanently."},
		{"longer", intp(90), "360", ""},
		{"forever to days", nil, "90", "! records created before 2025-12-01 will be deleted permanently."},
		{"days to forever", intp(360), "forever", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				store := newMemStore(testPassword)
				store.revs[0].DataSettings.Retention.PurgeAfterDays = c.saved
				d := newDriver(t, store, Options{})
				setRetention(d, c.typed)
				d.press("ctrl+s")
				d.wantView("Review: 1 change", "dataSettings.retention.purgeAfterDays")
				if c.sentence == "" {
					d.notView("deleted permanently", "I understand")
					d.press("enter")
					d.wantView("Portal password")
					return
				}
				d.wantView(c.sentence, "[ ] I understand (press d)")
				d.press("enter")
				d.notView("Portal password")
				d.press("d", "enter").typeText(testPassword).press("enter")
				d.wantView("✓ saved revision 2")
			})
		})
	}
}

func intp(n int) *int { return &n }

// The pane's warning and the review's sentence are the same words; undo takes the
// warning away.
func TestRetentionWarningAndUndo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		setRetention(d, "90")
		const sentence = "records created between 2025-03-06 and 2025-11-30 will be deleted permanently"
		d.wantView("! "+sentence, "changed: retention: 90 days")
		d.press("u")
		d.wantView("undid: retention: 90 days")
		d.notView(sentence)
	})
}

// A document added, translated and saved; then its code in another case is refused,
// naming the revision that saved it, and disabling it is one undo step.
func TestDocumentsThroughTheEditor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		d := newDriver(t, store, Options{})
		d.press("alt+7")
		d.wantView("no custom document types yet: press a to add one")
		d.press("a").typeText("UTILBILL").press("enter").typeText("Utility bill").press("enter", "enter")
		d.press("t", "a").typeText("german").press("enter").typeText("Nebenkostenabrechnung").press("enter", "esc")
		d.wantView("UTILBILL · added in this draft, not saved yet · translated into de (t)")
		saveWith(d, testPassword)
		d.wantView("✓ saved revision 2", "UTILBILL · since revision 2")
		if got := store.head().Documents; len(got) != 1 || got[0].Translations["de"] != "Nebenkostenabrechnung" {
			t.Fatalf("saved documents %+v", got)
		}

		d.press("a").typeText("utilbill")
		// Wrapped at 80 columns between "revision" and its number.
		d.wantView(`code "utilbill" is taken: "UTILBILL" (Utility bill) has used it since revision`, "  2; a code is never used twice")
		d.press("esc")

		// Undo is the editor's: one step for the disable.
		d.press("x")
		d.wantView("changed: disabled UTILBILL", "disabled")
		d.press("u")
		d.wantView("undid: disabled UTILBILL", "no unsaved changes")

		// d deletes nothing.
		d.press("d")
		d.wantView("! documents are never deleted, only disabled: x disables UTILBILL")
		if len(store.head().Documents) != 1 || d.m.changes != 0 {
			t.Fatal("d changed something")
		}
	})
}

// The store refuses a document without a code that an earlier revision used: the
// codes carry their revision from the store to the form.
func TestUsedCodesFromTheStore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		store.used = []model.UsedCode{{Code: "OLD", Revision: 7}}
		store.revs[0].Documents = []model.Document{{Code: "OLD", Name: "Old", Label: "Old"}}
		d := newDriver(t, store, Options{})
		d.press("alt+7", "a").typeText("Old")
		d.wantView("revision 7")
		if v := d.view(); !strings.Contains(v, `the disabled document "OLD" (Old) has used it since`) {
			t.Fatalf("the refusal does not name the disabled document:\n%s", v)
		}
	})
}
