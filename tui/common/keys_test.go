package common

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A short list moves a row at a time with ↑↓ (and k/j), and to either end with home,
// pgup, end and pgdn; other keys do not move it, and a key that is off does nothing.
func TestNavigate(t *testing.T) {
	k := NewListKeys()
	press := func(code rune, text string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code, Text: text} }
	for _, tc := range []struct {
		name      string
		msg       tea.KeyPressMsg
		from      int
		want      int
		wantMoved bool
	}{
		{"down", press(tea.KeyDown, ""), 1, 2, true},
		{"j", press('j', "j"), 1, 2, true},
		{"down at the end", press(tea.KeyDown, ""), 4, 4, true},
		{"up", press(tea.KeyUp, ""), 1, 0, true},
		{"up at the top", press(tea.KeyUp, ""), 0, 0, true},
		{"home", press(tea.KeyHome, ""), 3, 0, true},
		{"pgup", press(tea.KeyPgUp, ""), 3, 0, true},
		{"end", press(tea.KeyEnd, ""), 1, 4, true},
		{"pgdown", press(tea.KeyPgDown, ""), 1, 4, true},
		{"enter", press(tea.KeyEnter, ""), 2, 2, false},
		{"x", press('x', "x"), 2, 2, false},
	} {
		got, moved := k.Navigate(tc.msg, tc.from, 5)
		if got != tc.want || moved != tc.wantMoved {
			t.Errorf("%s from %d: %d, %v; want %d, %v", tc.name, tc.from, got, moved, tc.want, tc.wantMoved)
		}
	}
	k.Down.SetEnabled(false)
	if got, moved := k.Navigate(press(tea.KeyDown, ""), 1, 5); got != 1 || moved {
		t.Errorf("down while off: %d, %v", got, moved)
	}
}
