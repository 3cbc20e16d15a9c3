// Package uitest helps the components' tests and benchmarks: the key messages a
// terminal sends, and the check that a view stays inside its box.
package uitest

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"idvset/tui/internal/keypress"
)

// Press is the key message for a key as key.Binding names it: "down", "ctrl+a", "*"
// (keypress.Press).
func Press(name string) tea.KeyPressMsg { return keypress.Press(name) }

// Type is the key messages for typing text, one rune each (keypress.Type).
func Type(text string) []tea.KeyPressMsg { return keypress.Type(text) }

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

// CheckHelpReasons fails the test unless why, a component's HelpReasons, has the shape
// of cols, its FullHelp, and gives no reason for a key that works (the ? overlay would
// show a working key dimmed).
func CheckHelpReasons(t testing.TB, cols [][]key.Binding, why [][]string) {
	t.Helper()
	if len(cols) != len(why) {
		t.Fatalf("%d columns, %d of reasons", len(cols), len(why))
	}
	for i := range cols {
		if len(cols[i]) != len(why[i]) {
			t.Fatalf("column %d: %d keys, %d reasons", i, len(cols[i]), len(why[i]))
		}
		for j, b := range cols[i] {
			if b.Enabled() && why[i][j] != "" {
				t.Errorf("%s works but has a reason %q", b.Help().Desc, why[i][j])
			}
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
