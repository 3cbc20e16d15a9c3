package tui

import (
	"fmt"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/tui/common"
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
	return fmt.Sprintf("Discard %s and quit? y/N", common.Plural(q.changes, "unsaved change"))
}

func (q *quitPrompt) keyMap() help.KeyMap { return common.Bindings{q.yes, q.no} }
