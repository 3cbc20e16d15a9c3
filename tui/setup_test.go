package tui

import (
	"testing"
)

func TestFirstRunSetsThePassword(t *testing.T) {
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
}

func TestFirstRunReadOnly(t *testing.T) {
	d := newDriver(t, newMemStore(""), Options{ReadOnly: true})
	d.wantView("has no", "--readonly cannot set one", "q quit")
	d.press("q")
	if !d.quit {
		t.Fatal("q did not quit")
	}
}
