package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// overlay is a dialog drawn in place of the pane (the full help, the save dialog). While
// one is open it gets the keys; it returns nil from Update when it closes.
type overlay interface {
	Update(msg tea.Msg) (overlay, tea.Cmd)
	View() string
	SetSize(width, height int)
	KeyMap() help.KeyMap
	Capturing() bool
}

// helpOverlay is the full help: every key of the pane and of the editor, built from the
// same key maps as the footer. It keeps a copy of the bindings as they were when it
// opened, since it describes the screen under it, where those keys apply.
type helpOverlay struct {
	ctx           *Context
	title         string // the pane's
	pane          help.KeyMap
	global        KeyMap
	close         key.Binding
	width, height int
}

func newHelpOverlay(ctx *Context, title string, pane help.KeyMap, width, height int) *helpOverlay {
	return &helpOverlay{ctx: ctx, title: title, pane: pane, global: *ctx.Keys, width: width, height: height,
		close: key.NewBinding(key.WithKeys("?", "esc"), key.WithHelp("?/esc", "close"))}
}

func (h *helpOverlay) Update(msg tea.Msg) (overlay, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, h.close) {
		return nil, nil
	}
	return h, nil
}

func (h *helpOverlay) SetSize(width, height int) { h.width, h.height = width, height }

func (h *helpOverlay) KeyMap() help.KeyMap { return bindings{h.close} }

func (h *helpOverlay) Capturing() bool { return false }

func (h *helpOverlay) View() string {
	st := h.ctx.Styles
	hm := help.New()
	hm.Styles = st.Help
	hm.SetWidth(h.width)
	out := []string{st.Title.Render("Keys"), ""}
	if pane := hm.FullHelpView(h.pane.FullHelp()); pane != "" {
		out = append(out, st.Label.Render(h.title), pane, "")
	}
	out = append(out, st.Label.Render("Everywhere"), hm.FullHelpView(h.global.FullHelp()))
	return strings.Join(out, "\n")
}

// quitPrompt asks before unsaved changes are thrown away. It lives on the status line.
type quitPrompt struct {
	changes int
	yes, no key.Binding
}

func newQuitPrompt(changes int) *quitPrompt {
	return &quitPrompt{
		changes: changes,
		yes:     key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "discard and quit")),
		no:      key.NewBinding(key.WithKeys("n", "N", "esc", "enter"), key.WithHelp("n/esc", "keep editing")),
	}
}

// update returns whether the prompt is answered, and whether the answer is to quit.
func (q *quitPrompt) update(msg tea.KeyPressMsg) (answered, quit bool) {
	switch {
	case key.Matches(msg, q.yes):
		return true, true
	case key.Matches(msg, q.no):
		return true, false
	}
	return false, false
}

func (q *quitPrompt) text() string {
	return fmt.Sprintf("Discard %s and quit? y/N", plural(q.changes, "unsaved change"))
}

func (q *quitPrompt) keyMap() help.KeyMap { return bindings{q.yes, q.no} }
