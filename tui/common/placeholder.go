package common

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// Placeholder stands in for a section that a later version builds, and says so: what
// comes, and what to use meanwhile.
type Placeholder struct {
	ctx           *Context
	title, short  string
	text          string
	width, height int
}

// NewPlaceholder returns the honest stand-in for a section titled title (short in a
// narrow tab bar); text says what comes and what to use meanwhile.
func NewPlaceholder(ctx *Context, title, short, text string) *Placeholder {
	return &Placeholder{ctx: ctx, title: title, short: short, text: text}
}

// Update does nothing: a placeholder has no keys.
func (p *Placeholder) Update(tea.Msg) (Pane, tea.Cmd) { return p, nil }

// SetSize takes the pane's share of the screen.
func (p *Placeholder) SetSize(width, height int) { p.width, p.height = width, height }

// KeyMap is empty.
func (p *Placeholder) KeyMap() help.KeyMap { return Bindings(nil) }

// Title is the section's name.
func (p *Placeholder) Title() string { return p.title }

// ShortTitle is the section's name in a narrow tab bar.
func (p *Placeholder) ShortTitle() string { return p.short }

// Capturing is always false.
func (p *Placeholder) Capturing() bool { return false }

// View says what comes.
func (p *Placeholder) View() string {
	st := p.ctx.Styles
	return st.Title.Render(p.title) + "\n\n" + st.Hint.Render(Wrap(p.text, p.width))
}
