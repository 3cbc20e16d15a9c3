// Package preview draws a small picture of an image in the terminal, for the Branding
// pane's header, success and error images: each cell a "▀" whose foreground is the upper
// pixel and whose background is the lower one, so a cell shows two roughly square
// pixels. Under the picture is a caption the pane supplies ("PNG · 12.4 KiB ·
// 640×160").
//
// The picture keeps the image's aspect ratio and fits the box SetSize gives (less the
// caption line), never more. It is computed once per image, size and palette, and kept:
// View only returns it. The cost is bounded whatever the image's size: a large image is
// first sampled down (nearest neighbour) to at most four times the box, then scaled with
// Catmull-Rom (golang.org/x/image/draw), so the work grows with the box, not the image.
//
// Without colour (the mono palette, or a terminal without colour: tea.ColorProfileMsg
// with Ascii or NoTTY) each cell is one of ░▒▓█ by brightness, so the shape still shows.
// Transparent pixels are left blank. Like the swatch, the picture is written in true
// colour and the renderer converts it to the terminal's colours. The preview takes no
// keys.
package preview

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"golang.org/x/image/draw"

	"idvset/themes"
	"idvset/tui/components/internal/cells"
)

// Styles is how the preview writes its caption. NewStyles builds it from the editor's.
type Styles struct {
	// Colour is false for the mono palette: the picture is then drawn with ░▒▓█.
	Colour  bool
	Caption themes.Ink

	from *themes.Styles
}

// NewStyles builds the preview's styles from the editor's.
func NewStyles(st *themes.Styles) Styles {
	return Styles{Colour: st.Palette.Colour, Caption: st.Hint, from: st}
}

// Model is an image preview.
type Model struct {
	img           image.Image
	gen           int // counts SetImage calls: images are compared by it, not by value
	caption       string
	width, height int
	profile       colorprofile.Profile
	styles        Styles
	cache         *cache
}

// cache holds the last picture drawn and what it was drawn for. Copies of a Model share
// it; the key tells whether it is theirs.
type cache struct {
	key     cacheKey
	picture []string
}

type cacheKey struct {
	gen, w, h int
	mono      bool
}

// New returns a preview with no image.
func New(st Styles) Model {
	return Model{styles: st, cache: &cache{key: cacheKey{gen: -1}}}
}

// SetImage sets the image and its caption; nil shows the caption alone.
func (m *Model) SetImage(img image.Image, caption string) {
	m.img = img
	m.gen++
	m.caption = cells.Sanitize(caption)
}

// SetCaption changes the caption alone.
func (m *Model) SetCaption(caption string) { m.caption = cells.Sanitize(caption) }

// SetSize gives the preview its box, the caption line included.
func (m *Model) SetSize(width, height int) { m.width, m.height = max(width, 0), max(height, 0) }

// SetStyles restyles the preview.
func (m *Model) SetStyles(st Styles) { m.styles = st }

// UseTheme restyles the preview from the editor's styles when they are not the ones it
// was built from; cheap when nothing changed.
func (m *Model) UseTheme(st *themes.Styles) {
	if st != nil && st != m.styles.from {
		m.styles = NewStyles(st)
	}
}

// Update takes the terminal's colour profile; the preview has no keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if p, ok := msg.(tea.ColorProfileMsg); ok {
		m.profile = p.Profile
	}
	return m, nil
}

// Size is the picture's size in cells for the current image and box (0, 0 without an
// image or room).
func (m Model) Size() (cols, rows int) {
	w, h := m.pixels()
	return w, (h + 1) / 2
}

// box is the room for the picture: the box less the caption line.
func (m Model) box() (cols, rows int) {
	rows = m.height
	if m.caption != "" {
		rows--
	}
	return m.width, max(rows, 0)
}

// pixels is the size of the scaled image in pixels: the image's aspect ratio in a box of
// cols × 2·rows pixels.
func (m Model) pixels() (w, h int) {
	cols, rows := m.box()
	if m.img == nil || cols < 1 || rows < 1 {
		return 0, 0
	}
	b := m.img.Bounds()
	iw, ih := b.Dx(), b.Dy()
	if iw < 1 || ih < 1 {
		return 0, 0
	}
	bw, bh := float64(cols), float64(2*rows)
	scale := math.Min(bw/float64(iw), bh/float64(ih))
	w = min(max(int(math.Round(float64(iw)*scale)), 1), cols)
	h = min(max(int(math.Round(float64(ih)*scale)), 1), 2*rows)
	return w, h
}

// View draws the picture and the caption under it.
func (m Model) View() string {
	if m.width < 1 || m.height < 1 {
		return ""
	}
	pic := m.picture()
	lines := make([]string, 0, len(pic)+1)
	lines = append(lines, pic...)
	if m.caption != "" {
		lines = append(lines, cells.From(m.styles.Caption).Render(cells.Line(m.caption, m.width)))
	}
	return strings.Join(lines, "\n")
}

func (m Model) mono() bool {
	return !m.styles.Colour || m.profile == colorprofile.NoTTY || m.profile == colorprofile.ASCII
}

// picture returns the picture's lines, drawing them when the image, the box or the
// palette changed since the last time.
func (m Model) picture() []string {
	w, h := m.pixels()
	key := cacheKey{gen: m.gen, w: w, h: h, mono: m.mono()}
	if m.cache == nil {
		m.cache = &cache{}
	} else if m.cache.key == key && m.cache.picture != nil {
		return m.cache.picture
	}
	var pic []string
	if w > 0 && h > 0 {
		pic = halfBlocks(scale(m.img, w, h), key.mono)
	}
	if pic == nil {
		pic = []string{}
	}
	m.cache.key, m.cache.picture = key, pic
	return pic
}

// scale returns img scaled to w×h pixels, with a cost bounded by the size of the result.
func scale(img image.Image, w, h int) *image.RGBA {
	src, sr := img, img.Bounds()
	// A large image is sampled down first: Catmull-Rom reads every source pixel under
	// its kernel, so on a 6000-pixel-wide photo it would cost as much as the photo.
	if mw, mh := 4*w, 4*h; sr.Dx() > mw || sr.Dy() > mh {
		mid := image.NewRGBA(image.Rect(0, 0, min(sr.Dx(), mw), min(sr.Dy(), mh)))
		draw.NearestNeighbor.Scale(mid, mid.Bounds(), img, sr, draw.Src, nil)
		src, sr = mid, mid.Bounds()
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, sr, draw.Src, nil)
	return dst
}

// halfBlocks turns pixels into lines of half blocks, two pixel rows a line.
func halfBlocks(px *image.RGBA, mono bool) []string {
	b := px.Bounds()
	lines := make([]string, 0, (b.Dy()+1)/2)
	for y := 0; y < b.Dy(); y += 2 {
		var sb strings.Builder
		var last string // the SGR in effect, to write only changes
		for x := 0; x < b.Dx(); x++ {
			top := px.RGBAAt(x, y)
			bottom := color.RGBA{}
			if y+1 < b.Dy() {
				bottom = px.RGBAAt(x, y+1)
			}
			sgr, glyph := cell(top, bottom, mono)
			if sgr != last {
				if last != "" {
					sb.WriteString("\x1b[m")
				}
				sb.WriteString(sgr)
				last = sgr
			}
			sb.WriteString(glyph)
		}
		if last != "" {
			sb.WriteString("\x1b[m")
		}
		lines = append(lines, sb.String())
	}
	return lines
}

// The brightness ramp of the mono picture, darkest first.
var ramp = [...]string{"░", "▒", "▓", "█"}

// opaque is the alpha above which a pixel is drawn.
const opaque = 0x80

// cell is one cell for two pixels: its SGR sequence (empty for none) and its glyph.
func cell(top, bottom color.RGBA, mono bool) (string, string) {
	t, bt := top.A >= opaque, bottom.A >= opaque
	if !t && !bt {
		return "", " "
	}
	if mono {
		var sum, n float64
		for _, p := range []struct {
			c  color.RGBA
			on bool
		}{{top, t}, {bottom, bt}} {
			if p.on {
				sum += luminance(p.c)
				n++
			}
		}
		i := min(int(sum/n*float64(len(ramp))), len(ramp)-1)
		return "", ramp[i]
	}
	switch {
	case t && bt:
		return "\x1b[38;2;" + rgb(top) + ";48;2;" + rgb(bottom) + "m", "▀"
	case t:
		return "\x1b[38;2;" + rgb(top) + "m", "▀"
	}
	return "\x1b[38;2;" + rgb(bottom) + "m", "▄"
}

// luminance is a pixel's brightness in [0, 1] (Rec. 709).
func luminance(c color.RGBA) float64 {
	r, g, b := straight(c)
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 255
}

// straight undoes the alpha premultiplication of an RGBA pixel.
func straight(c color.RGBA) (r, g, b uint8) {
	if c.A == 0xff || c.A == 0 {
		return c.R, c.G, c.B
	}
	f := func(v uint8) uint8 { return uint8(min(int(v)*0xff/int(c.A), 0xff)) }
	return f(c.R), f(c.G), f(c.B)
}

func rgb(c color.RGBA) string {
	r, g, b := straight(c)
	return strconv.Itoa(int(r)) + ";" + strconv.Itoa(int(g)) + ";" + strconv.Itoa(int(b))
}
