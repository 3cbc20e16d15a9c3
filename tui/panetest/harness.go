package panetest

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/common"
)

// Harness runs one pane on a draft as the root would: it gives the pane its size and
// keys, applies the edits it returns (one undo step each, re-validated), keeps its last
// status line, and hands every other message a command of the pane's produced back to
// the pane. Build it with New inside synctest.Test.
type Harness struct {
	T     testing.TB
	Ctx   *common.Context
	Draft *model.Draft
	Pane  common.Pane
	// Status is the last status line the pane asked for.
	Status common.StatusMsg
	// Edits are the labels of the edits applied, in order.
	Edits []string
	// Reviews counts the times the pane asked the root to open the review
	// (common.Context.OpenReview).
	Reviews int
}

// Option changes the context a Harness starts with.
type Option func(*common.Context)

// ReadOnly starts the pane as under --readonly.
func ReadOnly() Option { return func(c *common.Context) { c.ReadOnly = true } }

// Size is the pane's size (default 80x19: an 80x24 terminal less the editor's chrome).
func Size(width, height int) Option {
	return func(c *common.Context) { c.Width, c.Height = width, height }
}

// Head is the revision the draft starts from (default 1).
func Head(rev int) Option { return func(c *common.Context) { c.Head = rev } }

// catalog is the embedded catalog, parsed once for every test.
var catalog = sync.OnceValue(model.DefaultCatalog)

// New runs the pane that build returns on a draft of s, in the mono theme (tests read
// text), at 80x19 unless an option says otherwise. The pane gets its size, a
// common.HeadMsg, as it would when the editor starts, and a common.ShownMsg, as the pane
// shown.
func New(t testing.TB, s model.Settings, build func(*common.Context) common.Pane, opts ...Option) *Harness {
	t.Helper()
	draft := model.NewDraft(s)
	ctx := &common.Context{
		Width: 80, Height: 19,
		Styles: themes.New(themes.Mono()),
		Keys:   common.NewKeyMap(),
		Path:   "/home/admin/.local/share/idvset/settings.db",
		Head:   1,
		Draft:  draft,
		Rules:  model.Context{Catalog: catalog()},
		Now:    func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) },
	}
	for _, o := range opts {
		o(ctx)
	}
	h := &Harness{T: t, Ctx: ctx, Draft: draft}
	h.revalidate()
	h.Pane = build(ctx)
	h.Pane.SetSize(ctx.Width, ctx.Height)
	return h.Send(common.HeadMsg{Rev: ctx.Head}).Send(common.ShownMsg{})
}

func (h *Harness) revalidate() {
	h.Ctx.Violations = model.Validate(h.Draft.Current(), h.Ctx.Rules)
}

// update is the root's part: edits and status lines are applied here, the rest is the
// pane's.
func (h *Harness) update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(common.StatusMsg); ok {
		h.Status = msg
		return nil
	}
	var cmd tea.Cmd
	h.Pane, cmd = h.Pane.Update(msg)
	h.applyEdits()
	return cmd
}

// applyEdits applies what the pane handed over, as the root does after every Update.
func (h *Harness) applyEdits() {
	for _, e := range h.Ctx.TakeEdits() {
		if h.Draft.Do(e) {
			h.revalidate()
			h.Edits = append(h.Edits, e.Label)
		}
	}
	if st, ok := h.Ctx.TakeStatus(); ok {
		h.Status = st
	}
	if h.Ctx.TakeReview() {
		h.Reviews++
	}
}

// Send delivers one message and everything it leads to.
func (h *Harness) Send(msg tea.Msg) *Harness {
	h.T.Helper()
	Run(h.T, h.update(msg), h.update)
	return h
}

// WantSaid delivers msg in one Update, as the root would, and fails unless the status
// line reads want as soon as that Update returns, and unless nothing the Update's
// command leads to brings a status line as a message: a status said through a command
// is drawn a frame after the key that caused it (common.Context.Say). The rest of what
// the command leads to is delivered, as Send does.
func (h *Harness) WantSaid(msg tea.Msg, want common.StatusMsg) *Harness {
	h.T.Helper()
	h.Status = common.StatusMsg{} // as the root clears it on a key
	cmd := h.update(msg)
	if h.Status != want {
		h.T.Fatalf("after its Update the status line reads %+v, want %+v", h.Status, want)
	}
	Run(h.T, cmd, func(msg tea.Msg) tea.Cmd {
		h.T.Helper()
		if st, ok := msg.(common.StatusMsg); ok {
			h.T.Fatalf("%+v came as a message, a frame after the Update that knew it", st)
		}
		return h.update(msg)
	})
	return h
}

// Press sends key presses by name (see Key).
func (h *Harness) Press(keys ...string) *Harness {
	h.T.Helper()
	for _, k := range keys {
		h.Send(Key(k))
	}
	return h
}

// Type types text one key at a time.
func (h *Harness) Type(s string) *Harness {
	h.T.Helper()
	for _, k := range Typed(s) {
		h.Send(k)
	}
	return h
}

// Erase presses backspace n times.
func (h *Harness) Erase(n int) *Harness {
	h.T.Helper()
	for range n {
		h.Send(Key("backspace"))
	}
	return h
}

// Apply applies an edit as another pane would, and lets the pane see the new draft.
func (h *Harness) Apply(label string, apply func(*model.Settings)) *Harness {
	h.T.Helper()
	h.Ctx.Edit(model.Edit{Label: label, Apply: apply})
	h.applyEdits()
	return h
}

// Resize gives the pane a new size.
func (h *Harness) Resize(width, height int) *Harness {
	h.Ctx.Width, h.Ctx.Height = width, height
	h.Pane.SetSize(width, height)
	return h
}

// View is the pane's view as text, without styles.
func (h *Harness) View() string { return ansi.Strip(h.Pane.View()) }

// WantView fails unless every string appears in the pane's view.
func (h *Harness) WantView(want ...string) {
	h.T.Helper()
	Want(h.T, h.View(), want...)
}

// NotView fails if a string appears in the pane's view.
func (h *Harness) NotView(unwanted ...string) {
	h.T.Helper()
	Lacks(h.T, h.View(), unwanted...)
}

// LineOf is the number (from 0) of the first line of the pane's view that holds text;
// it fails when none does. Tests of what stays in place (a line the renderer would
// otherwise redraw) compare it before and after keys.
func (h *Harness) LineOf(text string) int {
	h.T.Helper()
	screen := h.View()
	for i, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, text) {
			return i
		}
	}
	h.T.Fatalf("no line holds %q:\n%s", text, screen)
	return -1
}

// Want fails unless every string appears on screen (a view as text).
func Want(t testing.TB, screen string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(screen, w) {
			t.Fatalf("the screen lacks %q:\n%s", w, screen)
		}
	}
}

// Lacks fails if a string appears on screen.
func Lacks(t testing.TB, screen string, unwanted ...string) {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(screen, u) {
			t.Fatalf("the screen shows %q:\n%s", u, screen)
		}
	}
}

// EverySize draws the pane at every size from 1x1 to maxW×maxH and fails at the first
// that panics or, from common.MinPaneWidth×common.MinPaneHeight (the least the root
// gives a pane), draws more lines than its height or a line wider than its width (the
// root would cut them off). It restores the size it found. Under the race detector it
// draws the sizes near the least and every seventh above (make test runs the whole sweep
// once without it).
func (h *Harness) EverySize(maxW, maxH int) {
	h.T.Helper()
	w0, h0 := h.Ctx.Width, h.Ctx.Height
	defer h.Resize(w0, h0)
	sampled := func(n, least int) bool { return !raceEnabled || n <= least+3 || n%7 == 0 }
	for w := 1; w <= maxW; w++ {
		for ht := 1; ht <= maxH; ht++ {
			if !sampled(w, common.MinPaneWidth) || !sampled(ht, common.MinPaneHeight) {
				continue
			}
			h.Resize(w, ht)
			lines := strings.Split(h.Pane.View(), "\n")
			if w < common.MinPaneWidth || ht < common.MinPaneHeight {
				continue // drawn without a panic is all that is asked
			}
			if len(lines) > ht {
				h.T.Fatalf("%dx%d: %d lines:\n%s", w, ht, len(lines), ansi.Strip(strings.Join(lines, "\n")))
			}
			for i, l := range lines {
				if cw := common.CellWidth(l); cw > w {
					h.T.Fatalf("%dx%d: line %d is %d wide: %q", w, ht, i, cw, ansi.Strip(l))
				}
			}
		}
	}
}
