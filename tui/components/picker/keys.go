package picker

import "charm.land/bubbles/v2/key"

// KeyMap is the picker's bindings. The filter always has focus, so every binding is a
// key that types nothing: arrows, page keys, enter, esc and control keys. The picker
// switches bindings on and off as they start and stop doing something (Pick when
// nothing matches, Clear when there is no filter), so help built from it never lies. To
// take a key away for good, Unbind it: SetEnabled is the picker's own switch.
type KeyMap struct {
	// Move stands for Up and Down in the short help; it matches no key itself.
	Move     key.Binding
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
	// Pick picks the item under the cursor (off in read-only mode).
	Pick key.Binding
	// Cancel leaves the picker without picking.
	Cancel key.Binding
	// Clear empties the filter.
	Clear key.Binding
}

// DefaultKeyMap returns the bindings of PRODUCT.md §5 that make sense while typing:
// ↑↓ (and ctrl+p/ctrl+n), pgup/pgdn, home/end, enter, esc, and ctrl+u to clear.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Move:     key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "move")),
		Up:       key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first")),
		End:      key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last")),
		Pick:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "pick")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Clear:    key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear filter")),
	}
}

// ShortHelp is what the footer shows.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Move, k.Pick, k.Cancel}
}

// FullHelp is every binding, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Pick, k.Cancel, k.Clear},
	}
}

// HelpReasons says why each key of KeyMap.FullHelp does nothing right now, in the same
// columns ("" for a key that works), for the full help (tui/common.Explain).
func (m Model) HelpReasons() [][]string {
	k := m.KeyMap
	why := func(b key.Binding, reason string) string {
		if b.Enabled() {
			return ""
		}
		return reason
	}
	few, fits := "fewer than two matches", "every match fits"
	pick := "nothing matches"
	if m.readOnly {
		pick = "this list is for looking up, not picking"
	}
	return [][]string{
		{why(k.Up, few), why(k.Down, few), why(k.PageUp, fits), why(k.PageDown, fits), why(k.Home, few), why(k.End, few)},
		{why(k.Pick, pick), why(k.Cancel, ""), why(k.Clear, "the filter is empty")},
	}
}
