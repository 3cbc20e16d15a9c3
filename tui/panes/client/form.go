package client

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"idvset/model"
	"idvset/tui/common"
)

// captureNames are the capture methods in the portal's words.
var captureNames = map[model.CaptureMethod]string{
	model.CaptureWebcamAndUpload: "Webcam and image upload",
	model.CaptureWebcamOnly:      "Webcam only",
	model.CaptureUploadOnly:      "Image upload only",
}

// captureText is a capture method as the list shows it: "Webcam only (webcam_only)".
func captureText(m model.CaptureMethod) string {
	name, ok := captureNames[m]
	if !ok {
		return common.Safe(string(m)) // a stored value no longer valid: validation says so
	}
	if m == model.Default().Client.CaptureMethod {
		return name + " (" + string(m) + ", the default)"
	}
	return name + " (" + string(m) + ")"
}

// form is an embedded huh form that edits the capture method (a select) or the domain
// prefix (an input checked as it is typed). A completed form is dead: each edit gets a
// new one.
type form struct {
	ctx     *common.Context
	huh     *huh.Form
	capture *model.CaptureMethod // bound to the select, or nil
	prefix  *string              // bound to the input, or nil
	nav     common.FormNav
}

func newCaptureForm(ctx *common.Context, cur model.CaptureMethod, width int) (*form, tea.Cmd) {
	v := cur
	f := &form{ctx: ctx, capture: &v, nav: common.NewFormNav()}
	var opts []huh.Option[model.CaptureMethod]
	for _, m := range model.CaptureMethods() {
		opts = append(opts, huh.NewOption(captureNames[m], m).Selected(m == cur))
	}
	km := common.FormKeys("keep")
	km.Select.Filter.SetEnabled(false) // three choices need no filter
	km.Select.Submit.SetHelp("enter", "keep")
	return f.build(huh.NewSelect[model.CaptureMethod]().Options(opts...).Value(f.capture), km, width)
}

func newPrefixForm(ctx *common.Context, cur string, width int) (*form, tea.Cmd) {
	v := cur
	f := &form{ctx: ctx, prefix: &v, nav: common.NewFormNav()}
	in := huh.NewInput().Value(f.prefix).Prompt("› ").
		Placeholder("acme (empty: not set)").
		// No prefix is longer than a DNS label; room for a few more shows the rule.
		CharLimit(2 * model.MaxDomainPrefixLen)
	return f.build(in, common.FormKeys("keep"), width)
}

func (f *form) build(field huh.Field, km *huh.KeyMap, width int) (*form, tea.Cmd) {
	f.huh = huh.NewForm(huh.NewGroup(field)).
		WithTheme(f.ctx.Styles.HuhTheme()).
		WithKeyMap(km).
		WithShowHelp(false).
		WithWidth(max(width, 10))
	return f, f.huh.Init()
}

func (f *form) setWidth(width int) { f.huh = f.huh.WithWidth(max(width, 10)) }

// update feeds the form and reports when it is done, with the edit to apply when the
// user kept the value. Enter keeps it at once (huh would finish through commands, and
// keys typed before they return would go astray), whatever the rules say of a prefix:
// nothing typed is lost, and the violations show under it until it is fixed.
func (f *form) update(msg tea.Msg) (done bool, edit *model.Edit, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, f.nav.Submit):
			// The select takes its value from the cursor as it handles enter.
			m, _ := f.huh.Update(msg)
			f.huh = m.(*huh.Form)
			return true, f.edit(), nil
		case key.Matches(k, f.nav.Next, f.nav.Prev):
			return false, nil, nil // one field: nowhere to go
		}
	}
	m, cmd := f.huh.Update(msg)
	f.huh = m.(*huh.Form)
	return f.huh.State == huh.StateAborted, nil, cmd
}

// edit is the draft edit that stores the form's value.
func (f *form) edit() *model.Edit {
	if f.capture != nil {
		v := *f.capture
		return &model.Edit{Label: "capture method", Apply: func(s *model.Settings) { s.Client.CaptureMethod = v }}
	}
	v := *f.prefix
	return &model.Edit{Label: "domain prefix", Apply: func(s *model.Settings) { s.Client.DomainPrefix = v }}
}

// keys are the form's own bindings and esc, for the footer.
func (f *form) keys() []key.Binding { return common.FormBindings(f.huh) }

// view draws the form; under a prefix, the address it makes, the rules' verdict as it is
// typed, and its length.
func (f *form) view(width int) []string {
	lines := strings.Split(strings.TrimRight(f.huh.View(), "\n"), "\n")
	if f.prefix == nil {
		return lines
	}
	st := f.ctx.Styles
	v := *f.prefix
	if v == "" {
		return append(lines, st.Hint.Render(common.Truncate("empty: not set, the vendor's own address", width)))
	}
	for _, l := range common.Hang("→ "+common.Safe(model.ClientURL(v)), width, 2) {
		lines = append(lines, st.Value.Render(l))
	}
	var vs model.Violations
	for _, m := range model.DomainPrefixProblems(v) {
		vs = append(vs, model.Violation{Path: "client.domainPrefix", Message: m})
	}
	if len(vs) > 0 {
		lines = append(lines, common.ViolationLines(st, vs, width)...)
	} else {
		lines = append(lines, st.Success.Render("✓ valid"))
	}
	count := fmt.Sprintf("%d of %d characters", utf8.RuneCountInString(v), model.MaxDomainPrefixLen)
	return append(lines, st.Hint.Render(common.Truncate(count, width)))
}
