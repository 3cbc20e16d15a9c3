package security

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"idvset/model"
	"idvset/tui/common"
)

// action is what a dialog does once its form is filled in.
type action int

const (
	actEnrol    action = iota // two-factor step 1: the password, before a secret is offered
	actConfirm                // step 2: the QR code, and the code of the new secret
	actDisable                // turn two-factor off: the password and a code
	actPassword               // change the password: old, new twice (and a code)
	actCreate                 // a new credential: label, kind and scopes, the password
	actRotate                 // a new secret for the credential under the cursor
	actRevoke                 // revoke the marked credentials (or the cursor's)
)

// dialog is one action's form: the fields it needs, then the password (and the code when
// two-factor is on), sent to the store in a command with a spinner. A refusal keeps the
// dialog open with a new form: passwords and codes typed are never kept in a field
// after they were refused.
type dialog struct {
	ctx      *common.Context
	act      action
	needCode bool
	nav      common.FormNav

	form   *huh.Form
	fields []huh.Field // in order: enter on the last one submits
	// What the fields are bound to. Secrets are cleared once sent.
	pw, code, newPW, again, label, kind string

	targets []model.Credential // rotate, revoke
	held    string             // enrolment: the password of step 1, which step 2 needs
	key     model.TOTPKey      // confirm: the secret offered
	invert  bool               // confirm: the QR code drawn dark on light
	qrLines [2][]string        // confirm: the QR code, drawn once each way

	busy    bool
	spinner spinner.Model
	failure string
	width   int
	height  int
}

// kindOptions are the kinds of credential as the create form offers them: an OAuth2
// client with its scopes in one choice, so the form needs no field that comes and goes.
var kindOptions = []struct{ label, value string }{
	{"API token", string(model.APIToken)},
	{"OAuth2 client: initiate", "oauth2_client:initiate"},
	{"OAuth2 client: retrieve", "oauth2_client:retrieve"},
	{"OAuth2 client: initiate and retrieve", "oauth2_client:initiate retrieve"},
}

// newCredential reads the create form.
func (d *dialog) newCredential() model.NewCredential {
	kind, scopes, _ := strings.Cut(d.kind, ":")
	return model.NewCredential{Label: d.label, Kind: model.CredentialKind(kind), Scopes: strings.Fields(scopes)}
}

func newDialog(ctx *common.Context, act action, needCode bool, width, height int) *dialog {
	d := &dialog{ctx: ctx, act: act, needCode: needCode, nav: common.NewFormNav(), width: width, height: height,
		kind: string(model.APIToken), spinner: spinner.New(spinner.WithSpinner(spinner.Dot))}
	return d
}

// title names the dialog.
func (d *dialog) title() string {
	switch d.act {
	case actEnrol:
		return "Turn on two-factor authentication · step 1 of 3"
	case actConfirm:
		return "Two-factor authentication · step 2 of 3"
	case actDisable:
		return "Turn off two-factor authentication"
	case actPassword:
		return "Change the portal password"
	case actCreate:
		return "New API credential"
	case actRotate:
		return "Rotate a credential's secret"
	}
	return "Revoke " + common.Plural(len(d.targets), "credential")
}

// intro says what the action does, before the form.
func (d *dialog) intro() string {
	switch d.act {
	case actEnrol:
		return "Your authenticator app (Google Authenticator, Authy, 1Password, …) will give a 6-digit code that every save, import, rollback and security change then asks for, with the password. First, the password:"
	case actDisable:
		return "Saves will need the password only. Confirm with the password and a code from your app (or a recovery code)."
	case actPassword:
		s := "Every save asks for the new password once it is set."
		if d.needCode {
			s += " The two-factor secret is sealed again under it."
		}
		return s
	case actCreate:
		return "The secret is shown once, when it is made; only its hash is stored."
	case actRotate:
		c := d.targets[0]
		return fmt.Sprintf("%s (%s) gets a new secret, shown once; the current one stops working at once.", common.Safe(c.Label), common.Safe(c.ID))
	case actRevoke:
		names := make([]string, len(d.targets))
		for i, c := range d.targets {
			names[i] = common.Safe(c.Label) + " (" + common.Safe(c.ID) + ")"
		}
		if len(names) == 1 {
			return names[0] + ": its secret stops working for good. This cannot be undone."
		}
		return strings.Join(names, ", ") + ": their secrets stop working for good. This cannot be undone."
	}
	return ""
}

// build starts a fresh form (a completed form is dead) with the action's fields. The
// password and code start empty; what is not secret (a label, a kind) is kept.
func (d *dialog) build() tea.Cmd {
	d.pw, d.code, d.newPW, d.again = "", "", "", ""
	pw := func(title string, v *string) huh.Field {
		return huh.NewInput().Title(title).EchoMode(huh.EchoModePassword).Value(v)
	}
	var fields []huh.Field
	switch d.act {
	case actConfirm:
		fields = append(fields, huh.NewInput().Title("Code from the app").CharLimit(6).Value(&d.code))
	case actPassword:
		fields = append(fields, pw("Current password", &d.pw), pw("New password", &d.newPW), pw("Repeat the new password", &d.again))
	case actCreate:
		opts := make([]huh.Option[string], len(kindOptions))
		for i, o := range kindOptions {
			opts[i] = huh.NewOption(o.label, o.value)
		}
		fields = append(fields,
			huh.NewInput().Title("Label").Placeholder("what uses it: ci deploy").CharLimit(model.MaxCredentialLabel).Value(&d.label),
			huh.NewSelect[string]().Title("Kind").Options(opts...).Inline(true).Value(&d.kind),
			pw("Portal password", &d.pw))
	default:
		fields = append(fields, pw("Portal password", &d.pw))
	}
	if d.needCode && d.act != actConfirm && d.act != actEnrol {
		fields = append(fields, huh.NewInput().Title("Two-factor code").
			Description("6 digits from your app, or a recovery code").CharLimit(24).Value(&d.code))
	}
	d.fields = fields
	keys := common.FormKeys(d.submitWord())
	// Four kinds need no filter; a binding without keys is never shown nor matched.
	keys.Select.Filter = key.NewBinding()
	keys.Select.Next.SetHelp("enter", "next")
	d.form = huh.NewForm(huh.NewGroup(fields...)).
		WithTheme(d.ctx.Styles.HuhTheme()).
		WithKeyMap(keys).
		WithShowHelp(false).
		WithWidth(d.formWidth())
	return d.form.Init()
}

func (d *dialog) submitWord() string {
	switch d.act {
	case actEnrol:
		return "continue"
	case actConfirm:
		return "turn on"
	case actDisable:
		return "turn off"
	case actPassword:
		return "change"
	case actCreate:
		return "create"
	case actRotate:
		return "rotate"
	}
	return "revoke"
}

// formWidth is the form's share: the column beside the QR code, or the pane.
func (d *dialog) formWidth() int {
	if d.act == actConfirm {
		if w, ok := d.qrSide(); ok {
			return max(min(w, 40), 10)
		}
	}
	return max(min(d.width, 60), 10)
}

func (d *dialog) setSize(width, height int) {
	d.width, d.height = width, height
	if d.form != nil {
		d.form = d.form.WithWidth(d.formWidth())
	}
}

// update runs the form. Enter and tab move on at once (not through huh's commands, so
// keys typed right after land in the next field); enter on the last field submits with
// submit. It reports done when the user left with esc.
func (d *dialog) update(msg tea.Msg, submit func(*dialog) tea.Cmd) (done bool, cmd tea.Cmd) {
	if t, ok := msg.(spinner.TickMsg); ok {
		if !d.busy {
			return false, nil
		}
		d.spinner, cmd = d.spinner.Update(t)
		return false, cmd
	}
	if d.busy {
		return false, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		last := d.form.GetFocusedField() == d.fields[len(d.fields)-1]
		switch {
		case key.Matches(k, invertKey) && d.act == actConfirm:
			d.invert = !d.invert
			return false, nil
		case key.Matches(k, d.nav.Submit) && last:
			if why := d.incomplete(); why != "" {
				d.failure = why
				return false, nil
			}
			d.failure = ""
			d.busy = true
			return false, tea.Batch(d.spinner.Tick, submit(d))
		case key.Matches(k, d.nav.Submit, d.nav.Next):
			if last {
				return false, nil
			}
			// A field whose rule is broken keeps the focus, saying why, as the first
			// run does: the label, the new password.
			if why := d.fieldProblem(d.form.GetFocusedField()); why != "" {
				d.failure = why
				return false, nil
			}
			d.failure = ""
			return false, d.form.NextField()
		case key.Matches(k, d.nav.Prev):
			return false, d.form.PrevField()
		}
	}
	m, cmd := d.form.Update(msg)
	d.form = m.(*huh.Form)
	return d.form.State == huh.StateAborted, cmd
}

// invertKey draws the QR code the other way round, for a terminal with a light
// background and no colour (NO_COLOR): a printable key would go to the code field.
var invertKey = key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "invert the QR code"))

// incomplete says why the form cannot be sent yet, checked here so that a slip costs no
// attempt: "" when it can.
func (d *dialog) incomplete() string {
	switch {
	case d.act == actConfirm && !sixDigits(d.code):
		return "type the 6-digit code your app shows"
	case d.act == actCreate && model.CheckCredentialLabel(d.label) != nil:
		return "label: " + model.CheckCredentialLabel(d.label).Error()
	case d.act == actPassword && model.CheckPassword(d.newPW) != nil:
		return "new " + model.CheckPassword(d.newPW).Error()
	case d.act == actPassword && d.newPW != d.again:
		return "the two new passwords differ"
	case d.act != actConfirm && d.pw == "":
		return "type the portal password"
	case d.needCode && d.act != actConfirm && d.act != actEnrol && strings.TrimSpace(d.code) == "":
		return "type the code from your app (or a recovery code)"
	}
	return ""
}

// fieldProblem is why the focused field cannot be left yet: "" when it can.
func (d *dialog) fieldProblem(f huh.Field) string {
	switch {
	case d.act == actCreate && f == d.fields[0]:
		if err := model.CheckCredentialLabel(d.label); err != nil {
			return "label: " + err.Error()
		}
	case d.act == actPassword && f == d.fields[1]:
		if err := model.CheckPassword(d.newPW); err != nil {
			return "new " + err.Error()
		}
	}
	return ""
}

func sixDigits(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// refused shows why the store refused, and starts a fresh form. It returns the form's
// command.
func (d *dialog) refused(err error) tea.Cmd {
	d.busy = false
	d.failure = refusal(err)
	if d.act == actConfirm {
		d.code = ""
		d.form = nil
	}
	return d.build()
}

// refusal words a refusal of the store for the dialog.
func refusal(err error) string {
	var locked *model.LockedError
	var vs model.Violations
	switch {
	case errors.Is(err, model.ErrWrongPassword):
		return "wrong password: nothing was changed; try again"
	case errors.Is(err, model.ErrWrongOTP):
		return "wrong or already used code: try the next one; nothing was changed"
	case errors.Is(err, model.ErrOTPRequired):
		return "two-factor authentication is on: type a code as well"
	case errors.As(err, &locked):
		return locked.Error() + "; nothing was changed"
	case errors.As(err, &vs):
		var lines []string
		for _, v := range vs {
			lines = append(lines, common.Safe(v.String()))
		}
		return strings.Join(lines, "; ")
	}
	return common.Safe(err.Error())
}

// keys are the form's bindings and esc, for the footer.
func (d *dialog) keys() []key.Binding {
	if d.busy {
		return nil
	}
	esc := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	out := append(d.form.KeyBinds(), esc)
	if d.act == actConfirm {
		out = append(out, invertKey)
	}
	return out
}

// view draws the dialog within its size: title, what it does, the form, the live checks,
// and the last refusal or the spinner.
func (d *dialog) view() string {
	if d.act == actConfirm {
		return d.confirmView()
	}
	st := d.ctx.Styles
	w := max(d.width, 1)
	lines := []string{st.Title.Render(common.Truncate(d.title(), w)), ""}
	lines = append(lines, strings.Split(st.Hint.Render(common.Wrap(d.intro(), w)), "\n")...)
	lines = append(lines, "")
	lines = append(lines, strings.Split(d.form.View(), "\n")...)
	if checks := d.checks(w); len(checks) > 0 {
		lines = append(append(lines, ""), checks...)
	}
	lines = append(lines, d.status(w)...)
	return fit(lines, d.height)
}

// checks are the live verdicts under the form: the new password's strength and match,
// the label's rule.
func (d *dialog) checks(w int) []string {
	st := d.ctx.Styles
	switch d.act {
	case actPassword:
		return common.PasswordFeedback(st, d.newPW, d.again, w)
	case actCreate:
		if d.label == "" {
			return nil
		}
		if err := model.CheckCredentialLabel(d.label); err != nil {
			return []string{st.Error.Render(common.Truncate("✗ label: "+err.Error(), w))}
		}
	}
	return nil
}

// status is the spinner while the store works, or the last refusal.
func (d *dialog) status(w int) []string {
	st := d.ctx.Styles
	if d.busy {
		sp := d.spinner
		sp.Style = st.Spinner
		return []string{sp.View() + "checking the password…"}
	}
	if d.failure != "" {
		return strings.Split(st.Error.Render(common.Wrap("✗ "+d.failure, w)), "\n")
	}
	return nil
}

// fit keeps the first height lines: the title and the form come first.
func fit(lines []string, height int) string {
	if len(lines) > height {
		lines = lines[:max(height, 0)]
	}
	return strings.Join(lines, "\n")
}
