// Package documents is the Documents section (PRODUCT.md §1.6): the custom document
// types and their translations.
//
// The types are rows of the markable table (code, name, English label, state, number of
// translations) with its fuzzy filter and marks. a adds one in an embedded huh form (code,
// name, English label), each field checked with the model's rules as it is typed: a code
// already used, in any case, by a document enabled or disabled or by an earlier revision
// is refused, naming the revision. enter edits the name and label (the code is shown and
// never edited, and the form says why). x disables the marked documents, or enables them
// when none is enabled: one undo step. t lists the translated labels of the document:
// a language chosen in the locale picker, a label typed for it, or removed. There is no
// delete: d or delete says that documents are disabled, never deleted.
package documents

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/components/table"
)

// Pane lists the custom document types.
type Pane struct {
	ctx   *common.Context
	table table.Model
	keys  keys
	form  *docForm      // adding or editing a document; nil otherwise
	trans *translations // the translations of one document; nil otherwise

	// What the rows were built from: the draft shares unchanged slices between its
	// snapshots, so the same slice means the same documents.
	docs       []model.Document
	violations model.Violations
	used       []model.UsedCode
	// keyIndex maps a row key to the document's index in docs.
	keyIndex map[string]int
	// bad are the documents with an error, by index.
	bad map[int]bool
	// added is the code of a document just added: the cursor goes to it once the root
	// has applied the edit.
	added string

	width, height  int
	tableW, tableH int // the table's size, set when it changes
}

// keys are the pane's own bindings, besides the table's.
type keys struct {
	Add          key.Binding
	Edit         key.Binding
	Toggle       key.Binding
	Translations key.Binding
	// Delete is not an action: it says that documents are disabled, never deleted.
	Delete key.Binding

	// why says why a key is off, for the full help.
	why struct{ add, edit, toggle, translations string }
}

func newKeys() keys {
	return keys{
		Add:          key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Edit:         key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "edit")),
		Toggle:       key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "disable")),
		Translations: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "translate")),
		Delete:       key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "delete?")),
	}
}

// Columns of the documents table.
const (
	colCode = iota
	colName
	colLabel
	colState
	colTranslations
)

// New returns the Documents pane.
func New(ctx *common.Context) *Pane {
	t := table.New([]table.Column{
		{Title: "Code", Width: model.MaxDocumentCodeLen},
		{Title: "Name", Width: 10, Flex: 2, Max: 40},
		{Title: "English label", Width: 13, Flex: 2, Max: 40, Drop: 2},
		{Title: "State", Width: 10},
		{Title: "Translations", Width: 12, Align: table.AlignRight, Drop: 1},
	}, table.NewStyles(ctx.Styles))
	t.SetNoun("document type", "document types")
	t.SetFilterFields(table.FilterFields{Title: colName, Code: colCode, Other: []int{colLabel}})
	empty := "no custom document types yet: press a to add one"
	if ctx.ReadOnly {
		empty = "no custom document types"
	}
	t.SetEmptyText(empty)
	p := &Pane{ctx: ctx, table: t, keys: newKeys()}
	t.SetCellKind(p.cellKind)
	p.table = t
	p.sync()
	p.updateKeys()
	return p
}

// Title names the section.
func (p *Pane) Title() string { return "Documents" }

// ShortTitle is the tab label at 80 columns.
func (p *Pane) ShortTitle() string { return "Docs" }

// Capturing reports a form, a filter or a picker with the keyboard.
func (p *Pane) Capturing() bool {
	switch {
	case p.form != nil:
		return true
	case p.trans != nil:
		return p.trans.capturing()
	}
	return p.table.Filtering()
}

// detailLines is the most room under the table for the selected document.
const detailLines = 3

// maxTableWidth is as wide as the columns can use (their Max and fixed widths): wider,
// the count would sit far off at the right of a wide terminal.
const maxTableWidth = 3 + model.MaxDocumentCodeLen + 1 + 40 + 1 + 40 + 1 + 10 + 1 + 12

// SetSize takes the pane's share of the screen.
func (p *Pane) SetSize(width, height int) {
	p.width, p.height = width, height
	p.sizeTable(1)
	if p.form != nil {
		p.form.setWidth(width)
	}
	if p.trans != nil {
		p.trans.setSize(width, height)
	}
}

// sizeTable gives the table the pane's height less the title and the detail lines
// under it (one, or up to detailLines when the document has problems).
func (p *Pane) sizeTable(detail int) {
	w, h := min(p.width, maxTableWidth), max(p.height-1-detail, 1)
	if w != p.tableW || h != p.tableH {
		p.tableW, p.tableH = w, h
		p.table.SetSize(w, h)
	}
}

// sameSlice reports whether a and b are the same slice: the draft keeps an unchanged
// list of documents (or of violations) as the very same slice.
func sameSlice[T any](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// sync rebuilds the rows when the documents, their violations or the used codes
// changed: an edit, an undo, a save. Otherwise it costs three comparisons.
func (p *Pane) sync() {
	docs, vs, used := p.ctx.Draft.Current().Documents, p.ctx.Violations, p.ctx.Rules.UsedCodes
	if p.keyIndex != nil && sameSlice(docs, p.docs) && sameSlice(vs, p.violations) && sameSlice(used, p.used) {
		return
	}
	p.docs, p.violations, p.used = docs, vs, used
	p.bad = map[int]bool{}
	for _, v := range vs {
		if i, ok := docIndex(v.Path); ok && v.Severity == model.Error {
			p.bad[i] = true
		}
	}
	rows := make([]table.Row, len(docs))
	p.keyIndex = make(map[string]int, len(docs))
	for i, d := range docs {
		k := d.Code
		if _, dup := p.keyIndex[k]; dup {
			k += "\x00" + strconv.Itoa(i) // two documents with one code: only an invalid file has them
		}
		p.keyIndex[k] = i
		state := "enabled"
		if !d.Enabled {
			state = "disabled"
		}
		if p.bad[i] {
			state += " ✗"
		}
		rows[i] = table.Row{Key: k, Cells: []string{d.Code, d.Name, d.Label, state, strconv.Itoa(len(d.Translations))}}
	}
	p.table.SetRows(rows)
	if p.added != "" {
		if _, ok := p.keyIndex[p.added]; ok {
			if !p.table.SetCursor(p.added) {
				p.table.SetFilter("") // hidden by the filter: show every row to show it
				p.table.SetCursor(p.added)
			}
			p.added = ""
		}
	}
}

// docIndex reads i from a violation path "documents[i]…".
func docIndex(path string) (int, bool) {
	rest, ok := strings.CutPrefix(path, "documents[")
	if !ok {
		return 0, false
	}
	n, _, ok := strings.Cut(rest, "]")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(n)
	return i, err == nil
}

// docPath is the violation path of the document with code in the draft, "documents[i]".
func docPath(ctx *common.Context, code string) string {
	for i, d := range ctx.Draft.Current().Documents {
		if d.Code == code {
			return fmt.Sprintf("documents[%d]", i)
		}
	}
	return "documents[?]"
}

// cellKind styles the state: enabled reads as success, disabled as muted, a problem as
// an error (the words say it too: "disabled", "✗").
func (p *Pane) cellKind(key string, col int) table.Kind {
	if col != colState {
		return table.KindNormal
	}
	i, ok := p.keyIndex[key]
	if !ok || i >= len(p.docs) {
		return table.KindNormal
	}
	if p.bad[i] {
		return table.KindError
	}
	if !p.docs[i].Enabled {
		return table.KindMuted
	}
	return table.KindSuccess
}

// cursorDoc is the document under the cursor.
func (p *Pane) cursorDoc() (model.Document, int, bool) {
	k, ok := p.table.CursorKey()
	if !ok {
		return model.Document{}, -1, false
	}
	i, ok := p.keyIndex[k]
	if !ok || i >= len(p.docs) {
		return model.Document{}, -1, false
	}
	return p.docs[i], i, true
}

// targets are the codes of the marked documents, or of the cursor's.
func (p *Pane) targets() []model.Document {
	var out []model.Document
	for _, k := range p.table.Targets() {
		if i, ok := p.keyIndex[k]; ok && i < len(p.docs) {
			out = append(out, p.docs[i])
		}
	}
	return out
}

// toggleTargets is what x does: disable the targets when any is enabled (the safe way
// round for a mixed set), else enable them all.
func toggleTargets(ds []model.Document) (codes []string, enable bool) {
	enable = true
	for _, d := range ds {
		codes = append(codes, d.Code)
		if d.Enabled {
			enable = false
		}
	}
	return codes, enable
}

// updateKeys switches the bindings on and off and says what x will do.
func (p *Pane) updateKeys() {
	k := &p.keys
	ro := p.ctx.ReadOnly
	_, _, hasCursor := p.cursorDoc()
	k.Add.SetEnabled(!ro)
	k.Edit.SetEnabled(!ro && hasCursor)
	targets := p.targets()
	k.Toggle.SetEnabled(!ro && len(targets) > 0)
	codes, enable := toggleTargets(targets)
	verb := "disable"
	if enable {
		verb = "enable"
	}
	if len(codes) > 1 {
		verb += fmt.Sprintf(" %d", len(codes))
	}
	k.Toggle.SetHelp("x", verb)
	k.Translations.SetEnabled(hasCursor)
	k.Delete.SetEnabled(hasCursor)
	none := "no document selected"
	k.why.add, k.why.edit, k.why.toggle, k.why.translations = "", none, none, none
	if ro {
		k.why.add, k.why.edit, k.why.toggle = common.ReadOnlyReason, common.ReadOnlyReason, common.ReadOnlyReason
	}
}

// KeyMap is what the footer and the full help show now. The root asks for it after it
// applied the edits of the last key, so the keys follow the draft first ("x enable 3"
// right after x disabled them).
func (p *Pane) KeyMap() help.KeyMap {
	p.sync()
	p.updateKeys()
	switch {
	case p.form != nil:
		return common.Bindings(p.form.keys())
	case p.trans != nil:
		p.trans.sync()
		p.trans.updateKeys()
		return p.trans.keyMap()
	}
	return paneKeyMap{p}
}

// paneKeyMap is the pane's keys and the table's while browsing.
type paneKeyMap struct{ p *Pane }

// ShortHelp: the pane's actions, then the table's filter and marks.
func (k paneKeyMap) ShortHelp() []key.Binding {
	kk := k.p.keys
	return footer(k.p.table, kk.Add, kk.Edit, kk.Toggle, kk.Translations)
}

// footer is the short help over a table: while a filter is typed, the table's keys;
// else the actions, then the filter and the marks (few words: 80 columns hold these
// and the editor's own keys).
func footer(t table.Model, actions ...key.Binding) []key.Binding {
	k := t.KeyMap
	if t.Filtering() {
		return k.ShortHelp()
	}
	return append(actions, k.Filter, k.ClearFilter, k.Mark)
}

// FullHelp is every key, in columns: the table's, then the pane's.
func (k paneKeyMap) FullHelp() [][]key.Binding {
	kk := k.p.keys
	return append(k.p.table.KeyMap.FullHelp(), []key.Binding{kk.Add, kk.Edit, kk.Toggle, kk.Translations, kk.Delete})
}

// ExplainedHelp is FullHelp with why the keys that are off do nothing.
func (k paneKeyMap) ExplainedHelp() [][]common.KeyHelp {
	kk := k.p.keys
	del := kk.Delete
	del.SetHelp("d/delete", "documents are disabled, never deleted")
	return append(common.Reasoned(k.p.table.KeyMap.FullHelp(), k.p.table.HelpReasons()), []common.KeyHelp{
		common.Explain(kk.Add, kk.why.add), common.Explain(kk.Edit, kk.why.edit),
		common.Explain(kk.Toggle, kk.why.toggle), common.Explain(kk.Translations, kk.why.translations),
		common.Explain(del, "no document selected"),
	})
}

// Update routes a message to the open form or view, else handles the pane's keys and
// gives the rest to the table.
func (p *Pane) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	// The root applied the last Update's edits since: the rows and keys follow first.
	p.sync()
	p.updateKeys()
	defer p.updateKeys()
	switch {
	case p.form != nil:
		done, edit, cmd := p.form.update(msg)
		if done {
			if edit != nil {
				p.ctx.Edit(*edit)
				if p.form.adding {
					p.added = *p.form.values[fieldCode]
				}
			}
			p.form = nil
		}
		return p, cmd
	case p.trans != nil:
		back, cmd := p.trans.update(msg)
		if back {
			p.trans = nil
		}
		return p, cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || p.table.Filtering() || p.table.Handles(k) {
		var cmd tea.Cmd
		p.table, cmd = p.table.Update(msg)
		return p, cmd
	}
	switch {
	case key.Matches(k, p.keys.Add):
		var cmd tea.Cmd
		p.form, cmd = newAddForm(p.ctx, p.width)
		return p, cmd
	case key.Matches(k, p.keys.Edit):
		if d, _, ok := p.cursorDoc(); ok {
			var cmd tea.Cmd
			p.form, cmd = newEditForm(p.ctx, d, p.width)
			return p, cmd
		}
	case key.Matches(k, p.keys.Toggle):
		if codes, enable := toggleTargets(p.targets()); len(codes) > 0 {
			p.ctx.Edit(enableEdit(codes, enable))
		}
	case key.Matches(k, p.keys.Translations):
		if d, _, ok := p.cursorDoc(); ok {
			p.trans = newTranslations(p.ctx, d.Code, p.width, p.height)
		}
	case key.Matches(k, p.keys.Delete):
		p.refuseDelete()
	case p.ctx.ReadOnly && key.Matches(k, newKeys().Add, newKeys().Edit, newKeys().Toggle):
		p.ctx.Say(common.StatusWarning, common.ReadOnlyNotice)
	}
	return p, nil
}

// refuseDelete says that documents are never deleted, and what to do instead.
func (p *Pane) refuseDelete() {
	d, _, _ := p.cursorDoc()
	text := fmt.Sprintf("documents are never deleted, only disabled: x disables %s", common.Safe(d.Code))
	if !d.Enabled {
		text = fmt.Sprintf("documents are never deleted, only disabled: %s is disabled already", common.Safe(d.Code))
	}
	p.ctx.Say(common.StatusWarning, text)
}

// View draws the open form or translations, else the title, the table and the
// selected document's details.
func (p *Pane) View() string {
	if p.width < 1 || p.height < 1 {
		return ""
	}
	p.sync()
	st := p.ctx.Styles
	if p.form != nil {
		return p.form.view(p.width, p.height)
	}
	if p.trans != nil {
		return p.trans.view()
	}
	title := st.Title.Render("Documents") + st.Hint.Render("  custom document types: disabled, never deleted")
	if p.ctx.ReadOnly {
		title = st.Title.Render("Documents") + "  " + st.Warning.Render(common.ReadOnlyNotice)
	}
	p.table.UseTheme(st)
	detail := p.detail(min(p.width, maxTableWidth))
	p.sizeTable(len(detail))
	lines := []string{common.Truncate(title, p.width)}
	lines = append(lines, strings.Split(p.table.View(), "\n")...)
	lines = append(lines, detail...)
	if len(lines) > p.height {
		lines = lines[:p.height]
	}
	return strings.Join(lines, "\n")
}

// detail is what the table has no room for, about the selected document: its first
// revision, its translations, its problems. detailLines lines at most.
func (p *Pane) detail(w int) []string {
	st := p.ctx.Styles
	d, i, ok := p.cursorDoc()
	if !ok {
		return nil
	}
	var out []string
	if vs := p.violations.At(fmt.Sprintf("documents[%d]", i)); len(vs) > 0 {
		out = append(out, common.ViolationLines(st, vs, w)...)
	}
	saved := "added in this draft, not saved yet"
	for _, u := range p.used {
		if u.Code == d.Code {
			saved = "saved"
			if u.Revision > 0 {
				saved = fmt.Sprintf("since revision %d", u.Revision)
			}
			break
		}
	}
	info := fmt.Sprintf("%s · %s · %s", common.Safe(d.Code), saved, translationList(d))
	out = append([]string{st.Hint.Render(common.Truncate(info, w))}, out...)
	if len(out) > detailLines {
		out = append(out[:detailLines-1], st.Hint.Render(common.Truncate("… more problems: ctrl+s lists them all", w)))
	}
	return out
}

// translationList names the languages of a document's labels, "no translations" when
// it has none.
func translationList(d model.Document) string {
	if len(d.Translations) == 0 {
		return "no translations (t adds one)"
	}
	var names []string
	for _, l := range model.Locales() {
		if _, ok := d.Translations[l.Code]; ok {
			names = append(names, l.Code)
		}
	}
	return fmt.Sprintf("translated into %s (t)", strings.Join(names, ", "))
}
