package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Pane is the content of one section. The root sends it window sizes (through SetSize)
// and, while it is the focused section, keys; it returns edits as commands (editCmd) and
// reads the draft from the shared context.
type Pane interface {
	// Update handles a message and returns the pane, possibly changed.
	Update(msg tea.Msg) (Pane, tea.Cmd)
	// View draws the pane within its size.
	View() string
	// SetSize gives the pane its share of the screen.
	SetSize(width, height int)
	// KeyMap is what the pane offers now, for the footer and the full help.
	KeyMap() help.KeyMap
	// Title names the pane.
	Title() string
	// Capturing reports that a text field or filter has focus, so the root must leave
	// printable keys (q, ?, u, /) and tab to it.
	Capturing() bool
}

// placeholderPane stands in for a section that a later version builds, and says so.
type placeholderPane struct {
	ctx           *Context
	section       Section
	text          string
	width, height int
}

// newPlaceholder returns the honest stand-in for section s; text says what comes and
// what to use meanwhile.
func newPlaceholder(ctx *Context, s Section, text string) *placeholderPane {
	return &placeholderPane{ctx: ctx, section: s, text: text}
}

func (p *placeholderPane) Update(tea.Msg) (Pane, tea.Cmd) { return p, nil }

func (p *placeholderPane) SetSize(width, height int) { p.width, p.height = width, height }

func (p *placeholderPane) KeyMap() help.KeyMap { return noKeys{} }

func (p *placeholderPane) Title() string { return p.section.String() }

func (p *placeholderPane) Capturing() bool { return false }

func (p *placeholderPane) View() string {
	st := p.ctx.Styles
	return st.Title.Render(p.section.String()) + "\n\n" + st.Hint.Render(wrapText(p.text, p.width))
}

// noKeys is the key map of a pane without keys of its own.
type noKeys struct{}

func (noKeys) ShortHelp() []key.Binding  { return nil }
func (noKeys) FullHelp() [][]key.Binding { return nil }

// wrapText wraps running text to width, breaking long words where it must.
func wrapText(s string, width int) string {
	if width < 1 {
		return ""
	}
	return wrapANSI(s, width)
}

// joinLines joins blocks with newlines, dropping empty ones at the end (an optional
// message that is not there).
func joinLines(blocks ...string) string {
	for len(blocks) > 0 && blocks[len(blocks)-1] == "" {
		blocks = blocks[:len(blocks)-1]
	}
	return strings.Join(blocks, "\n")
}
