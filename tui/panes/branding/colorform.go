package branding

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/components/swatch"
)

// colorInputWidth is the form's width: the border, the prompt, "#RRGGBB" with room to
// spare and the cursor. The swatch goes beside it.
const colorInputWidth = 16

// colorForm is the embedded huh form that sets one colour of one scope, checked with the
// model's rule on every keystroke (huh validates only on submit), with a swatch of the
// colour beside it once it is one. A completed form is dead: each edit gets a new one.
type colorForm struct {
	ctx   *common.Context
	scope string
	field model.BrandField
	form  *huh.Form
	value *string // bound to the input: follows every keystroke
	nav   common.FormNav
}

func newColorForm(ctx *common.Context, scope string, f model.BrandField) (*colorForm, tea.Cmd) {
	v := ctx.Draft.Current().Branding.Scope(scope).PrimaryColor
	if f == model.SecondaryColor {
		v = ctx.Draft.Current().Branding.Scope(scope).SecondaryColor
	}
	c := &colorForm{ctx: ctx, scope: scope, field: f, value: &v, nav: common.NewFormNav()}
	in := huh.NewInput().Value(c.value).Prompt("› ").Placeholder("#RRGGBB").CharLimit(colorInputWidth)
	c.form = huh.NewForm(huh.NewGroup(in)).
		WithTheme(ctx.Styles.HuhTheme()).
		WithKeyMap(common.FormKeys("keep")).
		WithShowHelp(false).
		WithWidth(colorInputWidth)
	return c, c.form.Init()
}

// problems are what the model's rule says of the colour typed so far.
func (c *colorForm) problems() []string { return model.ColorProblems(*c.value) }

// update feeds the form and reports when it is done, with the edit to apply when the
// user kept the value. Enter keeps a colour at once, or clears the field when the text is
// empty; a text that is no colour stays in the form, with the rule under it, since it
// could be stored but never shown. Tab has nowhere to go in one field.
func (c *colorForm) update(msg tea.Msg) (done bool, edit *model.Edit, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, c.nav.Submit):
			if len(c.problems()) > 0 {
				return false, nil, nil
			}
			scope, f, v := c.scope, c.field, *c.value
			return true, &model.Edit{Label: fieldLabel(f) + " of " + scope, Apply: func(s *model.Settings) {
				s.Branding.SetColor(scope, f, v)
			}}, nil
		case key.Matches(k, c.nav.Next, c.nav.Prev):
			return false, nil, nil
		}
	}
	m, cmd := c.form.Update(msg)
	c.form = m.(*huh.Form)
	return c.form.State == huh.StateAborted, nil, cmd
}

// keys are the form's bindings: enter is off while the text is no colour, and the full
// help says so.
func (c *colorForm) keys() colorKeys {
	k := colorKeys{
		keep:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep (empty: clear)")),
		cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
	k.keep.SetEnabled(len(c.problems()) == 0)
	return k
}

// colorKeys is the colour form's key map.
type colorKeys struct{ keep, cancel key.Binding }

func (k colorKeys) ShortHelp() []key.Binding  { return []key.Binding{k.keep, k.cancel} }
func (k colorKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ExplainedHelp says why enter does nothing while the text is no colour.
func (k colorKeys) ExplainedHelp() [][]common.KeyHelp {
	return [][]common.KeyHelp{{common.Explain(k.keep, "not a colour yet: #RRGGBB"), common.Explain(k.cancel, "")}}
}

// view draws the form's title, the input with the swatch beside it, and the verdict: the
// rule broken, what an empty text means (the field inherits again), or the stored form.
func (c *colorForm) view(sw swatch.Model, width int) []string {
	st := c.ctx.Styles
	title := st.Label.Render(fieldTitle(c.field)+" of "+c.scope) + st.Hint.Render("  #RRGGBB")
	lines := []string{common.Truncate(title, width)}
	input := strings.Split(strings.TrimRight(c.form.View(), "\n"), "\n")
	v := *c.value
	problems := c.problems()
	if len(input) > 0 && v != "" && len(problems) == 0 {
		sw.SetSize(max(width-colorInputWidth-1, 0), 1)
		input[0] = common.Truncate(input[0], colorInputWidth) + " " + sw.Render(v)
	}
	lines = append(lines, input...)
	switch {
	case len(problems) > 0:
		var vs model.Violations
		for _, m := range problems {
			vs = append(vs, model.Violation{Message: m})
		}
		lines = append(lines, common.ViolationLines(st, vs, width)...)
	case v == "":
		e := c.ctx.Draft.Current().Branding.Inherited(c.scope, c.field)
		text := "empty: not set here, " + c.scope + " then shows " + e.Color + " (" + sourceText(e.Source, c.scope, false) + ")"
		for _, l := range common.Hang(text, width, 2) {
			lines = append(lines, st.Hint.Render(l))
		}
	default:
		lines = append(lines, st.Success.Render(common.Truncate("✓ stored as "+model.NormalizeColor(v), width)))
	}
	return lines
}
