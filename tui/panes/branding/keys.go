package branding

import (
	"charm.land/bubbles/v2/key"

	"idvset/tui/common"
	"idvset/tui/components/table"
)

// keys are the pane's own bindings; the scope list's movement and filter keys are the
// table's (table.KeyMap).
type keys struct {
	// Open moves from the scope list into the selected scope's fields (enter, →, l).
	Open key.Binding
	// Up and Down move through the fields (Move stands for both in the footer); Home and
	// End go to the first and last.
	Move, Up, Down, Home, End key.Binding
	// Edit opens the selected field's form (enter).
	Edit key.Binding
	// Clear unsets the selected field in this scope, so that it inherits again.
	Clear key.Binding
	// Back returns from the fields to the scope list (esc, ←, h).
	Back key.Binding
	// PrevScope and NextScope move to the scope above or below in the list, staying on
	// the same field (pgup, pgdown): setting one field in several scopes is then one key
	// a scope.
	PrevScope, NextScope key.Binding
	// ResetAll clears every colour in every scope, after a confirmation (R).
	ResetAll key.Binding
	// Yes and No answer the confirmation.
	Yes, No key.Binding

	// why says why keys are off, for the full help; set with the keys (setKeys).
	why struct{ open, edit, clear, resetAll string }
}

func newKeys() keys {
	return keys{
		Open:      key.NewBinding(key.WithKeys("enter", "right", "l"), key.WithHelp("enter/→", "edit this scope")),
		Move:      key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "move")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous field")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next field")),
		Home:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "first field")),
		End:       key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "last field")),
		Edit:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set the field")),
		Clear:     key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x/delete", "clear (inherit again)")),
		Back:      key.NewBinding(key.WithKeys("esc", "left", "h"), key.WithHelp("esc/←", "back to the scopes")),
		PrevScope: key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "same field, scope above")),
		NextScope: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "same field, scope below")),
		ResetAll:  key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "reset all colours…")),
		Yes:       key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "reset")),
		No:        key.NewBinding(key.WithKeys("n", "N", "esc", "enter"), key.WithHelp("n/esc", "keep them")),
	}
}

// listKeys is the footer and full help while the scope list has focus.
type listKeys struct {
	k keys
	t table.Model
}

// ShortHelp is the footer: few keys, so that the editor's (? keys, q quit) still fit at
// 80 columns. Moving goes without saying; R and the rest are in the full help.
func (l listKeys) ShortHelp() []key.Binding {
	t := l.t.KeyMap
	open := short(l.k.Open, "enter", "edit")
	if t.ClearFilter.Enabled() {
		// A kept filter: esc shows every scope again, / starts another (in the full help).
		return []key.Binding{short(t.ClearFilter, "esc", "unfilter"), open}
	}
	return []key.Binding{t.Filter, t.AcceptFilter, t.CancelFilter, open}
}

// FullHelp lists every key.
func (l listKeys) FullHelp() [][]key.Binding {
	t := l.t.KeyMap
	return [][]key.Binding{
		{t.Up, t.Down, t.PageUp, t.PageDown, t.Home, t.End},
		{t.Filter, t.AcceptFilter, t.CancelFilter, t.ClearFilter},
		{l.k.Open, l.k.ResetAll},
	}
}

// ExplainedHelp is the full help with the reasons of the keys that are off.
func (l listKeys) ExplainedHelp() [][]common.KeyHelp {
	t := l.t.KeyMap
	why := l.t.HelpReasons()
	cols := common.Reasoned([][]key.Binding{
		{t.Up, t.Down, t.PageUp, t.PageDown, t.Home, t.End},
		{t.Filter, t.AcceptFilter, t.CancelFilter, t.ClearFilter},
	}, why[:2])
	return append(cols, []common.KeyHelp{
		common.Explain(l.k.Open, l.k.why.open), common.Explain(l.k.ResetAll, l.k.why.resetAll),
	})
}

// fieldKeys is the footer and full help while a scope's fields have focus.
type fieldKeys struct{ k keys }

// ShortHelp is the footer, as short: esc (back to the scopes), pgup/pgdn and R are in
// the full help.
func (f fieldKeys) ShortHelp() []key.Binding {
	k := f.k
	return []key.Binding{short(k.Edit, "enter", "set"), short(k.Clear, "x", "clear")}
}

// FullHelp lists every key.
func (f fieldKeys) FullHelp() [][]key.Binding {
	k := f.k
	return [][]key.Binding{{k.Up, k.Down, k.Home, k.End, k.PrevScope, k.NextScope}, {k.Edit, k.Clear, k.Back, k.ResetAll}}
}

// ExplainedHelp is the full help with the reasons of the keys that are off.
func (f fieldKeys) ExplainedHelp() [][]common.KeyHelp {
	k := f.k
	e := func(b key.Binding) common.KeyHelp { return common.Explain(b, "") }
	return [][]common.KeyHelp{
		{e(k.Up), e(k.Down), e(k.Home), e(k.End), common.Explain(k.PrevScope, "first scope shown"),
			common.Explain(k.NextScope, "last scope shown")},
		{common.Explain(k.Edit, k.why.edit), common.Explain(k.Clear, k.why.clear), e(k.Back),
			common.Explain(k.ResetAll, k.why.resetAll)},
	}
}

// confirmKeys is the footer of the reset confirmation.
type confirmKeys struct{ k keys }

func (c confirmKeys) ShortHelp() []key.Binding  { return []key.Binding{c.k.Yes, c.k.No} }
func (c confirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{c.ShortHelp()} }

// short is a copy of b for the footer, named by one key and a shorter description; it
// keeps b's enabled state.
func short(b key.Binding, k, desc string) key.Binding {
	b.SetHelp(k, desc)
	return b
}
