package tui

import (
	"strings"
	"testing"
	"testing/synctest"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
)

// revisionLister is the kind of small interface a pane declares for the storage it needs
// (as History will): capability hands a store over only when it offers it.
type revisionLister interface {
	Revisions() ([]int, error)
}

// listingStore is a store that can also list revisions.
type listingStore struct{ *memStore }

func (s listingStore) Revisions() ([]int, error) { return []int{1}, nil }

func TestCapability(t *testing.T) {
	if got := capability[revisionLister](listingStore{newMemStore(testPassword)}); got == nil {
		t.Fatal("a store that lists revisions was not handed over")
	}
	// memStore, like a file-backed store, cannot: the pane gets nil and says so.
	if got := capability[revisionLister](newMemStore(testPassword)); got != nil {
		t.Fatalf("a store without revisions was handed over as %T", got)
	}
}

// probePane is a pane that starts slow work on a key and keeps what comes back, to see
// the root route a pane's results and its edits.
type probePane struct {
	common.Placeholder
	ctx   *common.Context
	got   []string // the results that reached this pane
	heads []int    // the HeadMsgs it saw
}

type probeResultMsg struct{ text string }

func (p *probePane) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case probeResultMsg:
		p.got = append(p.got, msg.text)
	case common.HeadMsg:
		p.heads = append(p.heads, msg.Rev)
	case tea.KeyPressMsg:
		if msg.String() != "L" {
			return p, nil
		}
		edit := model.Edit{Label: "error URL", Apply: func(s *model.Settings) { s.General.ErrorURL = "https://example.com/e" }}
		p.ctx.Edit(edit)
		return p, tea.Batch(
			// A slow load, a result in a sequence, a status line in a batch.
			func() tea.Msg { return probeResultMsg{"batched"} },
			tea.Sequence(func() tea.Msg { return probeResultMsg{"sequenced"} }, common.StatusCmd(common.StatusInfo, "loaded")),
		)
	}
	return p, nil
}

func (p *probePane) KeyMap() help.KeyMap { return common.Bindings(nil) }

// A pane's results come back to it alone, shown or not; edits and status lines in its
// commands reach the root; every pane hears of a new head revision.
func TestPaneResultsComeBackToTheirPane(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDriver(t, newMemStore(testPassword), Options{})
		probes := map[Section]*probePane{}
		for _, s := range []Section{SectionClient, SectionHistory} {
			p := &probePane{Placeholder: *common.NewPlaceholder(d.m.ctx, "Probe", "Probe", "probe"), ctx: d.m.ctx}
			probes[s] = p
			d.m.panes[s] = p
		}
		// The key starts the work on Client; the user is on General when it ends.
		var cmd tea.Cmd
		d.press("alt+3")
		_, cmd = d.m.Update(keyMsg("L"))
		d.press("alt+1")
		d.run(cmd)
		if got := strings.Join(probes[SectionClient].got, ","); got != "batched,sequenced" {
			t.Fatalf("Client got %q", got)
		}
		if got := probes[SectionHistory].got; len(got) != 0 {
			t.Fatalf("History got Client's results: %q", got)
		}
		d.wantView("https://example.com/e", "● 1 unsaved change")
		if d.m.status.Text != "loaded" {
			t.Fatalf("status %q", d.m.status.Text)
		}

		saveWith(d, testPassword)
		d.wantView("✓ saved revision 2")
		for s, p := range probes {
			if len(p.heads) == 0 || p.heads[len(p.heads)-1] != 2 {
				t.Fatalf("section %d heard of heads %v, want 2 last", s+1, p.heads)
			}
		}
	})
}
