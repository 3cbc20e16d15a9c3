package documents

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"idvset/model"
	"idvset/tui/common"
)

// docField names a field of the document form.
type docField int

const (
	fieldCode docField = iota
	fieldName
	fieldLabel
)

// docForm is the embedded huh form that adds a document type (code, name, English label)
// or edits one (name and label: the code is shown, never edited). Every field is checked
// with the model's rules as it is typed; huh's own validation only runs on submit.
type docForm struct {
	ctx    *common.Context
	adding bool
	code   string // the document edited; "" when adding
	form   *huh.Form
	fields []docField   // the fields in the form, in order
	inputs []*huh.Input // one per field
	values [3]*string   // by docField
	seen   [3]bool      // left once, or typed in: its problems show
	nav    common.FormNav
}

// newAddForm opens an empty form for a new document type.
func newAddForm(ctx *common.Context, width int) (*docForm, tea.Cmd) {
	f := &docForm{ctx: ctx, adding: true, fields: []docField{fieldCode, fieldName, fieldLabel}}
	return f, f.build("", "", "", width)
}

// newEditForm opens a form on the name and label of the document with code.
func newEditForm(ctx *common.Context, d model.Document, width int) (*docForm, tea.Cmd) {
	f := &docForm{ctx: ctx, code: d.Code, fields: []docField{fieldName, fieldLabel}}
	return f, f.build(d.Code, d.Name, d.Label, width)
}

func (f *docForm) build(code, name, label string, width int) tea.Cmd {
	f.values = [3]*string{&code, &name, &label}
	f.nav = common.NewFormNav()
	var hf []huh.Field
	for _, fl := range f.fields {
		in := huh.NewInput().Title(titleOf(fl)).Value(f.values[fl]).Prompt("› ")
		switch fl {
		case fieldCode:
			in.Description(fmt.Sprintf("1–%d characters, no spaces; never changes, never reused", model.MaxDocumentCodeLen)).
				Placeholder("for example UTILBILL").CharLimit(4 * model.MaxDocumentCodeLen) // the rule says what is too long
		case fieldName:
			in.Placeholder("for example Utility bill")
		case fieldLabel:
			in.Description("what end users read, in English; translations come after (t)").Placeholder("as the name")
		}
		f.inputs = append(f.inputs, in)
		hf = append(hf, in)
	}
	f.form = huh.NewForm(huh.NewGroup(hf...)).
		WithTheme(f.ctx.Styles.HuhTheme()).
		WithKeyMap(common.FormKeys("keep")).
		WithShowHelp(false).
		WithWidth(formWidth(width))
	return f.form.Init()
}

func titleOf(f docField) string {
	switch f {
	case fieldCode:
		return "Code"
	case fieldName:
		return "Name"
	}
	return "English label"
}

func formWidth(width int) int { return max(min(width, 72), 10) }

// maxTextWidth is the widest the pane's sentences and sub-tables are drawn.
const maxTextWidth = 100

func (f *docForm) setWidth(width int) { f.form = f.form.WithWidth(formWidth(width)) }

// focused is the position of the focused field in f.fields.
func (f *docForm) focused() int {
	cur := f.form.GetFocusedField()
	for i, in := range f.inputs {
		if huh.Field(in) == cur {
			return i
		}
	}
	return 0
}

// problems is what the model's rules say of field fl as typed.
func (f *docForm) problems(fl docField) []string {
	v := *f.values[fl]
	switch fl {
	case fieldCode:
		return model.NewDocumentCodeProblems(v, f.ctx.Draft.Current().Documents, f.ctx.Rules.UsedCodes)
	case fieldName:
		if m := model.DocumentNameProblem(v); m != "" {
			return []string{m}
		}
	case fieldLabel:
		if m := model.DocumentLabelProblem(v); m != "" {
			return []string{m}
		}
	}
	return nil
}

// update feeds the form. Enter moves to the next field and, on the last, keeps the
// document when every rule holds, else goes to the first field with a problem; tab and
// shift+tab move; esc leaves without an edit.
func (f *docForm) update(msg tea.Msg) (done bool, edit *model.Edit, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		at, last := f.focused(), len(f.fields)-1
		switch {
		case key.Matches(k, f.nav.Submit) && at == last:
			f.seen[f.fields[at]] = true
			for i, fl := range f.fields {
				if len(f.problems(fl)) > 0 {
					f.seeAll()
					return false, nil, f.moveTo(i)
				}
			}
			e := f.edit()
			return true, &e, nil
		case key.Matches(k, f.nav.Submit, f.nav.Next):
			if at < last {
				return false, nil, f.moveTo(at + 1)
			}
			return false, nil, nil
		case key.Matches(k, f.nav.Prev):
			if at > 0 {
				return false, nil, f.moveTo(at - 1)
			}
			return false, nil, nil
		}
	}
	m, cmd := f.form.Update(msg)
	f.form = m.(*huh.Form)
	if at := f.focused(); *f.values[f.fields[at]] != "" {
		f.seen[f.fields[at]] = true
	}
	return f.form.State == huh.StateAborted, nil, cmd
}

// seeAll shows every field's problems: the user asked to keep the document.
func (f *docForm) seeAll() {
	for _, fl := range f.fields {
		f.seen[fl] = true
	}
}

// moveTo focuses field i at once (huh moves focus inside NextField, not in a command).
// Leaving the name for an empty label fills the label with the name: most document
// types are labelled as they are named.
func (f *docForm) moveTo(i int) tea.Cmd {
	var cmds []tea.Cmd
	for at, steps := f.focused(), 0; at != i && steps < len(f.fields); at, steps = f.focused(), steps+1 {
		f.seen[f.fields[at]] = true
		if f.fields[at] == fieldName && at < i && strings.TrimSpace(*f.values[fieldLabel]) == "" {
			*f.values[fieldLabel] = strings.TrimSpace(*f.values[fieldName])
			f.inputs[len(f.inputs)-1].Value(f.values[fieldLabel])
		}
		if at < i {
			cmds = append(cmds, f.form.NextField())
		} else {
			cmds = append(cmds, f.form.PrevField())
		}
	}
	return tea.Batch(cmds...)
}

// edit is the draft edit the form asks for. Blanks around the name and label go.
func (f *docForm) edit() model.Edit {
	name, label := strings.TrimSpace(*f.values[fieldName]), strings.TrimSpace(*f.values[fieldLabel])
	if f.adding {
		return addEdit(*f.values[fieldCode], name, label)
	}
	return renameEdit(f.code, name, label)
}

// keys are the form's own bindings and esc, for the footer.
func (f *docForm) keys() []key.Binding { return common.FormBindings(f.form) }

// view draws the form's title, why the code is what it is, the fields, and the rules'
// verdict on each field seen so far.
func (f *docForm) view(width, height int) string {
	st := f.ctx.Styles
	width = min(width, maxTextWidth) // past it, a sentence is too long a line to read
	var head []string
	if f.adding {
		head = append(head, st.Title.Render("Add a custom document type"))
		head = append(head, hintLines(st.Hint.Render, "The code can never change, and is never used again, even after the type is disabled.", width)...)
	} else {
		head = append(head, st.Title.Render("Edit document type ")+st.Value.Render(common.Safe(f.code)))
		head = append(head, hintLines(st.Hint.Render, fmt.Sprintf("The code %s cannot be edited: revisions, exports and the portal's integrations refer to the document by it. To retire it, disable it (x) instead.", common.Safe(f.code)), width)...)
	}
	head = append(head, "")
	body := strings.Split(f.form.View(), "\n")
	var checks []string
	for _, fl := range f.fields {
		ps := f.problems(fl)
		switch {
		case len(ps) > 0 && f.seen[fl]:
			for _, p := range ps {
				// The model's sentences name the field ("code …", "required: give … a name").
				checks = append(checks, common.ViolationLines(st, model.Violations{{Message: p}}, width)...)
			}
		case fl == fieldCode && *f.values[fl] != "" && len(ps) == 0:
			checks = append(checks, st.Success.Render(common.Truncate("✓ code "+common.Safe(*f.values[fl])+" is free", width)))
		}
	}
	out := append(head, body...)
	out = append(out, checks...)
	if len(out) > height {
		// The checks matter most: the form's blank lines and the explanation go first.
		keep := append(head[:1:1], body...)
		keep = append(keep, checks...)
		out = keep
		if len(out) > height {
			out = append(out[:max(height-len(checks), 1)], checks...)
		}
		out = out[:min(len(out), max(height, 0))]
	}
	return strings.Join(out, "\n")
}

// hintLines wraps text to width in the hint style.
func hintLines(style func(...string) string, text string, width int) []string {
	var out []string
	for _, l := range common.Hang(text, width, 0) {
		out = append(out, style(l))
	}
	return out
}
