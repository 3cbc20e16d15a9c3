package tui

import (
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
)

func TestHelpToggles(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		d.press("?")
		d.wantView("Keys", "General", "Everywhere", "alt+1…9    go to section", "shift+tab  previous section",
			"pgup  page up", "?/esc close")
		d.press("?")
		d.notView("Everywhere")
		d.wantView("› Callback URL")

		d.press("?", "esc")
		d.notView("Everywhere")

		// alt+N works from the help too.
		d.press("?", "alt+2")
		d.notView("Everywhere")
		if d.m.tabs.Active() != SectionRedirect {
			t.Fatalf("alt+2 from the help: section %d", d.m.tabs.Active()+1)
		}
	})
}

// On a clean draft the full help lists ctrl+s, undo and redo with why they do nothing
// yet, so a new user learns that ctrl+s saves before making a change; the footer keeps
// only what works.
func TestHelpTeachesKeysThatDoNothingYet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		d.notView("ctrl+s", "undo")
		d.press("?")
		d.wantView(
			"ctrl+s    review and save: nothing changed yet",
			"ctrl+z/u  undo: nothing to undo",
			"ctrl+y/U  redo: nothing to redo",
		)
		// Dim: in the styled screen the reasons are faint (mono has no colour).
		if styled := d.m.View().Content; !containsFaint(styled, "review and save: nothing changed yet") {
			t.Fatalf("the disabled ctrl+s is not dim:\n%q", styled)
		}
		d.notView("ctrl+s save") // the footer still does not offer it
		d.press("esc")

		setCallback(d, "https://example.com/cb")
		d.wantView("u undo • ctrl+s save")
		d.press("?")
		d.wantView("ctrl+s    review and save", "ctrl+z/u  undo", "redo: nothing to redo")
		d.notView("nothing changed yet", "nothing to undo")
	})
}

// Under --readonly the reason is the flag, not the draft.
func TestHelpReadOnlyReasons(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{ReadOnly: true})
		d.press("?")
		d.wantView("ctrl+s    review and save: read-only", "ctrl+z/u  undo: read-only",
			"enter  edit: read-only")
	})
}

// The Redirect pane explains its own keys: nothing to scroll while the preview fits.
func TestHelpListsThePanesReasons(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		d.press("alt+2", "?")
		d.wantView("Redirect", "↑↓ pgup pgdn home end  scroll: the whole preview is in sight")
	})
}

// In the least room the help scrolls, and says so.
func TestHelpScrolls(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		d.send(tea.WindowSizeMsg{Width: minWidth, Height: minHeight})
		d.press("?")
		d.wantView("↓ more below", "↑↓ scroll")
		d.press("end")
		d.wantView("↑ more above", "ctrl+s    review and save: nothing changed yet")
	})
}

// containsFaint reports whether text is drawn faint (SGR 2) on its line of styled.
func containsFaint(styled, text string) bool {
	for _, l := range strings.Split(styled, "\n") {
		if i := strings.Index(l, text); i >= 0 {
			return strings.Contains(l[:i], "\x1b[2m")
		}
	}
	return false
}
