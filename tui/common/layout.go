package common

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Fit makes s exactly height lines, none wider than width, so that nothing a component
// draws can push the layout around, whatever the terminal's size.
func Fit(s string, width, height int) []string {
	if height < 1 {
		return nil
	}
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if CellWidth(l) > width {
			lines[i] = ansi.Truncate(l, max(width, 0), "")
		}
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return lines
}

// CellWidth is the width of styled text in cells, as ansi.StringWidth measures it. Lines
// of ASCII and of the symbols the editor draws are measured here without grapheme
// segmentation, which otherwise costs half of a frame; anything else is left to
// ansi.StringWidth.
func CellWidth(s string) int {
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
	case r == 0xad: // the soft hyphen takes no cell
		return false
	case r >= 0xa0 && r < 0x300, r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e,
		r >= 0x2190 && r <= 0x21ff, r >= 0x2500 && r <= 0x259f, r == 0x25cf,
		r >= 0x2800 && r <= 0x28ff, r == 0x2713, r == 0x2717:
		return true
	}
	return false
}

// Truncate cuts styled text to width cells, marking the cut with an ellipsis.
func Truncate(s string, width int) string {
	switch {
	case width < 1:
		return ""
	case len(s) <= width: // a cell is never narrower than a byte
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// Spread puts left and right on one line of width cells, left winning when both do
// not fit.
func Spread(left, right string, width int) string {
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if lw+1+rw > width {
		return Truncate(left, width)
	}
	return left + strings.Repeat(" ", width-lw-rw) + right
}

// Wrap wraps text to width cells, breaking lines at spaces only. A word, a URL, a code or
// an IDNA name such as xn--bcher-kva.example is one unit: it moves whole to the next
// line when it does not fit, and is broken inside only when it is wider than a line
// (hyphens are not break points, unlike ansi.Wrap's). Line breaks in s stay, and so does
// the indentation at the start of each line. Styles (SGR sequences) may be in s.
func Wrap(s string, width int) string {
	if width < 1 {
		return ""
	}
	var out []string
	for _, p := range strings.Split(s, "\n") {
		out = append(out, wrapParagraph(p, width, width)...)
	}
	return strings.Join(out, "\n")
}

// Hang wraps text to width as Wrap does, with a hanging indent: lines after the first
// start indent cells in, under the text of the first rather than under its bullet.
func Hang(text string, width, indent int) []string {
	if width <= indent+1 {
		return strings.Split(Wrap(text, max(width, 1)), "\n")
	}
	pad := strings.Repeat(" ", indent)
	var out []string
	for i, p := range strings.Split(text, "\n") {
		first := width
		if i > 0 {
			first = width - indent
		}
		for j, l := range wrapParagraph(p, first, width-indent) {
			if i > 0 || j > 0 {
				l = pad + l
			}
			out = append(out, l)
		}
	}
	return out
}

// wrapParagraph wraps one line of text: the first output line to first cells, the others
// to rest cells. Runs of spaces between units stay as they are on a line and vanish at a
// break.
func wrapParagraph(p string, first, rest int) []string {
	indent := len(p) - len(strings.TrimLeft(p, " "))
	var (
		out   []string
		line  strings.Builder
		lineW int
		words int // units on the current line
		limit = first
		gap   = indent // spaces before the next unit
	)
	flush := func() {
		out = append(out, line.String())
		line.Reset()
		lineW, words, limit = 0, 0, rest
	}
	for _, tok := range strings.Split(p[indent:], " ") {
		if tok == "" {
			gap++
			continue
		}
		w := CellWidth(tok)
		switch {
		case words > 0 && lineW+gap+w <= limit:
			line.WriteString(strings.Repeat(" ", gap))
			lineW += gap
		case words > 0:
			flush()
		case lineW == 0 && gap > 0 && gap+w <= limit:
			// The indentation at the start of the paragraph.
			line.WriteString(strings.Repeat(" ", gap))
			lineW += gap
		}
		gap = 1
		if lineW+w <= limit {
			line.WriteString(tok)
			lineW += w
			words++
			continue
		}
		// Wider than a line: broken inside, where it must be.
		parts := strings.Split(ansi.Hardwrap(tok, max(limit-lineW, 1), true), "\n")
		line.WriteString(parts[0])
		words++
		if len(parts) > 1 {
			tail := strings.Join(parts[1:], "")
			flush()
			for _, part := range strings.Split(ansi.Hardwrap(tail, max(limit, 1), true), "\n") {
				if words > 0 {
					flush()
				}
				line.WriteString(part)
				lineW = CellWidth(part)
				words++
			}
		} else {
			lineW += CellWidth(parts[0])
		}
	}
	if words > 0 || len(out) == 0 {
		out = append(out, line.String())
	}
	return out
}

// Plural counts things in words: "1 change", "3 changes".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
