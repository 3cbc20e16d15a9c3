package tui

import (
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
)

func TestFirstRunSetsThePassword(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore("")
		d := newDriver(t, store, Options{})
		d.wantView("Welcome to idvset", "This database has no portal password yet",
			"New portal password", "Repeat it", "at least 12 characters")
		d.notView("[1 General]", "rev ")

		d.typeText("quiet")
		if d.quit {
			t.Fatal("q in the password field quit")
		}
		d.wantView("strength: too short", "✗ password: at least 12 characters (5 so far)")
		d.notView("quiet") // masked
		d.press("enter")
		if !d.m.capturing() || d.m.setup == nil {
			t.Fatal("a too short password was accepted")
		}

		d.typeText(" river stone")
		d.wantView("✓ meets the password policy")
		d.press("enter")
		d.typeText("quiet river")
		d.wantView("repeat it…")
		d.typeText("X")
		d.wantView("✗ the two passwords differ")
		d.press("enter")
		if d.m.setup == nil {
			t.Fatal("mismatched passwords were accepted")
		}
		d.press("backspace").typeText(" stone")
		d.wantView("✓ the passwords match")
		d.press("enter")

		d.wantView("rev 1", "[1 General]", "› Callback URL")
		if store.password != "quiet river stone" {
			t.Fatalf("stored password %q", store.password)
		}
	})
}

func TestFirstRunReadOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(""), Options{ReadOnly: true})
		d.wantView("has no", "--readonly cannot set one", "q quit")
		d.press("q")
		if !d.quit {
			t.Fatal("q did not quit")
		}
	})
}

// Keys typed right after enter (a paste, a fast typist) go to the next field: the
// editor moves the focus at once instead of waiting for huh's commands to come back.
func TestFastTypingLandsInTheNextField(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore("")
		d := newDriver(t, store, Options{})
		var cmds []tea.Cmd
		burst := func(keys ...tea.KeyPressMsg) {
			for _, k := range keys {
				_, cmd := d.m.Update(k)
				cmds = append(cmds, cmd)
			}
		}
		typed := func(s string) []tea.KeyPressMsg {
			var out []tea.KeyPressMsg
			for _, r := range s {
				out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			return out
		}
		burst(typed("quiet river stone")...)
		burst(keyMsg("enter"))
		burst(typed("quiet river stone")...)
		burst(keyMsg("enter"))
		d.run(tea.Batch(cmds...))
		d.wantView("rev 1")
		if store.password != "quiet river stone" {
			t.Fatalf("stored password %q", store.password)
		}
	})
}
