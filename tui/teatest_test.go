package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"idvset/model"
)

// probeMsg asks the running program for its current screen. It lets a test wait for a
// state without reading the renderer's output, which carries only what changed.
type probeMsg struct{ reply chan string }

// probed is the editor with an answer to probeMsg; nothing else changes.
type probed struct{ *Model }

func (p probed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if pr, ok := msg.(probeMsg); ok {
		pr.reply <- ansi.Strip(p.Model.View().Content)
		return p, nil
	}
	_, cmd := p.Model.Update(msg)
	return p, cmd
}

// program runs the editor in a real Bubble Tea program at 80x24, without colour.
type program struct {
	t  *testing.T
	tm *teatest.TestModel
}

func startProgram(t *testing.T, store Store) *program {
	t.Helper()
	m, err := New(store, Options{Theme: "mono", Home: "/home/admin",
		Now: func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, probed{m},
		teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	return &program{t: t, tm: tm}
}

// waitFor polls the program's screen until it shows every string.
func (p *program) waitFor(want ...string) {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	screen := ""
	for time.Now().Before(deadline) {
		reply := make(chan string, 1)
		p.tm.Send(probeMsg{reply: reply})
		select {
		case screen = <-reply:
		case <-time.After(time.Second):
			continue
		}
		if containsAll(screen, want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	p.t.Fatalf("the screen never showed %q:\n%s", want, screen)
}

func containsAll(s string, want []string) bool {
	for _, w := range want {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

func (p *program) keys(names ...string) *program {
	for _, n := range names {
		p.tm.Send(keyMsg(n))
	}
	return p
}

func (p *program) typeText(s string) *program {
	p.tm.Type(s)
	return p
}

// finalScreen quits and returns the final model's screen, as the golden files hold it.
func (p *program) finalScreen() string {
	p.t.Helper()
	if err := p.tm.Quit(); err != nil {
		p.t.Fatal(err)
	}
	final := p.tm.FinalModel(p.t, teatest.WithFinalTimeout(10*time.Second)).(probed)
	return ansi.Strip(final.View().Content)
}

// TestScreens runs the program through the main screens and compares each final screen
// with testdata/TestScreens/<case>.golden (go test -run TestScreens -update rewrites them).
func TestScreens(t *testing.T) {
	withURLs := func() *memStore {
		s := newMemStore(testPassword)
		s.saveAsOther(func(s *model.Settings) {
			s.General.SuccessURL = "https://shop.example.com/verified?flow=onboarding"
			s.General.OwnedDomains = []string{"shop.example.com"}
		})
		return s
	}
	cases := []struct {
		name  string
		store func() *memStore
		drive func(p *program)
	}{
		{"general", func() *memStore { return newMemStore(testPassword) }, func(p *program) {
			p.waitFor("rev 1", "› Callback URL")
		}},
		{"editing", func() *memStore { return newMemStore(testPassword) }, func(p *program) {
			p.waitFor("rev 1")
			p.keys("enter").typeText("https://example.com:8443/cb")
			p.waitFor("port not allowed", "27 of 255")
		}},
		{"invalid-kept", func() *memStore { return newMemStore(testPassword) }, func(p *program) {
			p.waitFor("rev 1")
			p.keys("enter").typeText("https://example.com:8443/cb").keys("enter")
			p.waitFor("● 1 unsaved change", "port not allowed")
		}},
		{"review", withURLs, func(p *program) {
			p.waitFor("rev 2")
			p.keys("enter").typeText("https://hooks.example.com/cb").keys("enter")
			p.waitFor("● 1 unsaved change")
			p.keys("ctrl+s")
			p.waitFor("Review: 1 change")
		}},
		{"password", withURLs, func(p *program) {
			p.waitFor("rev 2")
			p.keys("enter").typeText("https://shop.example.com/cb").keys("enter")
			p.waitFor("● 1 unsaved change")
			p.keys("ctrl+s", "enter").typeText("not it").keys("enter")
			p.waitFor("wrong password")
		}},
		{"redirect", withURLs, func(p *program) {
			p.waitFor("rev 2")
			p.keys("alt+2")
			p.waitFor("transactionStatus=SUCCESS")
		}},
		{"help", func() *memStore { return newMemStore(testPassword) }, func(p *program) {
			p.waitFor("rev 1")
			p.keys("?")
			p.waitFor("Everywhere")
		}},
		{"first-run", func() *memStore { return newMemStore("") }, func(p *program) {
			p.waitFor("Welcome to idvset")
			p.typeText("quiet river")
			p.waitFor("strength: too short")
		}},
		{"quit-prompt", func() *memStore { return newMemStore(testPassword) }, func(p *program) {
			p.waitFor("rev 1")
			p.keys("enter").typeText("https://example.com/cb").keys("enter")
			p.waitFor("● 1 unsaved change")
			p.keys("q")
			p.waitFor("Discard 1 unsaved change and quit? y/N")
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := startProgram(t, c.store())
			c.drive(p)
			golden.RequireEqual(t, p.finalScreen())
		})
	}
}
