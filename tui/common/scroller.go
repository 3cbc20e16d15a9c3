package common

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/themes"
)

// Scroller keeps a window of height lines over a longer text, for panes and dialogs
// that may not fit. The zero value shows the top.
type Scroller struct {
	offset int
}

// Update moves the window on the list keys and reports whether it handled the key.
func (s *Scroller) Update(msg tea.KeyPressMsg, k ListKeys, total, height int) bool {
	page := max(height-1, 1)
	switch {
	case key.Matches(msg, k.Up):
		s.offset--
	case key.Matches(msg, k.Down):
		s.offset++
	case key.Matches(msg, k.PageUp):
		s.offset -= page
	case key.Matches(msg, k.PageDown):
		s.offset += page
	case key.Matches(msg, k.Home):
		s.offset = 0
	case key.Matches(msg, k.End):
		s.offset = total
	default:
		return false
	}
	s.Clamp(total, height)
	return true
}

// Clamp keeps the offset within the text.
func (s *Scroller) Clamp(total, height int) {
	s.offset = max(min(s.offset, total-height), 0)
}

// Show returns the lines in the window. When some are hidden, the last line shown says
// how to see them (in ink st), so a long review never silently hides a change.
func (s Scroller) Show(lines []string, height int, st themes.Ink) string {
	if height < 1 {
		return ""
	}
	if len(lines) <= height {
		return strings.Join(lines, "\n")
	}
	off := max(min(s.offset, len(lines)-height), 0)
	shown := lines[off : off+height]
	if below := len(lines) - off - height; below > 0 && height > 1 {
		shown = append(shown[:height-1:height-1], st.Render(moreLine(off, below)))
	} else if off > 0 && height > 1 {
		shown = append([]string{st.Render(moreLine(off, 0))}, shown[1:]...)
	}
	return strings.Join(shown, "\n")
}

func moreLine(above, below int) string {
	switch {
	case below > 0 && above > 0:
		return "↕ more above and below (↑↓ pgup pgdn)"
	case below > 0:
		return "↓ more below (↓ pgdn end)"
	}
	return "↑ more above (↑ pgup home)"
}
