package general

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"idvset/model"
	"idvset/tui/common"
)

// editor is the embedded form that edits one General field. It checks the value
// with the model's rules on every keystroke, because huh's own validation only runs on
// submit.
type editor struct {
	ctx   *common.Context
	field field
	form  *huh.Form
	// value is bound to the form's field, so it follows every keystroke.
	value *string
	nav   common.FormNav
}

// newEditor builds a fresh form for f, prefilled with its current value. A
// completed form is dead, so every edit gets a new one.
func newEditor(ctx *common.Context, f field, width int) (*editor, tea.Cmd) {
	value := f.text(ctx.Draft.Current().General)
	e := &editor{ctx: ctx, field: f, value: &value, nav: common.NewFormNav()}
	var field huh.Field
	switch f.kind {
	case kindDomains:
		field = huh.NewText().
			Value(e.value).
			Lines(4).
			ExternalEditor(false).
			Placeholder("example.com").
			Description("one per line (alt+enter or ctrl+j), or separated by spaces")
	default:
		in := huh.NewInput().Value(e.value).Prompt("› ")
		if f.kind == kindURL {
			in = in.Placeholder("https://… (empty: not set)")
		}
		field = in
	}
	e.form = huh.NewForm(huh.NewGroup(field)).
		WithTheme(ctx.Styles.HuhTheme()).
		WithKeyMap(common.FormKeys("keep")).
		WithShowHelp(false).
		WithWidth(max(width, 10))
	return e, e.form.Init()
}

// setWidth follows a resize.
func (e *editor) setWidth(width int) {
	e.form = e.form.WithWidth(max(width, 10))
}

// update feeds the form and reports when it is done: with an edit to apply when the user
// kept the value (enter), or with none when they left with esc. Enter keeps the value at
// once, whatever the rules say of it (they show under it), unless it cannot be stored at
// all (a token lifetime that is not a number). Tab has nowhere to go in one field.
func (e *editor) update(msg tea.Msg) (done bool, edit *model.Edit, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, e.nav.Submit):
			if e.field.parse(*e.value) != nil {
				return false, nil, nil
			}
			ed := e.field.edit(*e.value)
			return true, &ed, nil
		case key.Matches(k, e.nav.Next, e.nav.Prev):
			return false, nil, nil
		}
	}
	m, cmd := e.form.Update(msg)
	e.form = m.(*huh.Form)
	if e.form.State == huh.StateAborted {
		return true, nil, cmd
	}
	return false, nil, cmd
}

// keys are the form's own bindings and esc, for the footer.
func (e *editor) keys() []key.Binding {
	cancel := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	return append(e.form.KeyBinds(), cancel)
}

// checks are what the rules say about the value being typed.
func (e *editor) checks() model.Violations {
	v := *e.value
	cur := e.ctx.Draft.Current()
	f := e.field
	switch f.kind {
	case kindURL:
		var vs model.Violations
		for _, m := range model.CheckURL(v, f.limit, cur.General.OwnedDomains) {
			vs = append(vs, model.Violation{Path: f.path, Message: m})
		}
		return vs
	case kindMinutes:
		if err := f.parse(v); err != nil {
			return model.Violations{{Path: f.path, Message: err.Error()}}
		}
	}
	// Other kinds are judged as the whole document would be with this value, so the
	// rules stay in one place.
	cand := cur.Clone()
	f.set(&cand.General, v)
	got := model.Validate(cand, e.ctx.Rules)
	out := got.At(f.path)
	if f.kind == kindDomains {
		// Owned domains decide whether the URLs are allowed: show what this list would
		// newly refuse.
		before := e.ctx.Violations
		for _, u := range fields()[:3] {
			for _, vi := range got.At(u.path) {
				if !containsViolation(before, vi) {
					vi.Message = u.name + ": " + vi.Message
					out = append(out, vi)
				}
			}
		}
	}
	return out
}

func containsViolation(vs model.Violations, v model.Violation) bool {
	for _, w := range vs {
		if w == v {
			return true
		}
	}
	return false
}

// view draws the form, the live verdict and the length.
func (e *editor) view(width int) []string {
	st := e.ctx.Styles
	lines := strings.Split(e.form.View(), "\n")
	vs := e.checks()
	switch {
	case len(vs) > 0:
		lines = append(lines, common.ViolationLines(st, vs, width)...)
	case *e.value == "" && e.field.kind == kindURL:
		lines = append(lines, st.Hint.Render("empty: not set"))
	default:
		lines = append(lines, st.Success.Render("✓ valid"))
	}
	if e.field.kind == kindURL {
		lines = append(lines, st.Hint.Render(fmt.Sprintf("%d of %d characters", len(*e.value), e.field.limit)))
	}
	return lines
}
