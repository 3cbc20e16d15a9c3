package tui

import (
	"strings"
	"testing"
	"testing/synctest"

	"idvset/model"
)

// Control characters in a stored value, in an edit and in the database's path are shown
// escaped on every screen: they can neither drive the terminal nor forge a line.
func TestUserStringsAreEscaped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		store.path = "/tmp/evil\x1b[2J\nforged.db"
		store.saveAsOther(func(s *model.Settings) { s.General.CallbackURL = "https://x.example/\x1b[2J\nforged" })
		d := newDriver(t, store, Options{})
		noRawControls := func(where string) {
			t.Helper()
			raw := d.m.View().Content
			for _, bad := range []string{"\x1b[2J", "\x1b]", "\a"} {
				if strings.Contains(raw, bad) {
					t.Fatalf("%s passes %q to the terminal:\n%q", where, bad, raw)
				}
			}
			for _, l := range strings.Split(d.view(), "\n") {
				if strings.HasPrefix(strings.TrimSpace(l), "forged") {
					t.Fatalf("%s: a value forged a line:\n%s", where, d.view())
				}
			}
		}
		// The General pane and the header.
		d.wantView(`"https://x.example/\x1b[2J\nforged"`, `"/tmp/evil\x1b[2J\nforged.db"`)
		noRawControls("the General pane")

		// The review: a change to a value with control characters, both sides escaped.
		d.edit(model.Edit{Label: "success URL", Apply: func(s *model.Settings) {
			s.General.SuccessURL = "https://x.example/\x1b]0;title\a\nforged"
		}})
		d.press("ctrl+s")
		d.wantView("Review: 1 change", `general.successUrl: (not set) →`, `"https://x.example/\x1b]0;title\a\nforged"`)
		noRawControls("the review")
	})
}
