package tui

import (
	"errors"
	"image/color"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
)

func TestStartScreen(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{Home: "/home/admin"})
		d.wantView(
			"idvset  ~/.local/share/idvset/settings.db", "rev 1", "no unsaved changes",
			"[1 General]", "2 Redirect",
			"› Callback URL",
			"↑↓ move • enter edit • tab section • ? keys • q quit",
		)
		// Nothing to save and nothing to undo: the footer does not offer them.
		d.notView("ctrl+s", "undo", "READ-ONLY", "/ filter", "space mark")
	})
}

// The store is read in New: the first frame, drawn before any command has run, is the
// head revision in the editor, with no loading screen in between.
func TestFirstViewAfterNewShowsTheHead(t *testing.T) {
	store := newMemStore(testPassword)
	store.saveAsOther(func(s *model.Settings) { s.General.CallbackURL = "https://hooks.example.com/first-frame" })
	m, err := New(store, Options{Theme: "mono"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	d := &driver{t: t, m: m}
	d.wantView("rev 2", "no unsaved changes", "[1 General]", "https://hooks.example.com/first-frame")
	d.notView("opening")
}

func TestTabsMoveAndWrap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		steps := []struct {
			key  string
			want Section
		}{
			{"tab", SectionRedirect},
			{"tab", SectionClient},
			{"shift+tab", SectionRedirect},
			{"shift+tab", SectionGeneral},
			{"shift+tab", SectionHistory}, // wraps backwards
			{"tab", SectionGeneral},       // and forwards
			{"alt+5", SectionAcceptedIDs},
			{"alt+9", SectionHistory},
			{"alt+1", SectionGeneral},
		}
		for _, s := range steps {
			d.press(s.key)
			if got := d.m.tabs.Active(); got != s.want {
				t.Fatalf("after %s: section %d, want %d", s.key, got+1, s.want+1)
			}
		}
	})
}

func TestPlaceholdersAreHonest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		d.press("alt+3")
		d.wantView("› Capture method", "English (US), the vendor default") // built: issue 8
	})
}

// q, ? and u typed in a field are text, not commands.
func TestPrintableKeysGoToTheField(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		d.press("enter").typeText("q?uU")
		if d.quit {
			t.Fatal("q in a field quit the editor")
		}
		d.wantView("› q?uU")
		d.notView("Everywhere", "undid")
		// While typing, the footer offers the field's keys, not q.
		d.wantView("enter keep", "esc cancel", "ctrl+c quit")
		d.notView("q quit")

		d.press("esc")
		d.notView("q?uU")
		if d.m.changes != 0 {
			t.Fatalf("esc kept the value: %d changes", d.m.changes)
		}
		d.press("q")
		if !d.quit {
			t.Fatal("q while browsing, with nothing to lose, did not quit")
		}
	})
}

func TestUndoRedo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		setCallback(d, "https://example.com/cb")
		d.wantView("● 1 unsaved change", "changed: callback URL", "https://example.com/cb")

		d.press("u")
		d.wantView("undid: callback URL", "no unsaved changes")
		d.notView("https://example.com/cb")

		d.press("U")
		d.wantView("redid: callback URL", "● 1 unsaved change", "https://example.com/cb")

		d.press("ctrl+z")
		d.wantView("undid: callback URL", "no unsaved changes")
		d.press("ctrl+y")
		d.wantView("redid: callback URL", "● 1 unsaved change")

		// With nothing left to redo, U does nothing, and the footer does not offer it.
		d.press("U")
		d.notView("redid", "redo")
	})
}

func TestUndoWhileTyping(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		setCallback(d, "https://example.com/cb")
		d.press("down", "enter").typeText("u")
		d.press("ctrl+z")
		d.wantView("undid: callback URL", "no unsaved changes")
		if !d.m.capturing() {
			t.Fatal("ctrl+z closed the open field")
		}
	})
}

func TestQuitAsksWithUnsavedChanges(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		setCallback(d, "https://example.com/cb")

		d.press("q")
		d.wantView("Discard 1 unsaved change and quit? y/N", "y discard and quit", "n/esc keep editing")
		d.press("n")
		if d.quit {
			t.Fatal("n quit")
		}
		d.notView("Discard")

		// ctrl+c asks as well, even from inside a field.
		d.press("enter", "ctrl+c")
		d.wantView("Discard 1 unsaved change and quit? y/N")
		d.press("esc")
		d.press("esc", "q", "y")
		if !d.quit {
			t.Fatal("y did not quit")
		}
	})
}

func TestReadOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		store.saveAsOther(func(s *model.Settings) { s.General.CallbackURL = "https://example.com/cb" })
		d := newDriver(t, store, Options{ReadOnly: true})
		d.wantView("READ-ONLY", "rev 2", "https://example.com/cb", "read-only: started with --readonly")
		d.notView("enter edit")
		d.press("enter")
		if d.m.capturing() {
			t.Fatal("enter opened a field in --readonly")
		}
		d.press("ctrl+s")
		d.wantView("! read-only: started with --readonly, saving is off")
		d.notView("Review")
	})
}

func TestNothingToSave(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		d.press("ctrl+s")
		d.wantView("nothing to save: nothing changed yet")
		d.notView("Review")
	})
}

// setCallback edits the callback URL (the first field) as a user would: select it, enter,
// clear what is there, type, enter.
func setCallback(d *driver, url string) {
	d.t.Helper()
	d.press("alt+1", "home", "enter")
	d.erase(len(d.m.ctx.Draft.Current().General.CallbackURL))
	d.typeText(url).press("enter")
	if d.m.capturing() {
		d.t.Fatalf("the field did not close:\n%s", d.view())
	}
}

// Auto starts dark without waiting for the terminal, and turns light when the terminal
// says its background is light. NO_COLOR wins over both.
func TestThemeFollowsTheBackground(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		white := tea.BackgroundColorMsg{Color: color.White}
		black := tea.BackgroundColorMsg{Color: color.Black}

		d := newDriver(t, newMemStore(testPassword), Options{Theme: "auto"})
		if got := d.m.ctx.Styles.Palette.Name; got != "dark" {
			t.Fatalf("auto starts %s", got)
		}
		d.send(white)
		if got := d.m.ctx.Styles.Palette.Name; got != "light" {
			t.Fatalf("auto on a white background: %s", got)
		}
		d.send(black)
		if got := d.m.ctx.Styles.Palette.Name; got != "dark" {
			t.Fatalf("auto on a black background: %s", got)
		}

		d = newDriver(t, newMemStore(testPassword), Options{Theme: "auto", NoColor: "yes"})
		d.send(white)
		if got := d.m.ctx.Styles.Palette.Name; got != "mono" {
			t.Fatalf("NO_COLOR=yes on a white background: %s", got)
		}
		d = newDriver(t, newMemStore(testPassword), Options{Theme: "dark"})
		d.send(white)
		if got := d.m.ctx.Styles.Palette.Name; got != "dark" {
			t.Fatalf("--theme dark on a white background: %s", got)
		}
		if _, err := New(newMemStore(testPassword), Options{Theme: "neon"}); err == nil {
			t.Fatal("an unknown theme was accepted")
		}
	})
}

// alt+N works from inside a field; the field stays open, with what was typed, for when
// the user comes back.
func TestJumpFromAField(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		d.press("enter").typeText("https://example.com/half")
		d.press("alt+2")
		if d.m.tabs.Active() != SectionRedirect || d.m.capturing() {
			t.Fatalf("alt+2 from a field: section %d, capturing %v", d.m.tabs.Active()+1, d.m.capturing())
		}
		d.press("alt+1")
		d.wantView("› https://example.com/half", "enter keep")
		d.press("enter")
		d.wantView("changed: callback URL")
	})
}

// slowHead is a store whose head takes until release is closed to read.
type slowHead struct {
	*memStore
	release chan struct{}
}

func (s slowHead) Head() (int, model.Settings, error) {
	<-s.release
	return s.memStore.Head()
}

// RunOpening opens and reads the store while the terminal is set up: until the head is
// read nothing is drawn (no loading screen to be replaced a moment later), what arrived
// meanwhile (the size, a key typed ahead) reaches the editor in order, and then the
// editor is drawn.
func TestRunDrawsNothingUntilTheHeadIsRead(t *testing.T) {
	store := slowHead{newMemStore(testPassword), make(chan struct{})}
	done := make(chan error, 1)
	b := startBoot(store.Path(), func() (Store, error) { return store, nil }, Options{Theme: "mono"}, done)
	init := b.Init()
	b.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	b.Update(keyMsg("alt+5"))
	if v := b.View().Content; v != "" {
		t.Fatalf("drawn before the head was read:\n%s", v)
	}
	close(store.release)
	next, cmd := b.Update(init())
	m, ok := next.(*Model)
	if !ok {
		t.Fatalf("the editor did not take over: %T", next)
	}
	d := &driver{t: t, m: m}
	d.run(cmd)
	d.wantView("rev 1", "no unsaved changes", "[5 Accepted IDs]", "per region")
	if err := <-done; err != nil {
		t.Fatalf("open reported %v", err)
	}
}

// A store that cannot be opened is shown as one that cannot be read, naming why, and
// only quitting is left; RunOpening's caller hears the reason too.
func TestRunShowsWhyTheStoreDidNotOpen(t *testing.T) {
	why := errors.New("/srv/x.db: not an idvset database (not SQLite)")
	done := make(chan error, 1)
	b := startBoot("/srv/x.db", func() (Store, error) { return nil, why }, Options{Theme: "mono"}, done)
	next, cmd := b.Update(b.Init()())
	d := &driver{t: t, m: next.(*Model)}
	d.run(cmd)
	d.send(tea.WindowSizeMsg{Width: 100, Height: 24})
	d.wantView("cannot open the database", "not an idvset database (not SQLite)", "press q to quit")
	if err := <-done; !errors.Is(err, why) {
		t.Fatalf("open reported %v, want %v", err, why)
	}
	d.press("q")
	if !d.quit {
		t.Fatal("q did not quit")
	}
}

// While the store opens (another process may hold it), ctrl+c leaves at once; other
// keys wait for the editor, at most maxEarly of them.
func TestBootQuitsOnCtrlC(t *testing.T) {
	b := &boot{ready: make(chan tea.Msg, 1)}
	for range 2 * maxEarly {
		b.Update(keyMsg("x"))
	}
	if len(b.early) != maxEarly {
		t.Fatalf("kept %d keys typed ahead, want at most %d", len(b.early), maxEarly)
	}
	_, cmd := b.Update(keyMsg("ctrl+c"))
	if cmd == nil {
		t.Fatal("ctrl+c did not quit while the store was opening")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("ctrl+c did not quit while the store was opening")
	}
}

// A bulk action's sentence is drawn with the key itself, in one Update and one View: a
// status line sent as a message would come a frame later over a slow link.
func TestBulkSentenceInTheSameFrame(t *testing.T) {
	d := newDriver(t, newMemStore(testPassword), Options{Theme: "mono"})
	d.edit(model.Edit{Label: "per country", Apply: func(s *model.Settings) {
		s.AcceptedIDs.CopyRegionsToCountries(model.DefaultCatalog())
	}})
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.press("alt+5", "*", "n")
	d.wantSaid(keyMsg("n"), common.StatusMsg{Kind: common.StatusInfo, Text: "nothing to change: no ID type from 250 countries already"})
}
