package table

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
)

// KeyMap is the table's bindings. The table switches them on and off as they start and
// stop doing something, so help built from it never lies. A pane may rebind any of them
// (SetKeys and SetHelp) or take one away for good (Unbind: SetEnabled is the table's
// own switch).
//
// The defaults leave the letters a pane needs for its own actions free: the Accepted IDs
// pane toggles ID types with p/d/i/v or 1–4 and applies all/none/supported with a/n/s.
// The table takes only j/k/g/G, space, /, *, - and ! besides the arrows and control keys.
type KeyMap struct {
	// Move stands for Up and Down in the short help; it matches no key itself.
	Move     key.Binding
	Up       key.Binding // up, k
	Down     key.Binding // down, j
	PageUp   key.Binding // pgup
	PageDown key.Binding // pgdown
	Home     key.Binding // home, g
	End      key.Binding // end, G

	// Filter opens the filter field (/).
	Filter key.Binding
	// AcceptFilter keeps the filter and returns to the rows (enter, while typing).
	AcceptFilter key.Binding
	// CancelFilter empties and closes the filter (esc, while typing).
	CancelFilter key.Binding
	// ClearFilter empties a filter kept with enter (esc, on the rows).
	ClearFilter key.Binding

	// Mark marks or unmarks the cursor row (space).
	Mark key.Binding
	// MarkAll marks every row shown (ctrl+a, and * for GNU screen users, whose prefix is
	// ctrl+a). While typing a filter, only its non-printable keys work (ctrl+a); the
	// table writes its help key from its keys to say so, keeping the description.
	MarkAll key.Binding
	// ClearMarks unmarks every row, shown or not (-).
	ClearMarks key.Binding
	// Invert marks the unmarked rows shown and unmarks the marked ones (!).
	Invert key.Binding
}

// DefaultKeyMap returns the table's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Move:         key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "move")),
		Up:           key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:         key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "first")),
		End:          key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "last")),
		Filter:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		AcceptFilter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		CancelFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		ClearFilter:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Mark:         key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "mark")),
		MarkAll:      key.NewBinding(key.WithKeys("ctrl+a", "*"), key.WithHelp("ctrl+a/*", "mark all shown")),
		ClearMarks:   key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "unmark all")),
		Invert:       key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "invert marks")),
	}
}

// ShortHelp is what the footer shows: the pane adds its own actions.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Move, k.Filter, k.AcceptFilter, k.CancelFilter, k.ClearFilter, k.Mark, k.MarkAll}
}

// FullHelp is every binding, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Filter, k.AcceptFilter, k.CancelFilter, k.ClearFilter},
		{k.Mark, k.MarkAll, k.ClearMarks, k.Invert},
	}
}

// HelpReasons says why each key of KeyMap.FullHelp does nothing right now, in the same
// columns ("" for a key that works). A pane pairs them for the full help, which shows
// disabled keys dim with their reason (tui/common.Explain):
//
//	cols, why := t.KeyMap.FullHelp(), t.HelpReasons()
//	// cols[i][j] is off because why[i][j]
func (m Model) HelpReasons() [][]string {
	k := m.KeyMap
	n := m.shown()
	typing := "only while typing a filter (/)"
	leave := "press enter to leave the filter first"
	var noRows string
	if n == 0 {
		noRows = "no row shown"
	}
	why := func(b key.Binding, reason string) string {
		if b.Enabled() {
			return ""
		}
		return reason
	}
	few := "fewer than two rows shown"
	fits := "every row shown fits"
	filter := noRows
	if m.filtering {
		filter = "already filtering"
	}
	mark, clearMarks := noRows, "nothing marked"
	if m.filtering {
		mark, clearMarks = leave, leave
	}
	return [][]string{
		{why(k.Up, few), why(k.Down, few), why(k.PageUp, fits), why(k.PageDown, fits), why(k.Home, few), why(k.End, few)},
		{why(k.Filter, filter), why(k.AcceptFilter, typing), why(k.CancelFilter, typing), why(k.ClearFilter, "no filter kept")},
		{why(k.Mark, mark), why(k.MarkAll, noRows), why(k.ClearMarks, clearMarks), why(k.Invert, mark)},
	}
}

// printable reports a key name that types a character (one rune, or "space"): such a
// key belongs to the filter field while it has focus.
func printable(name string) bool {
	return name == "space" || utf8.RuneCountInString(name) == 1
}

// typingKeys are the keys of b that still work while the filter has focus, and their
// help text: "ctrl+a" of "ctrl+a/*".
func typingKeys(b key.Binding) []string {
	var out []string
	for _, k := range b.Keys() {
		if !printable(k) {
			out = append(out, k)
		}
	}
	return out
}

func joinKeys(keys []string) string { return strings.Join(keys, "/") }
