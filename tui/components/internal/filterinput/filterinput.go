// Package filterinput is the one-line filter field the picker and the table share: a
// bubbles textinput styled from the palette, with a cursor that does not blink (a
// blinking cursor redraws the screen twice a second, which costs on a slow SSH link and
// needs every parent to route its ticks).
package filterinput

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"idvset/themes"
	"idvset/tui/components/internal/cells"
)

// Prompt is written before the filter text: the key that opens a filter.
const Prompt = "/ "

// New returns a focused, empty filter field in styles (see Styles).
func New(styles textinput.Styles, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = Prompt
	in.Placeholder = placeholder
	// A filter longer than any name helps no one, and bounds the work per keystroke.
	in.CharLimit = 64
	// ctrl+a marks every row shown in the table; home moves to the first row. The
	// filter's text is short enough to edit with ←, → and backspace.
	in.KeyMap.LineStart.SetKeys()
	in.KeyMap.LineEnd.SetKeys("ctrl+e")
	// ↑ and ↓ move through the rows, never through suggestions.
	in.KeyMap.NextSuggestion.SetKeys()
	in.KeyMap.PrevSuggestion.SetKeys()
	in.KeyMap.AcceptSuggestion.SetKeys()
	in.SetStyles(styles)
	in.Focus()
	return in
}

// Styles styles the field from the palette.
func Styles(st *themes.Styles) textinput.Styles {
	p := st.Palette
	s := textinput.Styles{}
	s.Focused.Prompt = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)
	s.Focused.Text = lipgloss.NewStyle().Foreground(p.Text)
	s.Focused.Placeholder = lipgloss.NewStyle().Foreground(p.Muted)
	s.Focused.Suggestion = s.Focused.Placeholder
	s.Blurred = s.Focused
	s.Blurred.Prompt = lipgloss.NewStyle().Foreground(p.Muted)
	s.Cursor.Color = p.Accent
	s.Cursor.Blink = false
	return s
}

// Line writes the field and, on the right of a line of width cells, the count in
// countInk. With too little room for both, the count goes.
func Line(b *strings.Builder, in textinput.Model, count string, countInk cells.Ink, width int) {
	fieldW := width - cells.Width(count) - 1
	if fieldW < len(Prompt)+4 {
		fieldW, count = width, ""
	}
	in.SetWidth(max(fieldW-len(Prompt)-1, 1)) // the prompt, the text, the cursor
	field := in.View()
	if fw := cells.StyledWidth(field); fw > fieldW {
		field = cells.CutStyled(field, fieldW)
	} else {
		field += strings.Repeat(" ", fieldW-fw)
	}
	b.WriteString(field)
	if count != "" {
		b.WriteByte(' ')
		b.WriteString(countInk.Render(count))
	}
}
