package accepted

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/tui/common"
)

// keys are the pane's own bindings; the table brings its own (move, filter, marks).
// They take only keys the table leaves free (see table.KeyMap).
type keys struct {
	All       key.Binding // a: every ID type
	None      key.Binding // n: nothing
	Supported key.Binding // s: what the catalog offers
	// Toggle turns one ID type on or off (p d i v, or 1–4), in model.IDTypes order.
	Toggle [4]key.Binding
	// ToggleHelp stands for the four in the footer and the full help.
	ToggleHelp key.Binding
	// Off turns one ID type off (P D I V): "drop driving licences in Africa" in one
	// press even where some countries lack them (a toggle would turn them on first).
	Off        [4]key.Binding
	Mode       key.Binding // m: per region / per country
	AutoAccept key.Binding // A: autoAcceptNew
	Copy       key.Binding // c: copy regions to countries

	// The answers of a question: y/N for copying; c, k or esc for switching to per
	// country.
	Yes, No, CopyAnswer, Keep, Cancel key.Binding
}

func newKeys() keys {
	k := keys{
		All:        key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "all types")),
		None:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "none")),
		Supported:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "supported")),
		ToggleHelp: key.NewBinding(key.WithKeys("p"), key.WithHelp("p/d/i/v", "toggle type")),
		Mode:       key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "per region/country")),
		AutoAccept: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "autoAcceptNew on/off")),
		Copy:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy regions to countries")),
		Yes:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:         key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no")),
		CopyAnswer: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy the regions")),
		Keep:       key.NewBinding(key.WithKeys("k"), key.WithHelp("k", "keep the table")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
	for i, name := range []string{"PASSPORT", "DRIVING_LICENSE", "ID_CARD", "VISA"} {
		letter := []string{"p", "d", "i", "v"}[i]
		digit := string(rune('1' + i))
		k.Toggle[i] = key.NewBinding(key.WithKeys(letter, digit), key.WithHelp(letter+"/"+digit, "toggle "+name))
		k.Off[i] = key.NewBinding(key.WithKeys(strings.ToUpper(letter)), key.WithHelp(strings.ToUpper(letter), name+" off"))
	}
	return k
}

// editing reports whether msg is one of the keys that edit, switched on or not: under
// --readonly they are off, and the pane says why when one is pressed.
func (k keys) editing(msg tea.KeyPressMsg) bool {
	all := append([]key.Binding{k.All, k.None, k.Supported, k.Mode, k.Copy, k.AutoAccept}, k.Toggle[:]...)
	for _, b := range append(all, k.Off[:]...) {
		b.SetEnabled(true)
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}

// keyMap is what the pane offers right now, for the footer and the full help.
type keyMap struct {
	p *Pane
}

// ShortHelp is the footer: the answers of an open question, the filter's keys while
// typing, else the mark key with the count of marked rows (what the next key acts on).
// At 80 columns the editor's own keys need most of the line, so the pane's other keys
// are on its bottom line; from 120 columns they are here too.
func (km keyMap) ShortHelp() []key.Binding {
	p, k := km.p, km.p.keys
	if p.prompt != nil {
		return p.prompt.keys(k)
	}
	t := p.table()
	tk := t.KeyMap
	if t.Filtering() {
		return []key.Binding{tk.AcceptFilter, tk.CancelFilter, tk.MarkAll}
	}
	mark := tk.Mark
	if n := t.MarkedCount(); n > 0 {
		mark.SetHelp(mark.Help().Key, "mark · "+count(n, "marked"))
	}
	if p.width < 120 {
		return []key.Binding{mark}
	}
	out := []key.Binding{tk.Filter, tk.ClearFilter, mark, brief(tk.MarkAll, "* all"), brief(k.None, "n/s/a none/supported/all")}
	if p.countryMode() {
		return append(out, k.ToggleHelp, brief(k.Mode, "m per region"))
	}
	return append(out, brief(k.Mode, "m per country"))
}

// brief is b with a shorter footer text ("key desc" as one), keeping its state.
func brief(b key.Binding, text string) key.Binding {
	k, d := text, ""
	for i := range len(text) {
		if text[i] == ' ' {
			k, d = text[:i], text[i+1:]
			break
		}
	}
	b.SetHelp(k, d)
	return b
}

// FullHelp is every key, in columns.
func (km keyMap) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	for _, col := range km.ExplainedHelp() {
		var c []key.Binding
		for _, kh := range col {
			c = append(c, kh.Binding)
		}
		out = append(out, c)
	}
	return out
}

// ExplainedHelp is the full help: the table's keys and the pane's, each off with why.
func (km keyMap) ExplainedHelp() [][]common.KeyHelp {
	p, k := km.p, km.p.keys
	t := p.table()
	var out [][]common.KeyHelp
	reasons := t.HelpReasons()
	for i, col := range t.KeyMap.FullHelp() {
		var c []common.KeyHelp
		for j, b := range col {
			c = append(c, common.Explain(b, reasons[i][j]))
		}
		out = append(out, c)
	}
	why := p.editReason()
	typeWhy := why
	if typeWhy == "" && !p.countryMode() {
		typeWhy = "per region a region accepts all, none or the supported types: m switches to per country"
	}
	edit := []common.KeyHelp{
		common.Explain(k.None, why), common.Explain(k.Supported, why), common.Explain(k.All, why),
	}
	for _, b := range k.Toggle {
		edit = append(edit, common.Explain(b, typeWhy))
	}
	for _, b := range k.Off {
		edit = append(edit, common.Explain(b, typeWhy))
	}
	out = append(out, edit, []common.KeyHelp{
		common.Explain(k.Mode, why), common.Explain(k.Copy, why), common.Explain(k.AutoAccept, why),
	})
	return out
}

// editReason says why the editing keys do nothing now, "" when they work.
func (p *Pane) editReason() string {
	t := p.table()
	switch {
	case p.ctx.ReadOnly:
		return common.ReadOnlyReason
	case p.prompt != nil:
		return "answer the question first"
	case t.Filtering():
		return "press enter to leave the filter first"
	case t.Shown() == 0 && t.MarkedCount() == 0:
		return "no row shown"
	}
	return ""
}

// updateKeys switches the pane's bindings to what works now, so the footer never lies.
func (p *Pane) updateKeys() {
	k := &p.keys
	editing := p.editReason() == ""
	for _, b := range []*key.Binding{&k.All, &k.None, &k.Supported} {
		b.SetEnabled(editing)
	}
	for i := range k.Toggle {
		k.Toggle[i].SetEnabled(editing && p.countryMode())
		k.Off[i].SetEnabled(editing && p.countryMode())
	}
	k.ToggleHelp.SetEnabled(editing && p.countryMode())
	browsing := !p.ctx.ReadOnly && p.prompt == nil && !p.table().Filtering()
	k.Mode.SetEnabled(browsing)
	k.Copy.SetEnabled(browsing)
	k.AutoAccept.SetEnabled(browsing)
}
