package preview

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"idvset/themes"
	"idvset/tui/components/internal/uitest"
)

func filled(w, h int, c color.Color) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	return img
}

func newPreview(p themes.Palette, img image.Image, caption string, w, h int) Model {
	m := New(NewStyles(themes.New(p)))
	m.SetImage(img, caption)
	m.SetSize(w, h)
	return m
}

// lines are the picture's lines (the caption dropped), without styles.
func lines(m Model) []string {
	out := strings.Split(ansi.Strip(m.View()), "\n")
	if m.caption != "" {
		out = out[:len(out)-1]
	}
	return out
}

func TestFitsTheBoxKeepingTheAspectRatio(t *testing.T) {
	tests := []struct {
		iw, ih, w, h int
		cols, rows   int
		caption      string
		name         string
	}{
		{100, 50, 20, 11, 20, 5, "c", "wide: limited by the width"},
		{50, 100, 20, 11, 10, 10, "c", "tall: limited by the height"},
		{640, 160, 40, 6, 40, 5, "c", "a header banner at 80 columns"},
		{16, 16, 40, 11, 20, 10, "c", "a small icon fills the box"},
		{6000, 4000, 30, 30, 30, 10, "", "a photo: the box without a caption"},
		{1, 1, 5, 5, 5, 3, "c", "one pixel"},
	}
	for _, tt := range tests {
		m := newPreview(themes.Dark(), blank{image.Rect(0, 0, tt.iw, tt.ih)}, tt.caption, tt.w, tt.h)
		cols, rows := m.Size()
		if cols != tt.cols || rows != tt.rows {
			t.Errorf("%s: %dx%d in %dx%d is %dx%d cells, want %dx%d", tt.name, tt.iw, tt.ih, tt.w, tt.h, cols, rows, tt.cols, tt.rows)
		}
		ls := lines(m)
		if len(ls) != rows {
			t.Errorf("%s: %d lines drawn, want %d", tt.name, len(ls), rows)
		}
		for _, l := range ls {
			if ansi.StringWidth(l) != cols {
				t.Errorf("%s: line %q is not %d wide", tt.name, l, cols)
			}
		}
	}
}

func TestHalfBlocksInColour(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{255, 0, 0, 255}) // red over blue
	img.Set(0, 1, color.RGBA{0, 0, 255, 255})
	img.Set(1, 0, color.RGBA{0, 255, 0, 255}) // green over transparent
	m := newPreview(themes.Dark(), img, "", 2, 1)
	out := m.View()
	if !strings.Contains(out, "\x1b[38;2;255;0;0;48;2;0;0;255m▀") {
		t.Errorf("red over blue: %q", out)
	}
	if !strings.Contains(out, "\x1b[38;2;0;255;0m▀") {
		t.Errorf("green over nothing: %q", out)
	}
}

// Without colour, brightness picks the glyph and transparency stays blank.
func TestMonoRamp(t *testing.T) {
	tests := []struct {
		c    color.Color
		want string
	}{
		{color.Black, "░"},
		{color.Gray{0x50}, "▒"},
		{color.Gray{0xa0}, "▓"},
		{color.White, "█"},
		{color.Transparent, " "},
	}
	for _, tt := range tests {
		for _, m := range []Model{
			newPreview(themes.Mono(), filled(4, 4, tt.c), "PNG", 4, 3),
			func() Model {
				m, _ := newPreview(themes.Dark(), filled(4, 4, tt.c), "PNG", 4, 3).Update(tea.ColorProfileMsg{Profile: colorprofile.ASCII})
				return m
			}(),
		} {
			pic := strings.Join(m.picture(), "\n")
			if strings.Contains(pic, "\x1b") {
				t.Errorf("%v: colour without colour: %q", tt.c, pic)
			}
			if got := lines(m)[0]; got != strings.Repeat(tt.want, 4) {
				t.Errorf("%v: %q, want %q", tt.c, got, strings.Repeat(tt.want, 4))
			}
		}
	}
}

func TestCaption(t *testing.T) {
	m := newPreview(themes.Mono(), filled(10, 10, color.White), "PNG · 1.2 KiB · 10×10\x1b[2J", 30, 4)
	out := m.View()
	ls := strings.Split(ansi.Strip(out), "\n")
	if last := ls[len(ls)-1]; last != `"PNG · 1.2 KiB · 10×10\x1b[2J"` {
		t.Errorf("caption %q", last)
	}
	// No image: the caption alone.
	m.SetImage(nil, "no header image")
	if got := ansi.Strip(m.View()); got != "no header image" {
		t.Errorf("no image: %q", got)
	}
}

// The picture is drawn once per image, size and palette.
func TestCached(t *testing.T) {
	img := &countingImage{Image: filled(64, 64, color.White)}
	m := newPreview(themes.Dark(), img, "c", 20, 11)
	first := m.View()
	n := img.calls
	for range 5 {
		if m.View() != first {
			t.Fatal("the picture changed")
		}
	}
	if img.calls != n {
		t.Errorf("the image was read again for the same picture: %d reads, then %d", n, img.calls)
	}
	m.SetSize(10, 6)
	m.View()
	if img.calls == n {
		t.Error("a new size did not draw again")
	}
	n = img.calls
	m.SetImage(img, "c")
	m.View()
	if img.calls == n {
		t.Error("a new image did not draw again")
	}
}

// blank is a white image of any size without pixels in memory.
type blank struct{ r image.Rectangle }

func (b blank) ColorModel() color.Model { return color.RGBAModel }
func (b blank) Bounds() image.Rectangle { return b.r }
func (b blank) At(x, y int) color.Color { return color.White }

// countingImage counts reads, to check that the cost depends on the box, not the image.
type countingImage struct {
	image.Image
	calls int
}

func (c *countingImage) At(x, y int) color.Color {
	c.calls++
	return c.Image.At(x, y)
}

// hugeImage is 3,000 pixels square without allocating them: big enough that reading it
// all (9 million reads) is far over the bound below, small enough to fail fast.
type hugeImage struct{ calls int }

func (h *hugeImage) ColorModel() color.Model { return color.RGBAModel }
func (h *hugeImage) Bounds() image.Rectangle { return image.Rect(0, 0, 3000, 3000) }
func (h *hugeImage) At(x, y int) color.Color {
	h.calls++
	return color.RGBA{uint8(x), uint8(y), 0, 255}
}

func TestCostIsBoundedByTheBox(t *testing.T) {
	img := &hugeImage{}
	m := newPreview(themes.Dark(), img, "", 40, 20)
	m.View()
	box := 40 * 40
	if img.calls == 0 || img.calls > 16*box {
		t.Errorf("a 3,000² image read %d pixels for a %d-pixel box", img.calls, box)
	}
}

// Every size from 0x0 to 50x20 draws without panicking, within its box.
func TestEverySize(t *testing.T) {
	imgs := []image.Image{filled(640, 160, color.White), filled(3, 700, color.Black), filled(1, 1, color.White),
		image.NewRGBA(image.Rect(0, 0, 0, 0))}
	for _, img := range imgs {
		for _, p := range []themes.Palette{themes.Dark(), themes.Mono()} {
			for _, size := range uitest.Sizes(50, 20) {
				w, h := size[0], size[1]
				m := newPreview(p, img, "PNG · 640×160", w, h)
				uitest.CheckBox(t, fmt.Sprintf("%v %s %dx%d", img.Bounds(), p.Name, w, h), m.View(), w, h)
			}
		}
	}
}
