// Package swatch shows a colour beside its hex text: "████ #1A73E8", the block drawn
// as a background colour behind spaces.
//
// The swatch always writes the colour in true colour (24-bit). Bubble Tea v2's renderer
// converts every cell to the terminal's colour profile before writing it (ultraviolet's
// TerminalRenderer, which tea's cursed renderer gives the profile it detected or was
// told), so a 256-colour terminal shows the nearest of its 256 colours and a 16-colour
// one the nearest of 16; the tests check that conversion with colorprofile. Where there
// is no colour at all (the mono palette that NO_COLOR selects, or a terminal without
// colour: tea.ColorProfileMsg with Ascii or NoTTY), the swatch is the hex text alone: a
// block without its colour would read as black, or as nothing.
//
// A pane keeps one Model per colour it shows, or one Model to Render any colour with the
// same styles and profile. It routes tea.ColorProfileMsg to Update, so the swatch learns
// what the terminal can show. The swatch takes no keys.
package swatch

import (
	"image/color"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"idvset/themes"
	"idvset/tui/components/internal/cells"
)

// BlockWidth is the width of the colour block, in cells, when there is room.
const BlockWidth = 4

// Styles is how the swatch writes its text. NewStyles builds it from the editor's.
type Styles struct {
	// Colour is false for the mono palette: the swatch is then the text alone.
	Colour bool
	// Text is the hex text of a colour; Invalid is text that is not #RRGGBB.
	Text    themes.Ink
	Invalid themes.Ink

	from *themes.Styles
}

// NewStyles builds the swatch's styles from the editor's.
func NewStyles(st *themes.Styles) Styles {
	return Styles{Colour: st.Palette.Colour, Text: st.Value, Invalid: st.Hint, from: st}
}

// Model is a colour swatch.
type Model struct {
	hex     string
	width   int
	profile colorprofile.Profile
	styles  Styles
}

// New returns a swatch with no colour, for a terminal whose profile is not known yet
// (taken as true colour: the renderer converts).
func New(st Styles) Model {
	return Model{styles: st, width: BlockWidth + 1 + 7}
}

// SetColor sets the colour as the user wrote it; "#RRGGBB" in either case draws a block.
func (m *Model) SetColor(hex string) { m.hex = hex }

// Color is the colour, false when the text is not #RRGGBB.
func (m Model) Color() (color.RGBA, bool) { return Parse(m.hex) }

// SetSize gives the swatch its width; it is one line high. With less room than a block
// and the text, the block shrinks, then goes, then the text is cut.
func (m *Model) SetSize(width, _ int) { m.width = max(width, 0) }

// SetStyles restyles the swatch.
func (m *Model) SetStyles(st Styles) { m.styles = st }

// UseTheme restyles the swatch from the editor's styles when they are not the ones it was
// built from; cheap when nothing changed.
func (m *Model) UseTheme(st *themes.Styles) {
	if st != nil && st != m.styles.from {
		m.styles = NewStyles(st)
	}
}

// SetProfile tells the swatch what the terminal can show (Update does it on
// tea.ColorProfileMsg).
func (m *Model) SetProfile(p colorprofile.Profile) { m.profile = p }

// Update takes the terminal's colour profile; the swatch has no keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if p, ok := msg.(tea.ColorProfileMsg); ok {
		m.profile = p.Profile
	}
	return m, nil
}

// View draws the swatch's own colour.
func (m Model) View() string { return m.Render(m.hex) }

// Render draws hex with the swatch's styles, profile and width: a block of the colour
// and the text, or the text alone where colour cannot be shown. Empty text draws
// nothing.
func (m Model) Render(hex string) string {
	if hex == "" || m.width < 1 {
		return ""
	}
	c, ok := Parse(hex)
	if !ok {
		return cells.From(m.styles.Invalid).Render(cells.Line(cells.Sanitize(hex), m.width))
	}
	text := "#" + strings.ToUpper(hex[1:])
	ink := cells.From(m.styles.Text)
	block := min(BlockWidth, m.width-len(text)-1)
	if !m.colour() || block < 2 {
		return ink.Render(cells.Line(text, m.width))
	}
	var b strings.Builder
	b.WriteString("\x1b[48;2;")
	b.WriteString(strconv.Itoa(int(c.R)))
	b.WriteByte(';')
	b.WriteString(strconv.Itoa(int(c.G)))
	b.WriteByte(';')
	b.WriteString(strconv.Itoa(int(c.B)))
	b.WriteByte('m')
	cells.Pad(&b, block)
	b.WriteString("\x1b[m ")
	b.WriteString(ink.Render(text))
	return b.String()
}

// colour reports whether a colour block can be seen.
func (m Model) colour() bool {
	return m.styles.Colour && m.profile != colorprofile.NoTTY && m.profile != colorprofile.ASCII
}

// Parse reads "#RRGGBB" (either case), the only form the settings store.
func Parse(hex string) (color.RGBA, bool) {
	if len(hex) != 7 || hex[0] != '#' {
		return color.RGBA{}, false
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return color.RGBA{}, false
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, true
}
