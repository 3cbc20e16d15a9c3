package tui

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
)

// saveWith goes from the editor through the review to the password prompt and submits pw.
func saveWith(d *driver, pw string) {
	d.t.Helper()
	d.press("ctrl+s")
	d.wantView("Review: ")
	d.press("enter")
	d.wantView("Portal password")
	d.typeText(pw).press("enter")
}

func TestSaveSucceeds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		d := newDriver(t, store, Options{})
		setCallback(d, "https://example.com/cb")

		d.press("ctrl+s")
		d.wantView("Review: 1 change against revision 1", "1 change:",
			`general.callbackUrl: (not set) → "https://example.com/cb"`,
			"enter type the password", "esc back to editing")
		d.press("enter")
		d.wantView("Save 1 change as revision 2", "Portal password", "esc back to the review")
		d.typeText(testPassword)
		d.notView(testPassword) // masked
		d.press("enter")

		d.wantView("✓ saved revision 2", "rev 2", "no unsaved changes")
		if got := store.head().General.CallbackURL; got != "https://example.com/cb" {
			t.Fatalf("stored callback URL %q", got)
		}
		if d.m.draft.Dirty() || d.m.ctx.Head != 2 {
			t.Fatalf("draft not reset to revision 2: dirty=%v head=%d", d.m.draft.Dirty(), d.m.ctx.Head)
		}
	})
}

func TestSaveWrongPasswordKeepsThePrompt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		d := newDriver(t, store, Options{})
		setCallback(d, "https://example.com/cb")

		saveWith(d, "not the password")
		d.wantView("✗ wrong password: nothing was saved; try again", "Portal password", "● 1 unsaved change")
		if !d.m.capturing() {
			t.Fatal("the prompt closed after a wrong password")
		}
		// The field is fresh and empty: typing the right password alone saves.
		d.typeText(testPassword).press("enter")
		d.wantView("✓ saved revision 2")
	})
}

func TestSaveLockedKeepsTheDraft(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		d := newDriver(t, store, Options{})
		setCallback(d, "https://example.com/cb")

		saveWith(d, "wrong 1")
		for i := 2; i <= 5; i++ {
			d.typeText("wrong").press("enter")
		}
		d.typeText(testPassword).press("enter")
		d.wantView("✗ locked after 5 failed attempts: try again in ", "; your changes are kept")
		d.press("esc", "esc")
		d.wantView("● 1 unsaved change", "https://example.com/cb")
		if store.calls != 6 || len(store.revs) != 1 {
			t.Fatalf("store: %d calls, %d revisions", store.calls, len(store.revs))
		}
	})
}

// saveConflict is an editor whose save of one change (the callback URL) met revision 2,
// saved meanwhile by another editor (the success URL).
func saveConflict(t *testing.T) (*memStore, *driver) {
	t.Helper()
	store := newMemStore(testPassword)
	d := newDriver(t, store, Options{})
	setCallback(d, "https://example.com/cb")
	store.saveAsOther(func(s *model.Settings) { s.General.SuccessURL = "https://example.com/theirs" })
	saveWith(d, testPassword)
	return store, d
}

func TestSaveConflictReload(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, d := saveConflict(t)
		d.wantView("Conflict: revision 2 was saved after you started from revision 1.",
			"Nothing was written; your changes are kept.",
			"r  reload revision 2 and discard your 1 change",
			"a  re-apply your 1 change on top of revision 2")

		d.press("r")
		d.wantView("Discard your 1 change and load revision 2? y/N", "y discard and reload")
		d.press("n")
		d.notView("Discard your")
		d.wantView("Conflict:")

		d.press("r", "y")
		d.wantView("reloaded revision 2; your changes were discarded", "rev 2", "no unsaved changes")
		d.notView("Conflict")
		if cur := d.m.draft.Current().General; cur.CallbackURL != "" || cur.SuccessURL != "https://example.com/theirs" {
			t.Fatalf("after reload: %+v", cur)
		}
	})
}

func TestSaveConflictReapply(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store, d := saveConflict(t)
		d.press("a")
		d.wantView("re-applied 1 change on top of revision 2: review them again",
			"Review: 1 change against revision 2", "general.callbackUrl")
		d.press("enter").typeText(testPassword).press("enter")
		d.wantView("✓ saved revision 3", "no unsaved changes")
		head := store.head().General
		if head.CallbackURL != "https://example.com/cb" || head.SuccessURL != "https://example.com/theirs" {
			t.Fatalf("revision 3 lost a change: %+v", head)
		}
		if store.saved[len(store.saved)-1] != 2 {
			t.Fatalf("saved on top of revision %d, want 2", store.saved[len(store.saved)-1])
		}
	})
}

func TestSaveConflictBackKeepsChanges(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, d := saveConflict(t)
		d.press("esc")
		d.wantView("! not saved: revision 2 is newer than yours; your changes are kept", "● 1 unsaved change")
	})
}

func TestSaveBlockedByErrors(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		d := newDriver(t, store, Options{})
		setCallback(d, "https://example.com:8443/cb")

		d.press("ctrl+s")
		d.wantView("✗ 1 problem must be fixed before saving:", "general.callbackUrl: port not allowed")
		d.notView("type the password")
		d.press("enter")
		d.notView("Portal password")
		if store.calls != 0 {
			t.Fatal("a refused document reached the store")
		}
	})
}

func TestSaveRefusedByTheStore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		store.refuse = model.Violations{{Path: "documents[0].code", Message: `code "UTIL" was used before and cannot be reused`}}
		d := newDriver(t, store, Options{})
		setCallback(d, "https://example.com/cb")
		saveWith(d, testPassword)
		d.wantView("✗ the store refused the document; nothing was saved:",
			`code "UTIL" was used before and cannot be reused`)
		d.press("esc")
		d.wantView("● 1 unsaved change")
	})
}

func TestSaveNeedsTwoFactorCode(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		store.otp = "123456"
		d := newDriver(t, store, Options{})
		setCallback(d, "https://example.com/cb")
		saveWith(d, testPassword)
		d.wantView("two-factor authentication is on: enter the code from your app as well",
			"Portal password", "Two-factor code")
		d.typeText(testPassword).press("enter").typeText("654321").press("enter")
		d.wantView("wrong or already used two-factor code: nothing was saved; try again")
		d.typeText(testPassword).press("enter").typeText("123456").press("enter")
		d.wantView("✓ saved revision 2")
	})
}

func TestSaveRetentionNeedsConfirmation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		d := newDriver(t, store, Options{})
		days := 30
		d.edit(model.Edit{Label: "retention", Apply: func(s *model.Settings) {
			s.DataSettings.Retention.PurgeAfterDays = &days
		}})

		d.press("ctrl+s")
		d.wantView("will be deleted permanently", "[ ] I understand (press d)", "d confirm the deletion")
		d.notView("type the password")
		d.press("enter")
		d.notView("Portal password")

		d.press("d")
		d.wantView("[x] I understand", "enter type the password")
		d.press("enter").typeText(testPassword).press("enter")
		d.wantView("✓ saved revision 2")
	})
}

func TestSaveEscReturnsToEditing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		setCallback(d, "https://example.com/cb")
		d.press("ctrl+s", "enter")
		d.typeText("half typ")
		d.press("esc")
		d.wantView("Review: 1 change")
		d.press("esc")
		d.notView("Review")
		d.wantView("● 1 unsaved change")
		// Opening again starts with an empty prompt.
		d.press("ctrl+s", "enter")
		if strings.Contains(d.view(), "••••") {
			t.Fatal("the password prompt kept what was typed before")
		}
	})
}

// A store that takes its time (argon2 on a loaded machine) is waited for: the spinner
// shows meanwhile, and the result arrives whatever the delay. The driver runs commands
// to completion and knows the spinner's ticks by their type, not by how long they take.
func TestSaveWithASlowStore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		store.delay = 3 * time.Second
		d := newDriver(t, store, Options{})
		setCallback(d, "https://example.com/cb")
		d.press("ctrl+s", "enter").typeText(testPassword)

		// Enter starts the save: the dialog shows the spinner until the store answers.
		_, cmd := d.m.Update(keyMsg("enter"))
		d.wantView("checking the password and saving…")
		start := time.Now()
		d.run(cmd)
		if waited := time.Since(start); waited < store.delay {
			t.Fatalf("the save came back after %v, before the store answered", waited)
		}
		d.wantView("✓ saved revision 2", "no unsaved changes")
		if got := store.head().General.CallbackURL; got != "https://example.com/cb" {
			t.Fatalf("stored callback URL %q", got)
		}
	})
}

// Keys read in one burst (a paste, a script, a fast typist): "enter" keeps the field and
// "ctrl+s" right behind it reviews a draft that already holds the edit, although the
// commands of the first key have not come back yet.
func TestEnterThenSaveInOneRead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		d.press("alt+1", "home", "enter")
		d.typeText("https://example.com/burst")
		_, first := d.m.Update(keyMsg("enter"))
		_, second := d.m.Update(keyMsg("ctrl+s"))
		d.run(tea.Batch(first, second))
		d.wantView("Review: ", "https://example.com/burst")
	})
}
