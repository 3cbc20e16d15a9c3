package common

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// KeyMap holds the editor-wide bindings of PRODUCT.md §5. The root switches them on and
// off (and narrows the printable ones away while a field has focus) before it matches a
// key, so the footer only ever lists keys that work, and the full help says why the
// others do not (Why).
type KeyMap struct {
	NextTab key.Binding
	PrevTab key.Binding
	// Jump[i] goes to section i+1 (alt+1 … alt+9); JumpHelp stands for all of them in help.
	Jump     [9]key.Binding
	JumpHelp key.Binding
	Undo     key.Binding
	Redo     key.Binding
	Save     key.Binding
	Help     key.Binding
	Quit     key.Binding

	// Why says why Undo, Redo and Save are off, for the full help ("nothing to undo").
	// The root sets it whenever it switches them.
	Why struct{ Undo, Redo, Save string }
}

// NewKeyMap returns the editor-wide bindings with every key enabled.
func NewKeyMap() *KeyMap {
	k := &KeyMap{
		NextTab:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next section")),
		PrevTab:  key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous section")),
		JumpHelp: key.NewBinding(key.WithKeys("alt+1"), key.WithHelp("alt+1…9", "go to section")),
		Undo:     key.NewBinding(),
		Redo:     key.NewBinding(),
		Save:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "review and save")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "this help")),
		Quit:     key.NewBinding(),
	}
	for i := range k.Jump {
		n := string(rune('1' + i))
		k.Jump[i] = key.NewBinding(key.WithKeys("alt+" + n))
	}
	k.SetTyping(false)
	return k
}

// SetTyping narrows the bindings while a text field has focus: printable keys (u, U, q)
// then belong to the field, and only their control-key twins stay.
func (k *KeyMap) SetTyping(typing bool) {
	if typing {
		k.Undo.SetKeys("ctrl+z")
		k.Undo.SetHelp("ctrl+z", "undo")
		k.Redo.SetKeys("ctrl+y")
		k.Redo.SetHelp("ctrl+y", "redo")
		k.Quit.SetKeys("ctrl+c")
		k.Quit.SetHelp("ctrl+c", "quit")
		return
	}
	k.Undo.SetKeys("ctrl+z", "u")
	k.Undo.SetHelp("ctrl+z/u", "undo")
	k.Redo.SetKeys("ctrl+y", "U")
	k.Redo.SetHelp("ctrl+y/U", "redo")
	k.Quit.SetKeys("q", "ctrl+c")
	k.Quit.SetHelp("q", "quit")
}

// SetJumpEnabled switches alt+1 … alt+9 together.
func (k *KeyMap) SetJumpEnabled(v bool) {
	for i := range k.Jump {
		k.Jump[i].SetEnabled(v)
	}
	k.JumpHelp.SetEnabled(v)
}

// ShortHelp is the editor-wide part of the footer, in few words: 80 columns must hold
// it with the pane's keys.
func (k *KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		Brief(k.NextTab, "section"), Brief(k.Undo, "undo"), Brief(k.Save, "save"),
		Brief(k.Help, "keys"), Brief(k.Quit, "quit"),
	}
}

// Brief is a copy of b for the footer: its shortest key and a shorter description. It
// keeps b's enabled state, so the footer shows it only when b works.
func Brief(b key.Binding, desc string) key.Binding {
	short := ""
	for _, k := range b.Keys() {
		if short == "" || len(k) < len(short) {
			short = k
		}
	}
	b.SetHelp(short, desc)
	return b
}

// FullHelp is the editor-wide part of the full help, in columns.
func (k *KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextTab, k.PrevTab, k.JumpHelp, k.Help, k.Quit},
		{k.Undo, k.Redo, k.Save},
	}
}

// ExplainedHelp is FullHelp with the reasons of Why: a new user learns that ctrl+s
// saves before there is anything to save.
func (k *KeyMap) ExplainedHelp() [][]KeyHelp {
	return [][]KeyHelp{
		{Explain(k.NextTab, ""), Explain(k.PrevTab, ""), Explain(k.JumpHelp, ""), Explain(k.Help, ""), Explain(k.Quit, "")},
		{Explain(k.Undo, k.Why.Undo), Explain(k.Redo, k.Why.Redo), Explain(k.Save, k.Why.Save)},
	}
}

// ListKeys move through a list of items and act on the selected one. Panes hold their
// own copy and disable what they do not offer, so help shows only what works there.
type ListKeys struct {
	// Move stands for Up and Down together in the footer; it matches no key itself.
	Move     key.Binding
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
	Edit     key.Binding
	Back     key.Binding
	Filter   key.Binding
	Toggle   key.Binding
	MarkAll  key.Binding
}

// Navigate moves cursor through a list of n rows short enough to fit on the screen:
// ↑↓ a row, home and pgup to the first, end and pgdn to the last (a page is the whole
// list). It reports whether k was one of those keys.
func (k ListKeys) Navigate(msg tea.KeyPressMsg, cursor, n int) (int, bool) {
	switch {
	case key.Matches(msg, k.Up):
		return max(cursor-1, 0), true
	case key.Matches(msg, k.Down):
		return min(cursor+1, n-1), true
	case key.Matches(msg, k.Home, k.PageUp):
		return 0, true
	case key.Matches(msg, k.End, k.PageDown):
		return n - 1, true
	}
	return cursor, false
}

// NewListKeys returns the list bindings of PRODUCT.md §5, all enabled.
func NewListKeys() ListKeys {
	return ListKeys{
		Move:     key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "move")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first")),
		End:      key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last")),
		Edit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Toggle:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "mark")),
		MarkAll:  key.NewBinding(key.WithKeys("ctrl+a", "*"), key.WithHelp("ctrl+a/*", "mark all")),
	}
}

// Scrolling returns the list keys of a view that only scrolls (a preview, a dialog):
// moving, paging, first and last, named for scrolling; nothing to pick or mark.
func Scrolling() ListKeys {
	k := NewListKeys()
	for _, b := range []*key.Binding{&k.Edit, &k.Back, &k.Filter, &k.Toggle, &k.MarkAll} {
		b.SetEnabled(false)
	}
	k.Move.SetHelp("↑↓", "scroll")
	k.Up.SetHelp("↑/k", "scroll up")
	k.Down.SetHelp("↓/j", "scroll down")
	return k
}

// SetScrollEnabled switches the moving keys (Move, Up, Down, PageUp, PageDown, Home,
// End) together.
func (k *ListKeys) SetScrollEnabled(v bool) {
	for _, b := range []*key.Binding{&k.Move, &k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Home, &k.End} {
		b.SetEnabled(v)
	}
}

// ShortHelp lists the keys most worth showing in the footer.
func (k ListKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Move, k.Edit, k.Filter, k.Toggle}
}

// FullHelp lists every list key, in columns.
func (k ListKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Edit, k.Back, k.Filter, k.Toggle, k.MarkAll},
	}
}

// FormKeys are huh's bindings with esc, not ctrl+c, leaving the form (ctrl+c is the
// editor's quit, and esc is how every other dialog is left) and enter named for what
// it does here: submit is "keep" for a field, "save" for the password.
func FormKeys(submit string) *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	k.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	k.Input.Submit.SetHelp("enter", submit)
	k.Text.Submit.SetHelp("enter", submit)
	return k
}

// FormNav are the keys that move through an embedded form or submit it. Components act
// on them themselves, at once: huh does it through commands, and keys typed before those
// come back (a paste, a fast typist) would land in the field being left.
type FormNav struct {
	Submit key.Binding // enter
	Next   key.Binding // tab
	Prev   key.Binding // shift+tab
}

// NewFormNav returns enter, tab and shift+tab.
func NewFormNav() FormNav {
	return FormNav{
		Submit: key.NewBinding(key.WithKeys("enter")),
		Next:   key.NewBinding(key.WithKeys("tab")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab")),
	}
}

// FormBindings are an embedded form's own bindings and esc, for the footer.
func FormBindings(form *huh.Form) []key.Binding {
	return append(form.KeyBinds(), key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")))
}
