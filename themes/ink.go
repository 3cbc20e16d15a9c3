package themes

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Ink is a text style reduced to the escape sequences it puts around text: colour, bold,
// underline, reverse. Most of the editor's styles are only that, and applying them this
// way skips lipgloss's layout work (padding, borders, widths of every grapheme), which
// cost more than all the rest of a frame. Styles with layout stay lipgloss.Style.
type Ink struct {
	pre, post string
}

// inkOf captures what st puts around a line of text. st must be inline: no padding,
// margin, border, width or height.
func inkOf(st lipgloss.Style) Ink {
	// A printable probe: lipgloss passes control characters through unstyled.
	const probe = "x"
	out := st.Render(probe)
	i := strings.Index(out, probe)
	if i < 0 {
		return Ink{}
	}
	return Ink{pre: out[:i], post: out[i+len(probe):]}
}

// Parts returns the escape sequences the ink puts before and after text. Components
// use them to nest one style in another (a matched letter in the selected row): every
// ink ends in a full reset, so the enclosing style must be set again after it.
func (k Ink) Parts() (pre, post string) { return k.pre, k.post }

// Render styles text as lipgloss.Style.Render would: arguments joined by spaces, each
// line styled on its own, so a line never carries another's escapes.
func (k Ink) Render(strs ...string) string {
	s := strings.Join(strs, " ")
	if k.pre == "" && k.post == "" {
		return s
	}
	if !strings.Contains(s, "\n") {
		return k.pre + s + k.post
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = k.pre + l + k.post
	}
	return strings.Join(lines, "\n")
}
