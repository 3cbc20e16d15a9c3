package keypress

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// The names key.Binding uses give the messages a terminal sends: what key.Matches sees.
func TestPress(t *testing.T) {
	for _, tc := range []struct {
		name string
		want tea.KeyPressMsg
	}{
		{"a", tea.KeyPressMsg{Code: 'a', Text: "a"}},
		{"*", tea.KeyPressMsg{Code: '*', Text: "*"}},
		{"space", tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}},
		{"enter", tea.KeyPressMsg{Code: tea.KeyEnter}},
		{"delete", tea.KeyPressMsg{Code: tea.KeyDelete}},
		{"ctrl+s", tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}},
		{"ctrl+space", tea.KeyPressMsg{Code: tea.KeySpace, Mod: tea.ModCtrl}},
		{"alt+2", tea.KeyPressMsg{Code: '2', Mod: tea.ModAlt}},
		{"shift+tab", tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}},
		{"ctrl+alt+x", tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl | tea.ModAlt}},
	} {
		got := Press(tc.name)
		if got.Code != tc.want.Code || got.Mod != tc.want.Mod || got.Text != tc.want.Text {
			t.Errorf("Press(%q) = %+v, want %+v", tc.name, got, tc.want)
		}
		if got.String() != tc.name && tc.name != "ctrl+alt+x" {
			t.Errorf("Press(%q).String() = %q", tc.name, got.String())
		}
	}
	typed := Type("a b")
	if len(typed) != 3 || typed[1].String() != "space" || typed[1].Text != " " || typed[2].Text != "b" {
		t.Errorf("Type(%q) = %+v", "a b", typed)
	}
}
