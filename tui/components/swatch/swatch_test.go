package swatch

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"idvset/themes"
)

func newSwatch(p themes.Palette, hex string) Model {
	m := New(NewStyles(themes.New(p)))
	m.SetColor(hex)
	return m
}

// downsample writes a frame as the renderer would for a terminal with profile p.
func downsample(t *testing.T, frame string, p colorprofile.Profile) string {
	t.Helper()
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: p}
	if _, err := w.Write([]byte(frame)); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestTrueColour(t *testing.T) {
	out := newSwatch(themes.Dark(), "#1a73e8").View()
	if !strings.Contains(out, "\x1b[48;2;26;115;232m    \x1b[m") {
		t.Errorf("no true-colour block: %q", out)
	}
	if got := ansi.Strip(out); got != "     #1A73E8" {
		t.Errorf("text %q, want the block then the hex in upper case", got)
	}
}

// A terminal with fewer colours gets the nearest of its colours, from the renderer's
// conversion; the swatch writes true colour either way.
func TestNearestColourOnFewerColours(t *testing.T) {
	for _, hex := range []string{"#1A73E8", "#FF0000", "#112233", "#FFFFFF", "#7F7F7F"} {
		c, _ := Parse(hex)
		frame := newSwatch(themes.Dark(), hex).View()

		want256 := colorprofile.ANSI256.Convert(c).(ansi.IndexedColor)
		if got := downsample(t, frame, colorprofile.ANSI256); !strings.Contains(got, fmt.Sprintf("48;5;%dm", want256)) {
			t.Errorf("%s in 256 colours: %q, want index %d", hex, got, want256)
		}

		want16 := colorprofile.ANSI.Convert(c).(ansi.BasicColor)
		code := 40 + int(want16)
		if want16 >= 8 {
			code = 100 + int(want16) - 8
		}
		if got := downsample(t, frame, colorprofile.ANSI); !strings.Contains(got, fmt.Sprintf("[%dm", code)) {
			t.Errorf("%s in 16 colours: %q, want SGR %d", hex, got, code)
		}
	}
}

// Without colour the swatch is the hex text alone: no block that reads as black.
func TestMonoIsTheTextAlone(t *testing.T) {
	if out := newSwatch(themes.Mono(), "#1a73e8").View(); out != "#1A73E8" {
		t.Errorf("mono palette: %q", out)
	}
	for _, p := range []colorprofile.Profile{colorprofile.ASCII, colorprofile.NoTTY} {
		m, _ := newSwatch(themes.Dark(), "#1A73E8").Update(tea.ColorProfileMsg{Profile: p})
		if out := ansi.Strip(m.View()); out != "#1A73E8" {
			t.Errorf("%v terminal: %q", p, out)
		}
	}
	m, _ := newSwatch(themes.Dark(), "#1A73E8").Update(tea.ColorProfileMsg{Profile: colorprofile.ANSI256})
	if !strings.Contains(m.View(), "48;2;") {
		t.Error("a 256-colour terminal lost the block")
	}
}

func TestInvalidAndEmpty(t *testing.T) {
	for _, hex := range []string{"#12345", "123456", "#12345G", "#1234567", "#+12345", "red", "#\x1b[2J"} {
		out := newSwatch(themes.Dark(), hex).View()
		if strings.Contains(out, "48;2") || strings.Contains(out, "\x1b[2J") {
			t.Errorf("%q drew a block or passed a control sequence: %q", hex, out)
		}
	}
	if out := newSwatch(themes.Dark(), "").View(); out != "" {
		t.Errorf("empty: %q", out)
	}
}

func TestNarrow(t *testing.T) {
	for w := 0; w <= 14; w++ {
		m := newSwatch(themes.Dark(), "#1A73E8")
		m.SetSize(w, 1)
		out := m.View()
		if got := ansi.StringWidth(out); got > w {
			t.Errorf("width %d: %q is %d wide", w, ansi.Strip(out), got)
		}
		if w >= 10 && !strings.Contains(out, "48;2") {
			t.Errorf("width %d: no block", w)
		}
		if w >= 7 && !strings.Contains(out, "#1A73E8") {
			t.Errorf("width %d: the text is cut: %q", w, out)
		}
	}
}
