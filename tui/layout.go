package tui

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"idvset/themes"
)

// wrapANSI wraps styled text at spaces, breaking words longer than width.
func wrapANSI(s string, width int) string {
	if width < 1 {
		return ""
	}
	return ansi.Wrap(s, width, "")
}

// hang wraps text to width with a hanging indent: lines after the first start indent
// cells in, under the text of the first rather than under its bullet.
func hang(text string, width, indent int) []string {
	if width <= indent+1 {
		return strings.Split(wrapANSI(text, max(width, 1)), "\n")
	}
	lines := strings.Split(wrapANSI(text, width), "\n")
	if len(lines) == 1 {
		return lines
	}
	pad := strings.Repeat(" ", indent)
	rest := strings.Split(wrapANSI(strings.Join(lines[1:], " "), width-indent), "\n")
	for i, l := range rest {
		rest[i] = pad + l
	}
	return append(lines[:1], rest...)
}

// hardWrap breaks text at exactly width cells: for URLs, which have no spaces and must be
// read whole.
func hardWrap(s string, width int) string {
	if width < 1 {
		return ""
	}
	return ansi.Hardwrap(s, width, true)
}

// fit makes s exactly height lines, none wider than width, so that nothing a component
// draws can push the layout around, whatever the terminal's size.
func fit(s string, width, height int) []string {
	if height < 1 {
		return nil
	}
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if cellWidth(l) > width {
			lines[i] = ansi.Truncate(l, max(width, 0), "")
		}
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return lines
}

// cellWidth is the width of styled text in cells. Lines of ASCII and of the symbols the
// editor draws are measured here without grapheme segmentation, which otherwise costs
// half of a frame; anything else is left to ansi.StringWidth.
func cellWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b: // styles are SGR sequences, ESC [ digits and ; m; others go below
			j := i + 1
			if j >= len(s) || s[j] != '[' {
				return ansi.StringWidth(s)
			}
			for j++; j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':'); j++ {
			}
			if j >= len(s) || s[j] != 'm' {
				return ansi.StringWidth(s)
			}
			i = j + 1
		case c >= 0x20 && c < 0x7f:
			w++
			i++
		case c < 0x80:
			return ansi.StringWidth(s) // control characters: tabs and the like
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !narrowSymbol(r) {
				return ansi.StringWidth(s)
			}
			w++
			i += n
		}
	}
	return w
}

// narrowSymbol reports the one-cell symbols the editor draws: Latin-1, punctuation,
// arrows, box drawing, ●, braille (the spinner), ✓ and ✗.
func narrowSymbol(r rune) bool {
	switch {
	case r >= 0xa0 && r < 0x300, r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e,
		r >= 0x2190 && r <= 0x21ff, r >= 0x2500 && r <= 0x259f, r == 0x25cf,
		r >= 0x2800 && r <= 0x28ff, r == 0x2713, r == 0x2717:
		return true
	}
	return false
}

// truncate cuts styled text to width cells, marking the cut with an ellipsis.
func truncate(s string, width int) string {
	switch {
	case width < 1:
		return ""
	case len(s) <= width: // a cell is never narrower than a byte
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// shortenPath fits a path into width cells: the home directory becomes ~, and what is
// still too long loses its middle, so both the start and the file name stay readable.
func shortenPath(path, home string, width int) string {
	if home != "" && home != "/" && (path == home || strings.HasPrefix(path, home+"/")) {
		path = "~" + strings.TrimPrefix(path, home)
	}
	w := ansi.StringWidth(path)
	if w <= width {
		return path
	}
	if width < 2 {
		return truncate(path, width)
	}
	keep := width - 1 // one cell for the ellipsis
	left := keep / 3
	right := keep - left
	return ansi.Truncate(path, left, "") + "…" + ansi.TruncateLeft(path, w-right, "")
}

// spread puts left and right on one line of width cells, left winning when both do
// not fit.
func spread(left, right string, width int) string {
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if lw+1+rw > width {
		return truncate(left, width)
	}
	return left + strings.Repeat(" ", width-lw-rw) + right
}

// scroller keeps a window of height lines over a longer text, for panes and dialogs
// that may not fit.
type scroller struct {
	offset int
}

// update moves the window on the list keys and reports whether it handled the key.
func (s *scroller) update(msg tea.KeyPressMsg, k ListKeys, total, height int) bool {
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
	s.clamp(total, height)
	return true
}

// clamp keeps the offset within the text.
func (s *scroller) clamp(total, height int) {
	s.offset = max(min(s.offset, total-height), 0)
}

// show returns the lines in the window. When some are hidden, the last line shown says
// how to see them, so a long review never silently hides a change.
func (s scroller) show(lines []string, height int, st themes.Ink) string {
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
