package history

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

func pasted(s string) tea.PasteMsg { return tea.PasteMsg{Content: s} }

// memStore is an in-memory history: revisions[i] is revision i+1.
type memStore struct {
	mu      sync.Mutex
	revs    []model.Settings
	infos   []model.RevisionInfo
	listed  int   // History calls
	read    []int // Revision calls, by number
	listErr error // when set, History fails with it
	readErr error // when set, Revision fails with it
}

// epoch is when revision 1 was saved; each next one a day later.
var epoch = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)

// add appends a revision made by author from the last one.
func (s *memStore) add(author, summary string, edit func(*model.Settings)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := model.Default()
	if len(s.revs) > 0 {
		next = s.revs[len(s.revs)-1].Clone()
	}
	edit(&next)
	s.revs = append(s.revs, next)
	n := len(s.revs)
	s.infos = append(s.infos, model.RevisionInfo{Number: n, Time: epoch.AddDate(0, 0, n-1), Author: author, Summary: summary, Base: n - 1})
}

func (s *memStore) History() ([]model.RevisionInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.listed++
	if s.listErr != nil {
		return nil, s.listErr
	}
	out := slices.Clone(s.infos)
	slices.Reverse(out)
	return out, nil
}

func (s *memStore) Revision(n int) (model.Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.read = append(s.read, n)
	if s.readErr != nil {
		return model.Settings{}, s.readErr
	}
	if n < 1 || n > len(s.revs) {
		return model.Settings{}, fmt.Errorf("revision %d: no such revision", n)
	}
	return s.revs[n-1].Clone(), nil
}

func (s *memStore) RollbackDocument(n int) (model.Settings, int, error) {
	old, err := s.Revision(n)
	if err != nil {
		return model.Settings{}, 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	head := len(s.revs)
	return model.Rollback(old, s.revs[head-1]), head, nil
}

func (s *memStore) head() (int, model.Settings) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.revs), s.revs[len(s.revs)-1].Clone()
}

// fourRevisions: 1 the defaults (alice), 2 the callback URL (bob), 3 another callback
// URL and the document BILL (alice), 4 the token lifetime (carol).
func fourRevisions() *memStore {
	s := &memStore{}
	s.add("alice", "initial settings", func(*model.Settings) {})
	s.add("bob", "1 change: general.callbackUrl", func(s *model.Settings) { s.General.CallbackURL = "https://two.example/cb" })
	s.add("alice", "2 changes: general.callbackUrl, documents[0].code, …", func(s *model.Settings) {
		s.General.CallbackURL = "https://three.example/cb"
		s.Documents = append(s.Documents, model.Document{Code: "BILL", Name: "Utility bill", Label: "Utility bill", Enabled: true})
	})
	s.add("carol", "1 change: general.tokenLifetimeMinutes", func(s *model.Settings) { s.General.TokenLifetimeMinutes = 60 })
	return s
}

// newPane runs the History pane on store's head, as the root would, shown.
func newPane(t *testing.T, store *memStore, opts ...panetest.Option) *panetest.Harness {
	t.Helper()
	rev, head := store.head()
	opts = append([]panetest.Option{panetest.Head(rev)}, opts...)
	return panetest.New(t, head, func(ctx *common.Context) common.Pane { return New(ctx, store) }, opts...)
}

// rows are the lines of the list under its header.
func rows(h *panetest.Harness) []string {
	lines := strings.Split(h.View(), "\n")
	var out []string
	for _, l := range lines[3:] {
		if strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimRight(l, " "))
		}
	}
	return out
}

func TestListsNewestFirst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, fourRevisions())
		h.WantView("History", "the draft starts from revision 4", "4 revisions", "Rev", "Saved (UTC)", "Author", "Summary")
		want := []string{
			"›   4 2026-03-04 09:30 carol      1 change: general.tokenLifetimeMinutes",
			"    3 2026-03-03 09:30 alice      2 changes: general.callbackUrl, documen…",
			"    2 2026-03-02 09:30 bob        1 change: general.callbackUrl",
			"    1 2026-03-01 09:30 alice      initial settings",
		}
		got := rows(h)
		if len(got) != len(want) {
			t.Fatalf("rows:\n%s", strings.Join(got, "\n"))
		}
		for i := range want {
			if strings.Join(strings.Fields(got[i]), " ") != strings.Join(strings.Fields(want[i]), " ") {
				t.Errorf("row %d = %q, want %q", i, got[i], want[i])
			}
		}
	})
}

// The history is read when the pane is first shown, never before; after that, again
// whenever the head moves.
func TestReadsWhenShownAndOnANewHead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := fourRevisions()
		rev, head := store.head()
		h := panetest.New(t, head, func(c *common.Context) common.Pane {
			p := New(c, store)
			p.Update(common.HeadMsg{Rev: rev}) // start-up: every pane hears of the head
			if store.listed != 0 {
				t.Fatalf("the history was read %d times before the pane was shown", store.listed)
			}
			return p
		}, panetest.Head(rev))
		if store.listed != 1 {
			t.Fatalf("shown: %d reads, want 1", store.listed)
		}
		// Reading a diff when a save makes revision 5: back to the list, on the new head.
		h.Press("down", "down", "enter")
		h.WantView("Revision 2  against revision 1")
		store.add("dave", "1 change: client.skipIntro", func(s *model.Settings) { s.Client.SkipIntro = true })
		h.Ctx.Head = 5
		h.Send(common.HeadMsg{Rev: 5})
		h.WantView("5 revisions", "dave", "the draft starts from revision 5")
		if k, _ := h.Pane.(*Pane).table.CursorKey(); k != "5" {
			t.Errorf("after a save the cursor is on %s, not on the new revision 5", k)
		}
		h.Send(common.ShownMsg{}) // shown again: nothing new to read
		if store.listed != 2 {
			t.Fatalf("%d reads, want 2", store.listed)
		}
	})
}

func TestFilter(t *testing.T) {
	tests := []struct {
		query string
		first string // the number of the first revision shown
		shown int
	}{
		{"bob", "2", 1},               // author
		{"carol", "4", 1},             // author
		{"lifetime", "4", 1},          // summary
		{"callback", "2", 2},          // summary: two revisions
		{"3", "3", -1},                // number: first (the times have a 3 too)
		{"2026-03-02", "2", 1},        // date
		{"initial", "1", 1},           // summary
		{"nothing like it", "", 0},    // no match
		{"alice", "3", 2},             // author, newest first
		{"2026-03-01 09:30", "1", 1},  // date and time
		{"documents[0].code", "3", 1}, // a path in the summary
		{"tokenLifetimeMinutes", "4", 1},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := newPane(t, fourRevisions())
				h.Press("/").Type(tt.query).Press("enter")
				p := h.Pane.(*Pane)
				if tt.shown >= 0 && p.table.Shown() != tt.shown {
					t.Fatalf("%d shown, want %d:\n%s", p.table.Shown(), tt.shown, h.View())
				}
				if tt.shown == 0 {
					h.WantView(fmt.Sprintf("no revision matches %q", tt.query))
					return
				}
				if k, _ := p.table.CursorKey(); k != tt.first {
					t.Fatalf("cursor on %s, want %s:\n%s", k, tt.first, h.View())
				}
				h.WantView(fmt.Sprintf("%d of 4", p.table.Shown()))
			})
		})
	}
}

// enter shows the cursor revision against the one before it; ← and → step through the
// history; esc returns to the list on the revision last shown.
func TestDiffAgainstThePrevious(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := fourRevisions()
		h := newPane(t, store)
		h.Press("down", "enter")
		h.WantView("Revision 3  against revision 2 · 5 changes",
			"saved 2026-03-03 09:30 UTC by alice · 2 changes: general.callbackUrl",
			`general.callbackUrl: "https://two.example/cb" → "https://three.example/cb"`,
			`documents[0].code: (not set) → "BILL"`, "documents[0].enabled: (not set) → on")
		h.NotView("tokenLifetimeMinutes")
		if !slices.Equal(store.read, []int{2, 3}) {
			t.Errorf("read revisions %v, want 2 and 3", store.read)
		}
		// The same lines as the review: in the order of the tabs.
		v := h.View()
		if strings.Index(v, "general.callbackUrl") > strings.Index(v, "documents[0].code") {
			t.Errorf("changes not in tab order:\n%s", v)
		}

		h.Press("left")
		h.WantView("Revision 2  against revision 1 · 1 change", `general.callbackUrl: (not set) → "https://two.example/cb"`)
		h.Press("p")
		h.WantView("Revision 1  against the defaults · 0 changes", "No differences: revision 1 has the settings of the defaults.")
		h.Press("left") // the first: nothing older
		h.WantView("Revision 1  against the defaults")
		h.Press("right", "n", "n")
		h.WantView("Revision 4  against revision 3 · 1 change", "general.tokenLifetimeMinutes: 30 → 60")
		h.Press("esc")
		h.WantView("4 revisions")
		if k, _ := h.Pane.(*Pane).table.CursorKey(); k != "4" {
			t.Errorf("back on the list, the cursor is on %s, not on 4 where the reading stopped", k)
		}
	})
}

// A revision marked with space is compared with the cursor revision; two marked are
// compared with each other; s swaps the sides.
func TestDiffAgainstAChosenRevision(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, fourRevisions())
		h.Press("end", "space", "home") // mark 1, back on 4
		h.WantView("4 revisions · 1 marked")
		h.Press("enter")
		h.WantView("Revision 1 → revision 4  6 changes",
			"1: saved 2026-03-01 09:30 UTC by alice · initial settings",
			"4: saved 2026-03-04 09:30 UTC by carol",
			`general.callbackUrl: (not set) → "https://three.example/cb"`,
			"general.tokenLifetimeMinutes: 30 → 60", `documents[0].code: (not set) → "BILL"`)
		h.Press("s")
		h.WantView("Revision 4 → revision 1  6 changes", `general.callbackUrl: "https://three.example/cb" → (not set)`,
			"general.tokenLifetimeMinutes: 60 → 30")
		h.Press("esc")

		// Two marked: those two, whatever the cursor.
		h.Press("down", "down", "space", "up") // 2 and 1 marked, cursor on 3
		h.Press("enter")
		h.WantView("Revision 1 → revision 2  1 change")
		h.Press("esc")

		// Three marked: enter does nothing, and the full help says why.
		h.Press("space", "enter") // 3 marked too
		h.WantView("4 revisions · 3 marked")
		if h.Status.Text != "no diff: 3 revisions marked: mark one (compared with the cursor) or two" {
			t.Errorf("enter with three marks says %q", h.Status.Text)
		}
		explained := h.Pane.KeyMap().(common.Explainer).ExplainedHelp()
		found := false
		for _, col := range explained {
			for _, k := range col {
				if k.Binding.Help().Key == "enter" && k.Reason == "3 revisions marked: mark one (compared with the cursor) or two" {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("the full help does not say why enter is off: %+v", explained)
		}
	})
}

// c asks for the number of the revision to compare with; a wrong number is refused and
// can be corrected; enter alone is the head.
func TestCompareWithANumberTyped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, fourRevisions())
		h.Press("end", "c") // on revision 1
		if !h.Pane.Capturing() {
			t.Fatal("the prompt does not take printable keys")
		}
		h.WantView("Compare revision 1 with revision:", "(enter alone: the head)")
		h.Type("9q").Press("enter") // q is not a digit, and does not quit
		h.WantView("Compare revision 1 with revision: 9", "✗ no revision 9 (1–4)")
		h.Press("backspace").Type("1").Press("enter")
		h.WantView("✗ that is the same revision")
		h.Press("backspace").Type("3").Press("enter")
		h.WantView("Revision 1 → revision 3  5 changes")
		h.Press("esc", "c", "enter")
		h.WantView("Revision 1 → revision 4")
		h.Press("esc", "c", "esc")
		h.NotView("Compare revision")
		h.Send(panetest.Key("c")).Send(pasted("2x"))
		h.WantView("Compare revision 1 with revision: 2")
	})
}

// r hands the rollback over as ONE edit replacing the draft's settings, and asks the
// root for the review; two-factor authentication keeps the draft's state, and documents
// created after the revision stay, disabled.
func TestRollbackIsOneEditThenTheReview(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := fourRevisions()
		// Two-factor was turned on after revision 2 (only enrolment does that).
		store.add("carol", "two-factor", func(s *model.Settings) { s.Security.TwoFactor = true })
		h := newPane(t, store)
		h.Press("down", "down", "down", "r") // revision 2
		if !slices.Equal(h.Edits, []string{"roll back to revision 2"}) || h.Reviews != 1 {
			t.Fatalf("edits %q, reviews %d; want one rollback edit and the review", h.Edits, h.Reviews)
		}
		got := h.Draft.Current()
		if got.General.CallbackURL != "https://two.example/cb" || got.General.TokenLifetimeMinutes != 30 {
			t.Errorf("the draft is not revision 2's content: %+v", got.General)
		}
		if !got.Security.TwoFactor {
			t.Error("the rollback turned two-factor authentication off")
		}
		if len(got.Documents) != 1 || got.Documents[0].Code != "BILL" || got.Documents[0].Enabled {
			t.Errorf("documents %+v: BILL, created after revision 2, must stay, disabled", got.Documents)
		}
		// One undo step takes it all back.
		h.Draft.Undo()
		if h.Draft.Dirty() {
			t.Errorf("undo left changes: %v", h.Draft.Changes())
		}
	})
}

// With unsaved changes r asks first; n (or esc) keeps them and starts nothing.
func TestRollbackAsksFirstWithUnsavedChanges(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, fourRevisions())
		h.Apply("callback URL", func(s *model.Settings) { s.General.CallbackURL = "https://mine.example/cb" })
		h.Press("end", "r")
		h.WantView("Roll back to revision 1, replacing your 1 unsaved change? y/N")
		if !h.Pane.Capturing() {
			t.Error("the question lets the root take its keys")
		}
		h.Press("esc")
		h.NotView("Roll back to revision 1")
		if h.Reviews != 0 || len(h.Edits) != 1 {
			t.Fatalf("esc rolled back: edits %q", h.Edits)
		}
		h.Press("r", "y")
		if h.Reviews != 1 || h.Edits[len(h.Edits)-1] != "roll back to revision 1" {
			t.Fatalf("y did not roll back: edits %q, reviews %d", h.Edits, h.Reviews)
		}
	})
}

// The head cannot be rolled back to, nor anything under --readonly; the full help says
// why. The diff view's r rolls back to the revision it shows.
func TestRollbackOffAndWhy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newPane(t, fourRevisions())
		// Why, with the key itself (one Update, one frame).
		h.WantSaid(panetest.Key("r"), common.StatusMsg{Kind: common.StatusInfo,
			Text: "no rollback: revision 4 is the head (undo reverts unsaved changes)"})
		if h.Reviews != 0 || len(h.Edits) != 0 {
			t.Fatal("r on the head rolled back")
		}
		wantReason(t, h, "r", "revision 4 is the head (undo reverts unsaved changes)")
		h.Press("down", "enter", "r")
		if h.Reviews != 1 || !slices.Equal(h.Edits, []string{"roll back to revision 3"}) {
			t.Fatalf("r in the diff of 3: edits %q, reviews %d", h.Edits, h.Reviews)
		}

		ro := newPane(t, fourRevisions(), panetest.ReadOnly())
		ro.Press("down", "r", "enter", "r")
		if ro.Reviews != 0 || len(ro.Edits) != 0 {
			t.Fatal("--readonly rolled back")
		}
		wantReason(t, ro, "r", common.ReadOnlyReason)
		if ro.Status.Text != common.ReadOnlyNotice+", rolling back is off" {
			t.Errorf("r under --readonly says %q", ro.Status.Text)
		}
		ro.WantView("Revision 3  against revision 2") // diffs work read-only
	})
}

// wantReason fails unless the full help lists key off with reason.
func wantReason(t *testing.T, h *panetest.Harness, key, reason string) {
	t.Helper()
	for _, col := range common.FullHelp(h.Pane.KeyMap()) {
		for _, k := range col {
			if k.Binding.Help().Key == key && !k.Binding.Enabled() && k.Reason == reason {
				return
			}
		}
	}
	t.Fatalf("the full help does not list %s off because %q: %+v", key, reason, common.FullHelp(h.Pane.KeyMap()))
}

// A store that keeps no revisions (a document file) leaves the pane saying so, with no
// key that does anything.
func TestNoStore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := panetest.New(t, model.Default(), func(ctx *common.Context) common.Pane { return New(ctx, nil) })
		h.WantView("History", "A document file has no history")
		h.Press("enter", "r", "c", "/", "space")
		h.WantView("A document file has no history")
		if len(h.Edits) != 0 || h.Reviews != 0 || h.Pane.Capturing() {
			t.Fatal("keys did something without a store")
		}
		if keys := h.Pane.KeyMap().ShortHelp(); slices.ContainsFunc(keys, key.Binding.Enabled) {
			t.Errorf("the footer offers keys without a store")
		}
	})
}

// A failed read says why, and the next head or showing tries again.
func TestReadFailures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := fourRevisions()
		store.listErr = errors.New("disk I/O error")
		h := newPane(t, store)
		h.WantView("✗ could not read the history: disk I/O error")
		store.listErr = nil
		h.Send(common.ShownMsg{})
		h.WantView("4 revisions")

		store.readErr = errors.New("database is locked")
		h.Press("enter")
		h.WantView("✗ could not read the revisions: database is locked")
		h.Press("r") // no revision shown yet: nothing to roll back to
		if len(h.Edits) != 0 {
			t.Fatalf("r rolled back from a diff that never arrived: %q", h.Edits)
		}
		h.Press("esc", "down", "r")
		if h.Status.Kind != common.StatusError || !strings.Contains(h.Status.Text, "could not read revision 3: database is locked") {
			t.Fatalf("a failed rollback read says %+v", h.Status)
		}
		// The read's result is said in the Update that takes it, not a message later.
		h.WantSaid(rollbackMsg{n: 3, err: store.readErr}, common.StatusMsg{Kind: common.StatusError,
			Text: "could not read revision 3: database is locked"})
		store.readErr = nil
		h.Press("r")
		if !slices.Equal(h.Edits, []string{"roll back to revision 3"}) {
			t.Fatalf("edits %q", h.Edits)
		}
	})
}

// Authors and summaries come from the database: control characters in them can neither
// drive the terminal nor forge a line.
func TestEscapesWhatItShows(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := fourRevisions()
		store.add("eve\x1b[2J", "forged\n5 root a fake line", func(s *model.Settings) { s.Client.SkipIntro = true })
		h := newPane(t, store)
		v := h.Pane.View()
		if strings.Contains(v, "\x1b[2J") || strings.Contains(h.View(), "\n5 root a fake line") {
			t.Fatalf("raw control characters on screen:\n%q", v)
		}
		h.WantView(`"eve\x1b[2J"`)
		h.Press("enter")
		if v := h.Pane.View(); strings.Contains(v, "\x1b[2J") {
			t.Fatalf("raw control characters in the diff's header:\n%q", v)
		}
		h.WantView(`by "eve\x1b[2J"`)
	})
}

// The list, a diff, the prompt and the question fit every size the pane can be given.
func TestEverySize(t *testing.T) {
	for _, open := range [][]string{nil, {"enter"}, {"end", "space", "home", "enter"}, {"c", "9"}, {"/", "a", "l"}} {
		t.Run(strings.Join(open, "+"), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				store := fourRevisions()
				for i := range 30 {
					store.add(fmt.Sprintf("admin%d", i), "1 change: general.successUrl", func(s *model.Settings) {
						s.General.SuccessURL = fmt.Sprintf("https://shop.example/%d/", i) + strings.Repeat("x", 200)
					})
				}
				h := newPane(t, store)
				h.Press(open...)
				h.EverySize(130, 40)
			})
		})
	}
	t.Run("question", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := newPane(t, fourRevisions())
			h.Apply("callback URL", func(s *model.Settings) { s.General.CallbackURL = "https://mine.example/cb" })
			h.Press("end", "r")
			h.EverySize(130, 40)
		})
	})
	t.Run("no store", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := panetest.New(t, model.Default(), func(ctx *common.Context) common.Pane { return New(ctx, nil) })
			h.EverySize(130, 40)
		})
	})
}
