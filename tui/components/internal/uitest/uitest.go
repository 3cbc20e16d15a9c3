// Package uitest helps the components' tests and benchmarks: the key messages a
// terminal sends, and the check that a view stays inside its box.
package uitest

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

var special = map[string]rune{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
	"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
	"backspace": tea.KeyBackspace,
}

// Press is the key message for a key as key.Binding names it: "down", "ctrl+a", "*".
// Printable keys carry their text, as a terminal sends them.
func Press(name string) tea.KeyPressMsg {
	var mod tea.KeyMod
	for {
		switch {
		case strings.HasPrefix(name, "ctrl+"):
			mod |= tea.ModCtrl
			name = strings.TrimPrefix(name, "ctrl+")
			continue
		case strings.HasPrefix(name, "alt+"):
			mod |= tea.ModAlt
			name = strings.TrimPrefix(name, "alt+")
			continue
		}
		break
	}
	if r, ok := special[name]; ok {
		k := tea.KeyPressMsg{Code: r, Mod: mod}
		if r == tea.KeySpace && mod == 0 {
			k.Text = " "
		}
		return k
	}
	r := []rune(name)[0]
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: name}
}

// Type is the key messages for typing text, one rune each.
func Type(text string) []tea.KeyPressMsg {
	var out []tea.KeyPressMsg
	for _, r := range text {
		if r == ' ' {
			out = append(out, Press("space"))
			continue
		}
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

// CheckBox fails the test when view has more than h lines or a line wider than w cells.
func CheckBox(t testing.TB, name, view string, w, h int) {
	t.Helper()
	if view == "" {
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Fatalf("%s: %d lines in a box of %d", name, len(lines), h)
	}
	for _, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%s: line %q is %d wide in a box of %d", name, ansi.Strip(l), lw, w)
		}
	}
}

// Sizes are the box sizes a TestEverySize draws, from 0x0 to maxW x maxH: every one, or
// under the race detector a sample (the small ones, then every seventh), since
// `make test` draws every size once more without it.
func Sizes(maxW, maxH int) [][2]int {
	sampled := func(n int) bool { return !raceEnabled || n <= 4 || n%7 == 0 }
	var out [][2]int
	for w := 0; w <= maxW; w++ {
		for h := 0; h <= maxH; h++ {
			if sampled(w) && sampled(h) || w == maxW && h == maxH {
				out = append(out, [2]int{w, h})
			}
		}
	}
	return out
}
