package common

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// The least room the root gives a pane: below it, the editor says the terminal is too
// small instead of drawing the pane.
const (
	MinPaneWidth  = 60
	MinPaneHeight = 10
)

// Pane is the content of one section (one tab). The root owns the panes and routes
// messages to them (see tui's package documentation):
//   - SetSize with the pane's share of the screen, whenever the terminal is resized;
//   - keys (and pastes) only while the pane is shown and no dialog is open;
//   - HeadMsg, to every pane, when the draft starts from a new revision;
//   - every message a command of the pane's own produces, shown or not: the root tags
//     the commands a pane returns and hands their results back to that pane alone.
//
// A pane hands edits over with Context.Edit, says its status lines with Context.Say,
// and reads the draft from the Context it was built with. It never imports another
// pane, the root or persist.
type Pane interface {
	// Update handles a message and returns the pane, possibly changed.
	Update(msg tea.Msg) (Pane, tea.Cmd)
	// View draws the pane within the size SetSize gave it.
	View() string
	// SetSize gives the pane its share of the screen.
	SetSize(width, height int)
	// KeyMap is what the pane offers now: ShortHelp for the footer (enabled keys only),
	// FullHelp for the full help. A key map that also implements Explainer has its
	// disabled keys listed in the full help, dim, with the reason.
	KeyMap() help.KeyMap
	// Title names the section in the tab bar and the full help ("Accepted IDs").
	Title() string
	// ShortTitle is the tab label where the full title does not fit ("IDs"); it may be
	// the title itself.
	ShortTitle() string
	// Capturing reports that a text field or filter has focus, so the root must leave
	// printable keys (q, ?, u, /) and tab to it.
	Capturing() bool
}
