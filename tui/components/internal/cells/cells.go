// Package cells lays out plain text in terminal cells for the components: it measures,
// cuts with an ellipsis, pads, escapes control characters and nests styles, so that a
// matched character can be highlighted inside a warning cell inside the selected row.
// It works on plain text only; styles are added here, never parsed.
package cells

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"idvset/themes"
)

// Ink is a themes.Ink split into the escape sequences it puts before and after text, to
// nest one style inside another: every Ink ends in a full reset, so whatever encloses a
// span must be set again after it.
type Ink struct {
	Pre, Post string
}

// From splits k.
func From(k themes.Ink) Ink {
	pre, post := k.Parts()
	return Ink{Pre: pre, Post: post}
}

// Empty reports an ink that changes nothing (the mono palette has many).
func (k Ink) Empty() bool { return k.Pre == "" && k.Post == "" }

// Span writes text in k inside an enclosing span whose escapes are outer: after k's
// reset, outer is set again so the rest of the enclosing span keeps its look.
func (k Ink) Span(b *strings.Builder, text, outer string) {
	if k.Empty() || text == "" {
		b.WriteString(text)
		return
	}
	b.WriteString(k.Pre)
	b.WriteString(text)
	b.WriteString(k.Post)
	b.WriteString(outer)
}

// Render is text in k, on its own.
func (k Ink) Render(text string) string {
	if k.Empty() || text == "" {
		return text
	}
	return k.Pre + text + k.Post
}

// Sanitize makes user-supplied text safe to print on one line, by the editor's one rule
// (model.Escape, which tui/common.Safe calls; a component cannot import model, so the
// rule is restated here and TestSanitizeIsModelEscape keeps the two equal): unchanged
// when every character is printable, else quoted as Go quotes strings ("a\x1b[2J\nb"),
// so that control characters, line breaks and bidi overrides in a stored name can
// neither drive the terminal nor forge a line. Clean text is returned without
// allocating.
func Sanitize(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return strconv.Quote(s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !strconv.IsPrint(r) {
			return strconv.Quote(s)
		}
		i += n
	}
	return s
}

// Width is the width of plain text in cells. ASCII and the one-cell symbols and
// letters tables hold (✓, –, ●, accented Latin, Greek, Cyrillic) are counted here;
// anything else (wide CJK characters, combining marks, emoji) is measured grapheme by
// grapheme, which costs more than the rest of a row.
func Width(s string) int {
	w := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			w++
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !narrow(r) {
			return ansi.StringWidth(s)
		}
		w++
		i += n
	}
	return w
}

// narrow reports runes that take one cell and never combine with the next.
func narrow(r rune) bool {
	switch {
	case r >= 0xa0 && r < 0x300, // Latin-1, Latin Extended, IPA
		r >= 0x370 && r < 0x483, r >= 0x48a && r < 0x530, // Greek, Cyrillic (no combining marks)
		r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e, // dashes, quotes, …
		r >= 0x2190 && r <= 0x21ff, // arrows
		r >= 0x2500 && r <= 0x25ff, // box drawing, blocks, geometric shapes (●)
		r == 0x2713, r == 0x2717:   // ✓ ✗
		return true
	}
	return false
}

// Cut returns the longest prefix of plain text s that fits width cells, and whether
// anything was cut. A cut leaves one cell for the ellipsis the caller adds.
func Cut(s string, width int) (string, bool) {
	return cut(s, Width(s), width)
}

// cut is Cut for text whose width sw is known.
func cut(s string, sw, width int) (string, bool) {
	if width <= 0 {
		return "", s != ""
	}
	if sw <= width {
		return s, false
	}
	return ansi.Truncate(s, width-1, ""), true
}

// Align places text within a cell.
type Align int

// The alignments of a cell.
const (
	Left Align = iota
	Right
	Center
)

// Cell describes one cell to write: plain text in exactly Width cells, cut with "…"
// when longer, padded by Align when shorter. The runes at the byte offsets in Hits
// (ascending) are written in Hit; the rest in Ink. Outer holds the escapes of the
// enclosing span (the row), set again after each styled piece.
type Cell struct {
	Text string
	// TextWidth is Text's width when the caller knows it (0: measure it).
	TextWidth int
	Width     int
	Align     Align
	Ink       Ink
	Hit       Ink
	Hits      []int
	Outer     string
}

// Write writes the cell to b.
func (c Cell) Write(b *strings.Builder) {
	if c.Width <= 0 {
		return
	}
	tw := c.TextWidth
	if tw == 0 {
		tw = Width(c.Text)
	}
	text, cutOff := cut(c.Text, tw, c.Width)
	w := tw
	if cutOff {
		w = Width(text) + 1
	}
	pad := c.Width - w
	left := 0
	switch c.Align {
	case Right:
		left = pad
	case Center:
		left = pad / 2
	}
	writeSpaces(b, left)
	inner := c.Outer
	if !c.Ink.Empty() {
		b.WriteString(c.Ink.Pre)
		inner = c.Outer + c.Ink.Pre
	}
	writeHits(b, text, c.Hits, c.Hit, inner)
	if cutOff {
		b.WriteString("…")
	}
	if !c.Ink.Empty() {
		b.WriteString(c.Ink.Post)
		b.WriteString(c.Outer)
	}
	writeSpaces(b, pad-left)
}

// writeHits writes text with the runes at the offsets in hits in hit, grouping runs of
// adjacent hits into one styled piece.
func writeHits(b *strings.Builder, text string, hits []int, hit Ink, outer string) {
	if len(hits) == 0 || hit.Empty() {
		b.WriteString(text)
		return
	}
	start := 0 // first byte not yet written
	for i := 0; i < len(hits); {
		at := hits[i]
		if at < start || at >= len(text) || !utf8.RuneStart(text[at]) {
			i++
			continue
		}
		// Extend the run over hits that follow each other rune by rune.
		end := at + runeLen(text, at)
		i++
		for i < len(hits) && hits[i] == end && end < len(text) && utf8.RuneStart(text[end]) {
			end += runeLen(text, end)
			i++
		}
		b.WriteString(text[start:at])
		hit.Span(b, text[at:end], outer)
		start = end
	}
	b.WriteString(text[start:])
}

func runeLen(s string, at int) int {
	_, n := utf8.DecodeRuneInString(s[at:])
	return max(n, 1)
}

// spaces serves padding without allocating.
const spaces = "                                                                                "

func writeSpaces(b *strings.Builder, n int) {
	for n > 0 {
		k := min(n, len(spaces))
		b.WriteString(spaces[:k])
		n -= k
	}
}

// Pad writes n spaces.
func Pad(b *strings.Builder, n int) { writeSpaces(b, n) }

// Line cuts a line of plain text to width cells with an ellipsis, for lines that are
// not laid out in cells (messages, captions).
func Line(s string, width int) string {
	text, cut := Cut(s, width)
	if cut && width > 0 {
		return text + "…"
	}
	return text
}

// Spread puts left and right on one line of width cells; right goes when both do
// not fit, then left is cut. Both are plain text; the caller styles them by the
// returned parts.
func Spread(left, right string, width int) (l string, gap int, r string) {
	lw, rw := Width(left), Width(right)
	switch {
	case lw+1+rw <= width:
		return left, width - lw - rw, right
	case lw <= width:
		return left, 0, ""
	}
	return Line(left, width), 0, ""
}

// CutLines cuts every line of styled text to width cells.
func CutLines(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = CutStyled(l, width)
	}
	return strings.Join(lines, "\n")
}

// StyledWidth is the width in cells of text that may hold styles.
func StyledWidth(s string) int { return ansi.StringWidth(s) }

// CutStyled cuts text that may hold styles to width cells, keeping its styles intact.
func CutStyled(s string, width int) string { return ansi.Truncate(s, max(width, 0), "") }
