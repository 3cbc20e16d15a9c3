package data

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"idvset/model"
	"idvset/tui/common"
)

// forever is what the user types to keep records forever.
const forever = "forever"

// daysEditor is the embedded form that types the retention: a number of days or
// "forever". It checks the value with the model's rule on every keystroke (huh's own
// validation only runs on submit) and says, as it is typed, which records the value
// would delete.
type daysEditor struct {
	ctx   *common.Context
	form  *huh.Form
	value *string // bound to the field: follows every keystroke
	nav   common.FormNav
}

// newDaysEditor opens a fresh form on the draft's retention. A completed form is dead,
// so every edit gets a new one.
func newDaysEditor(ctx *common.Context, width int) (*daysEditor, tea.Cmd) {
	value := forever
	if d := ctx.Draft.Current().DataSettings.Retention.PurgeAfterDays; d != nil {
		value = strconv.Itoa(*d)
	}
	e := &daysEditor{ctx: ctx, value: &value, nav: common.NewFormNav()}
	in := huh.NewInput().Value(e.value).Prompt("› ").CharLimit(12).
		Placeholder(fmt.Sprintf("%d–%d, or %s", model.MinPurgeAfterDays, model.MaxPurgeAfterDays, forever))
	e.form = huh.NewForm(huh.NewGroup(in)).
		WithTheme(ctx.Styles.HuhTheme()).
		WithKeyMap(common.FormKeys("keep")).
		WithShowHelp(false).
		WithWidth(max(width, 10))
	return e, e.form.Init()
}

func (e *daysEditor) setWidth(width int) { e.form = e.form.WithWidth(max(width, 10)) }

// parseDays reads what was typed: nil for forever, else a number of days within the
// model's rule; problem says what is wrong otherwise.
func parseDays(text string) (days *int, problem string) {
	v := strings.TrimSpace(text)
	switch {
	case strings.EqualFold(v, forever):
		return nil, ""
	case v == "":
		return nil, fmt.Sprintf("type a number of days (%d–%d), or %s", model.MinPurgeAfterDays, model.MaxPurgeAfterDays, forever)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil, fmt.Sprintf("%s is not a number of days: type %d to %d, or %s", common.Safe(strconv.Quote(v)), model.MinPurgeAfterDays, model.MaxPurgeAfterDays, forever)
	}
	if m := model.PurgeAfterDaysProblem(n, forever); m != "" {
		return nil, m
	}
	return &n, ""
}

// update feeds the form. Enter keeps a value the rule accepts and does nothing with one
// it refuses (the reason shows under the field); esc leaves without an edit.
func (e *daysEditor) update(msg tea.Msg) (done bool, edit *model.Edit, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, e.nav.Submit):
			days, problem := parseDays(*e.value)
			if problem != "" {
				return false, nil, nil
			}
			ed := daysEdit(days)
			return true, &ed, nil
		case key.Matches(k, e.nav.Next, e.nav.Prev):
			return false, nil, nil
		}
	}
	m, cmd := e.form.Update(msg)
	e.form = m.(*huh.Form)
	return e.form.State == huh.StateAborted, nil, cmd
}

// daysEdit is the draft edit that sets the retention (nil: forever).
func daysEdit(days *int) model.Edit {
	label := "retention: " + forever
	if days != nil {
		label = "retention: " + strings.TrimSuffix(daysValue(days), ", then deleted")
	}
	var keep *int
	if days != nil {
		n := *days
		keep = &n
	}
	return model.Edit{Label: label, Apply: func(s *model.Settings) {
		if keep == nil {
			s.DataSettings.Retention.PurgeAfterDays = nil
			return
		}
		n := *keep
		s.DataSettings.Retention.PurgeAfterDays = &n
	}}
}

// keys are the form's own bindings and esc, for the footer.
func (e *daysEditor) keys() []key.Binding { return common.FormBindings(e.form) }

// view draws the field, the rule's verdict and what the value would delete, as typed.
func (e *daysEditor) view(width int) []string {
	st := e.ctx.Styles
	lines := strings.Split(e.form.View(), "\n")
	days, problem := parseDays(*e.value)
	if problem != "" {
		return append(lines, common.ViolationLines(st, model.Violations{{Message: problem}}, width)...)
	}
	if days == nil {
		lines = append(lines, st.Success.Render("✓ records are kept forever"))
	} else {
		lines = append(lines, st.Success.Render(common.Truncate(fmt.Sprintf("✓ records are deleted %s after they are created", strings.TrimSuffix(daysValue(days), ", then deleted")), width)))
	}
	cand := e.ctx.Draft.Current().DataSettings.Retention
	cand.PurgeAfterDays = days
	return append(lines, consequenceLines(e.ctx, e.ctx.Draft.Base().DataSettings.Retention, cand, width)...)
}

// consequenceLines says what going from the saved retention to r does: each loss as a
// warning that names the records, then the confirmation the save will ask for; the rest
// as hints.
func consequenceLines(ctx *common.Context, saved, r model.Retention, width int) []string {
	st := ctx.Styles
	var out []string
	losses := 0
	for _, c := range model.RetentionConsequences(saved, r, ctx.Now()) {
		style, bullet := st.Hint, "· "
		if c.Loss {
			style, bullet = st.Warning, "! "
			losses++
		}
		for _, l := range common.Hang(bullet+c.Text, width, 2) {
			out = append(out, style.Render(l))
		}
	}
	if losses > 0 {
		text := fmt.Sprintf("  compared with revision %d; saving asks you to confirm (d in the review)", ctx.Head)
		for _, l := range common.Hang(text, width, 2) {
			out = append(out, st.Warning.Render(l))
		}
	}
	return out
}
