package tui

import (
	"fmt"
	"strings"

	"idvset/model"
	"idvset/tui/common"
)

// review is what a save would write, as the review dialog lists it: the problems that
// refuse it, the warnings, the records a retention change deletes, and every change in
// the order of the tabs.
type review struct {
	changes  []model.Change
	errors   model.Violations
	warnings model.Violations
	// losses say which records the save deletes for good (a shorter retention, fraud
	// transactions purged too): the save then needs an explicit confirmation.
	losses []string
}

// newReview reads the review from the shared context.
func newReview(ctx *common.Context) review {
	r := review{
		changes:  ctx.Draft.Changes(),
		errors:   ctx.Violations.Errors(),
		warnings: ctx.Violations.Warnings(),
	}
	base, cur := ctx.Draft.Base(), ctx.Draft.Current()
	for _, c := range model.RetentionConsequences(base.DataSettings.Retention, cur.DataSettings.Retention, ctx.Now()) {
		if c.Loss {
			r.losses = append(r.losses, c.Text)
		}
	}
	return r
}

// blocked reports that the document cannot be saved as it is.
func (r review) blocked() bool { return len(r.errors) > 0 }

// lines renders the review to width. confirmed says whether the deletion was accepted.
func (r review) lines(ctx *common.Context, width int, confirmed bool) []string {
	st := ctx.Styles
	w := max(width, 1)
	var out []string
	add := func(style func(...string) string, s string) {
		// Continuation lines go under the text, past the indent and the bullet.
		indent := len(s) - len(strings.TrimLeft(s, " ")) + 2
		for _, l := range common.Hang(s, w, indent) {
			out = append(out, style(l))
		}
	}
	if r.blocked() {
		add(st.Error.Render, fmt.Sprintf("✗ %s must be fixed before saving:", common.Plural(len(r.errors), "problem")))
		for _, v := range r.errors {
			add(st.Error.Render, "  ✗ "+common.Safe(v.Path)+": "+common.Safe(v.Message))
		}
		out = append(out, "")
	}
	if len(r.warnings) > 0 {
		add(st.Warning.Render, fmt.Sprintf("! %s (saving is allowed):", common.Plural(len(r.warnings), "warning")))
		for _, v := range r.warnings {
			add(st.Warning.Render, "  ! "+common.Safe(v.Path)+": "+common.Safe(v.Message))
		}
		out = append(out, "")
	}
	if len(r.losses) > 0 {
		for _, l := range r.losses {
			add(st.Warning.Render, "! "+l+".")
		}
		mark := "[ ]"
		if confirmed {
			mark = "[x]"
		}
		add(st.Warning.Render, "  "+mark+" I understand (press d)")
		out = append(out, "")
	}
	out = append(out, st.Label.Render(common.Plural(len(r.changes), "change")+":"))
	for _, c := range r.changes {
		out = append(out, common.ChangeLines(st, c, w)...)
	}
	return out
}
