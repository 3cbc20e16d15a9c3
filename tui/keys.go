package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"
)

// KeyMap holds the editor-wide bindings of PRODUCT.md §5. The root switches them on and
// off (and narrows the printable ones away while a field has focus) before it matches a
// key, so the footer and the full help only ever list keys that work.
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

	// saveRefused catches ctrl+s when saving is off, so the status line can say why.
	// It never appears in help.
	saveRefused key.Binding
}

// NewKeyMap returns the editor-wide bindings with every key enabled.
func NewKeyMap() *KeyMap {
	k := &KeyMap{
		NextTab:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next section")),
		PrevTab:     key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous section")),
		JumpHelp:    key.NewBinding(key.WithKeys("alt+1"), key.WithHelp("alt+1…9", "go to section")),
		Undo:        key.NewBinding(),
		Redo:        key.NewBinding(),
		Save:        key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "review and save")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "keys")),
		Quit:        key.NewBinding(),
		saveRefused: key.NewBinding(key.WithKeys("ctrl+s")),
	}
	for i := range k.Jump {
		n := string(rune('1' + i))
		k.Jump[i] = key.NewBinding(key.WithKeys("alt+" + n))
	}
	k.setTyping(false)
	return k
}

// setTyping narrows the bindings while a text field has focus: printable keys (u, U, q)
// then belong to the field, and only their control-key twins stay.
func (k *KeyMap) setTyping(typing bool) {
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

// setJumpEnabled switches alt+1 … alt+9 together.
func (k *KeyMap) setJumpEnabled(v bool) {
	for i := range k.Jump {
		k.Jump[i].SetEnabled(v)
	}
	k.JumpHelp.SetEnabled(v)
}

// ShortHelp is the editor-wide part of the footer, in few words: 80 columns must hold
// it with the pane's keys.
func (k *KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		brief(k.NextTab, "section"), brief(k.Undo, "undo"), brief(k.Save, "save"),
		brief(k.Help, "keys"), brief(k.Quit, "quit"),
	}
}

// brief is a copy of b for the footer: its shortest key and a shorter description. It
// keeps b's enabled state, so the footer shows it only when b works.
func brief(b key.Binding, desc string) key.Binding {
	keys := b.Keys()
	short := ""
	for _, k := range keys {
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
		{k.NextTab, k.PrevTab, k.JumpHelp},
		{k.Undo, k.Redo, k.Save},
		{k.Help, k.Quit},
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

// formKeys are huh's bindings with esc, not ctrl+c, leaving the form (ctrl+c is the
// editor's quit, and esc is how every other dialog is left) and enter named for what
// it does here: submit is "keep" for a field, "save" for the password.
func formKeys(submit string) *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	k.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	k.Input.Submit.SetHelp("enter", submit)
	k.Text.Submit.SetHelp("enter", submit)
	return k
}

// formNav are the keys that move through an embedded form or submit it. The editor acts
// on them itself, at once: huh does it through commands, and keys typed before those
// come back (a paste, a fast typist) would land in the field being left.
type formNav struct {
	submit key.Binding // enter
	next   key.Binding // tab
	prev   key.Binding // shift+tab
}

func newFormNav() formNav {
	return formNav{
		submit: key.NewBinding(key.WithKeys("enter")),
		next:   key.NewBinding(key.WithKeys("tab")),
		prev:   key.NewBinding(key.WithKeys("shift+tab")),
	}
}
