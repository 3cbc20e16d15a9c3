package documents

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/components/picker"
	"idvset/tui/components/table"
)

// translations is the view of one document type's translated labels: a markable table
// of its labels by language, the locale picker to add one, and a form for one label.
type translations struct {
	ctx    *common.Context
	code   string
	table  table.Model
	keys   trKeys
	picker *picker.Model // choosing the language of a new label
	form   *labelForm    // typing a label
	docs   []model.Document
	width  int
	height int
}

// trKeys are the bindings of the translations view, besides the table's own.
type trKeys struct {
	Add    key.Binding
	Edit   key.Binding
	Remove key.Binding
	Back   key.Binding
}

func newTrKeys() trKeys {
	return trKeys{
		Add:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Edit:   key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "edit")),
		Remove: key.NewBinding(key.WithKeys("d", "delete", "x"), key.WithHelp("d", "remove")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// Columns of the translations table.
const (
	trColLanguage = iota
	trColCode
	trColLabel
)

func newTranslations(ctx *common.Context, code string, width, height int) *translations {
	t := table.New([]table.Column{
		{Title: "Language", Width: 12, Flex: 1, Max: 26},
		{Title: "Code", Width: 5},
		{Title: "Label", Width: 12, Flex: 3},
	}, table.NewStyles(ctx.Styles))
	t.SetNoun("translation", "translations")
	t.SetEmptyText("no translations yet: press a to add one")
	t.SetFilterFields(table.FilterFields{Title: trColLanguage, Code: trColCode, Other: []int{trColLabel}})
	v := &translations{ctx: ctx, code: code, table: t, keys: newTrKeys()}
	v.setSize(width, height)
	v.sync()
	return v
}

// doc is the document shown, false when the draft no longer has it (its addition was
// undone).
func (v *translations) doc() (model.Document, bool) {
	for _, d := range v.ctx.Draft.Current().Documents {
		if d.Code == v.code {
			return d, true
		}
	}
	return model.Document{}, false
}

// sync rebuilds the rows when the draft's documents changed (an edit, an undo).
func (v *translations) sync() {
	docs := v.ctx.Draft.Current().Documents
	if sameSlice(docs, v.docs) {
		return
	}
	v.docs = docs
	d, _ := v.doc()
	order := map[string]int{}
	for i, l := range model.Locales() {
		order[l.Code] = i
	}
	locales := make([]string, 0, len(d.Translations))
	for l := range d.Translations {
		locales = append(locales, l)
	}
	slices.SortFunc(locales, func(a, b string) int {
		oa, okA := order[a]
		ob, okB := order[b]
		switch {
		case okA && okB:
			return oa - ob
		case okA != okB: // unknown locales (an imported typo) last
			if okA {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	rows := make([]table.Row, len(locales))
	for i, l := range locales {
		rows[i] = table.Row{Key: l, Cells: []string{model.LanguageName(l), l, d.Translations[l]}}
	}
	v.table.SetRows(rows)
}

func (v *translations) setSize(width, height int) {
	width = min(width, maxTextWidth) // a label column wider than this is hard to read across
	v.width, v.height = width, height
	v.table.SetSize(width, max(height-3, 1))
	if v.picker != nil {
		v.picker.SetSize(width, max(height-2, 1))
	}
	if v.form != nil {
		v.form.setWidth(width)
	}
}

// capturing: a filter, the picker or the label field has the keyboard.
func (v *translations) capturing() bool {
	return v.table.Filtering() || v.picker != nil || v.form != nil
}

// updateKeys switches off what does nothing now.
func (v *translations) updateKeys() {
	editable := !v.ctx.ReadOnly
	v.keys.Add.SetEnabled(editable)
	v.keys.Edit.SetEnabled(editable && v.table.Shown() > 0)
	v.keys.Remove.SetEnabled(editable && len(v.table.Targets()) > 0)
	v.keys.Back.SetEnabled(!v.table.KeyMap.ClearFilter.Enabled())
}

// update handles a message; back reports that esc asked to go back to the documents.
func (v *translations) update(msg tea.Msg) (back bool, cmd tea.Cmd) {
	v.sync()
	v.updateKeys()
	defer v.updateKeys()
	switch {
	case v.form != nil:
		done, edit, cmd := v.form.update(msg)
		if done {
			v.form = nil
			if edit != nil {
				v.ctx.Edit(*edit)
			}
		}
		return false, cmd
	case v.picker != nil:
		m, cmd := v.picker.Update(msg)
		v.picker = &m
		switch m.State() {
		case picker.StateCancelled:
			v.picker = nil
		case picker.StatePicked:
			it, _ := m.Picked()
			v.picker = nil
			return false, v.openForm(it.Code)
		}
		return false, cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || v.table.Filtering() || v.table.Handles(k) {
		var cmd tea.Cmd
		v.table, cmd = v.table.Update(msg)
		return false, cmd
	}
	switch {
	case key.Matches(k, v.keys.Back):
		return true, nil
	case key.Matches(k, v.keys.Add):
		v.openPicker()
	case key.Matches(k, v.keys.Edit):
		if r, ok := v.table.CursorRow(); ok {
			return false, v.openForm(r.Key)
		}
	case key.Matches(k, v.keys.Remove):
		if targets := v.table.Targets(); len(targets) > 0 {
			v.ctx.Edit(untranslateEdit(v.code, targets))
			v.table.ClearMarks()
		}
	case v.ctx.ReadOnly && isEditKey(k):
		v.ctx.Say(common.StatusWarning, common.ReadOnlyNotice)
	}
	return false, nil
}

// isEditKey reports the keys that would change translations.
func isEditKey(k tea.KeyPressMsg) bool {
	km := newTrKeys()
	return key.Matches(k, km.Add, km.Edit, km.Remove)
}

// openPicker shows the 39 languages; those with a label say so.
func (v *translations) openPicker() {
	d, _ := v.doc()
	var items []picker.Item
	for _, l := range model.Locales() {
		it := picker.Item{Title: l.Name, Code: l.Code}
		if label, ok := d.Translations[l.Code]; ok {
			it.Hint = "has " + common.Safe(label)
		}
		items = append(items, it)
	}
	m := picker.New(items, picker.NewStyles(v.ctx.Styles))
	m.SetNoun("language", "languages")
	m.SetSize(v.width, max(v.height-2, 1))
	v.picker = &m
}

// openForm opens the label field for locale, with the label it has.
func (v *translations) openForm(locale string) tea.Cmd {
	d, ok := v.doc()
	if !ok {
		return nil
	}
	var cmd tea.Cmd
	v.form, cmd = newLabelForm(v.ctx, d, locale, v.width)
	return cmd
}

// keyMap is what the footer and the full help show now.
func (v *translations) keyMap() help.KeyMap {
	switch {
	case v.form != nil:
		return common.Bindings(v.form.keys())
	case v.picker != nil:
		m := v.picker
		return common.ReasonedKeys{Short: m.KeyMap.ShortHelp(), Full: m.KeyMap.FullHelp(), Why: m.HelpReasons()}
	}
	return trKeyMap{v}
}

// trKeyMap is the translations view's keys and the table's.
type trKeyMap struct{ v *translations }

func (k trKeyMap) ShortHelp() []key.Binding {
	kk := k.v.keys
	return footer(k.v.table, kk.Add, kk.Edit, kk.Remove, kk.Back)
}

func (k trKeyMap) FullHelp() [][]key.Binding {
	kk := k.v.keys
	return append(k.v.table.KeyMap.FullHelp(), []key.Binding{kk.Add, kk.Edit, kk.Remove, kk.Back})
}

// ExplainedHelp says why keys are off.
func (k trKeyMap) ExplainedHelp() [][]common.KeyHelp {
	out := common.Reasoned(k.v.table.KeyMap.FullHelp(), k.v.table.HelpReasons())
	kk := k.v.keys
	ro := func(b key.Binding, why string) common.KeyHelp {
		if k.v.ctx.ReadOnly {
			why = common.ReadOnlyReason
		}
		return common.Explain(b, why)
	}
	return append(out, []common.KeyHelp{
		ro(kk.Add, ""), ro(kk.Edit, "no translation shown"), ro(kk.Remove, "no translation shown"),
		common.Explain(kk.Back, "esc clears the filter first"),
	})
}

// view draws the title (the document and its English label), then the table, the
// picker or the label form.
func (v *translations) view() string {
	v.sync()
	st := v.ctx.Styles
	d, ok := v.doc()
	w := v.width
	title := st.Title.Render("Translations of ") + st.Value.Render(common.Safe(v.code))
	if !ok {
		return strings.Join([]string{title, st.Hint.Render(common.Truncate("this document is no longer in the draft: esc goes back", w))}, "\n")
	}
	sub := st.Hint.Render(common.Truncate(fmt.Sprintf("%s · English label: %s", common.Safe(d.Name), common.Safe(d.Label)), w))
	head := []string{common.Truncate(title, w), sub}
	var body string
	switch {
	case v.form != nil:
		body = v.form.view(w)
	case v.picker != nil:
		v.picker.UseTheme(st)
		head[1] = st.Hint.Render(common.Truncate("Choose the language of the label: type to filter, enter picks.", w))
		body = v.picker.View()
	default:
		v.table.UseTheme(st)
		body = v.table.View()
		if bad := common.ViolationLines(st, v.ctx.Violations.At(docPath(v.ctx, v.code)+".translations"), w); len(bad) > 0 {
			body += "\n" + strings.Join(bad, "\n")
		}
	}
	lines := append(head, strings.Split(body, "\n")...)
	if len(lines) > v.height {
		lines = lines[:max(v.height, 0)]
	}
	return strings.Join(lines, "\n")
}

// labelForm is the embedded huh form for the label of one document type in one language,
// checked as it is typed with the model's rule.
type labelForm struct {
	ctx    *common.Context
	code   string
	locale string
	form   *huh.Form
	value  *string
	nav    common.FormNav
}

func newLabelForm(ctx *common.Context, d model.Document, locale string, width int) (*labelForm, tea.Cmd) {
	value := d.Translations[locale]
	f := &labelForm{ctx: ctx, code: d.Code, locale: locale, value: &value, nav: common.NewFormNav()}
	in := huh.NewInput().Value(f.value).Prompt("› ").
		Title(fmt.Sprintf("Label in %s (%s)", model.LanguageName(locale), locale)).
		Description("English: " + common.Safe(d.Label)).
		Placeholder(common.Safe(d.Label))
	f.form = huh.NewForm(huh.NewGroup(in)).
		WithTheme(ctx.Styles.HuhTheme()).
		WithKeyMap(common.FormKeys("keep")).
		WithShowHelp(false).
		WithWidth(formWidth(width))
	return f, f.form.Init()
}

func (f *labelForm) setWidth(width int) { f.form = f.form.WithWidth(formWidth(width)) }

func (f *labelForm) problem() string {
	return model.TranslationProblem(f.locale, strings.TrimSpace(*f.value))
}

func (f *labelForm) update(msg tea.Msg) (done bool, edit *model.Edit, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, f.nav.Submit):
			if f.problem() != "" {
				return false, nil, nil
			}
			e := translateEdit(f.code, f.locale, strings.TrimSpace(*f.value))
			return true, &e, nil
		case key.Matches(k, f.nav.Next, f.nav.Prev):
			return false, nil, nil
		}
	}
	m, cmd := f.form.Update(msg)
	f.form = m.(*huh.Form)
	return f.form.State == huh.StateAborted, nil, cmd
}

func (f *labelForm) keys() []key.Binding { return common.FormBindings(f.form) }

func (f *labelForm) view(width int) string {
	st := f.ctx.Styles
	lines := []string{f.form.View()}
	if p := f.problem(); p != "" {
		lines = append(lines, common.ViolationLines(st, model.Violations{{Message: p}}, width)...)
	} else {
		lines = append(lines, st.Success.Render("✓ valid"))
	}
	return strings.Join(lines, "\n")
}
