package serve

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"idvset/tui"
	"idvset/tui/panetest"
)

// newTestSession is a session model on the in-memory database at 80x24, started.
func newTestSession(t *testing.T, idle time.Duration) *sessionModel {
	t.Helper()
	editor, err := tui.New(&store{db: newMemDB(), author: "alice"}, tui.Options{Theme: "mono"})
	if err != nil {
		t.Fatal(err)
	}
	m := newSessionModel(editor, idle, time.Now)
	update := func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd }
	panetest.Run(t, update(tea.WindowSizeMsg{Width: 80, Height: 24}), update)
	// Init without its timer, which the test fires itself (panetest.Run would wait for it).
	m.last = time.Now()
	panetest.Run(t, m.editor.Init(), update)
	return m
}

func view(m *sessionModel) string { return ansi.Strip(m.View().Content) }

// quits reports whether cmd leads to tea.Quit.
func quits(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			if quits(c) {
				return true
			}
		}
	}
	return false
}

// The idle timer fires at the warning and then at the timeout, each measured from the
// last key; a key in between starts the count again. (Fake time: synctest.)
func TestSessionIdle(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newTestSession(t, 30*time.Minute)
		start := time.Now()
		if _, ok := m.tick()().(idleCheckMsg); !ok || time.Since(start) != 29*time.Minute {
			t.Fatalf("the first check came after %v, want 29m (the warning)", time.Since(start))
		}
		if quits(m.checkIdle()) {
			t.Fatal("closed at the warning")
		}
		if v := view(m); !strings.Contains(v, "no key for 29 minutes: this session closes in 1 minute unless you press one") {
			t.Fatalf("no warning:\n%s", v)
		}
		time.Sleep(30 * time.Second)
		m.Update(panetest.Key("down")) // the admin is back
		if v := view(m); strings.Contains(v, "this session closes") {
			t.Fatalf("the warning stays after a key:\n%s", v)
		}
		// The check already scheduled (at 30 minutes from the start) finds a recent key,
		// and schedules the next at the warning, 29 minutes after the key. (quits runs the
		// commands it is given: the timer's too.)
		time.Sleep(30 * time.Second)
		start = time.Now()
		if quits(m.checkIdle()) {
			t.Fatal("closed a minute after a key")
		}
		if waited := time.Since(start); waited != 28*time.Minute+30*time.Second {
			t.Fatalf("the next check came after %v, want 28m30s (29m after the key)", waited)
		}
		if quits(m.checkIdle()) { // the warning, then the timer to the timeout
			t.Fatal("closed at the warning")
		}
		if !quits(m.checkIdle()) {
			t.Fatalf("not closed 30 minutes after the last key (%v)", time.Since(start))
		}
		if f := m.farewell(); f != "idvset: closed after 30 minutes without a key press." {
			t.Fatalf("farewell %q", f)
		}
	})
}

// No idle timeout: no timer at all.
func TestSessionNoIdleTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newTestSession(t, 0)
		if m.tick() != nil || m.checkIdle() != nil {
			t.Fatal("a timer without a timeout")
		}
	})
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Minute: "30 minutes", time.Minute: "1 minute", 2 * time.Hour: "2 hours",
		90 * time.Second: "1m30s", 2 * time.Second: "2s", 1500 * time.Millisecond: "1.5s",
	} {
		if got := duration(d); got != want {
			t.Errorf("duration(%v) = %q, want %q", d, got, want)
		}
	}
}
