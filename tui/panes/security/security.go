// Package security is the Security section (PRODUCT.md §1.7): two-factor authentication
// (enrolment with a QR code, recovery codes, disabling), the password change, the API
// credentials (a markable table: create, rotate, revoke), and the lockout.
//
// Everything here lives in the store, never in the draft: each action asks for the
// password (and the code when two-factor is on), runs in a command, and shows the store's
// verdict. Secrets the store makes (the TOTP secret, recovery codes, a credential's
// secret) are shown once and forgotten when their screen is left.
package security

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/components/table"
)

// Pane shows the security state and runs its actions.
type Pane struct {
	ctx   *common.Context
	store Store // nil: a store without security (a file), said in the view
	keys  keyMap
	table table.Model

	loaded    bool
	twoFactor model.TwoFactor
	lockout   model.Lockout
	creds     []model.Credential
	byID      map[string]int // index in creds: the table asks for each cell it draws
	failure   error          // the last read of the store failed
	ticking   bool
	focus     string // the credential to put the cursor on when the list is read again

	dialog *dialog // an action's form, or nil
	reveal *reveal // secrets shown once, or nil

	width, height int
}

// New returns the Security pane on store, which may be nil.
func New(ctx *common.Context, store Store) *Pane {
	p := &Pane{ctx: ctx, store: store, keys: newKeyMap()}
	p.table = table.New(columns, table.NewStyles(ctx.Styles))
	p.table.SetNoun("credential", "credentials")
	p.table.SetEmptyText("no API credentials yet: press n to create one")
	p.table.SetFilterFields(table.FilterFields{Title: colLabel, Code: colID, Other: []int{colKind, colScopes}})
	p.table.SetCellKind(p.cellKind)
	p.updateKeys()
	return p
}

// Title names the section.
func (p *Pane) Title() string { return "Security" }

// ShortTitle is the title: it is short already.
func (p *Pane) ShortTitle() string { return "Security" }

// Capturing: a form, a screen of secrets (q must not throw them away) or the filter.
func (p *Pane) Capturing() bool {
	return p.dialog != nil || p.reveal != nil || p.table.Filtering()
}

// SetSize takes the pane's share of the screen.
func (p *Pane) SetSize(width, height int) {
	p.width, p.height = width, height
	// Past maxTableWidth the columns are all there and the count would sit far from them.
	p.table.SetSize(min(width, maxTableWidth), max(height-headLines, 0))
	if p.dialog != nil {
		p.dialog.setSize(width, height)
	}
}

// headLines are the lines above the table: title, two-factor, password, lockout, a gap,
// the credentials' heading; and the detail line under it.
const headLines = 7

// maxTableWidth is the widest the credentials table gets: every column at its most.
const maxTableWidth = 140

// KeyMap is the open form's keys, the screen of secrets', or the pane's and the table's.
func (p *Pane) KeyMap() help.KeyMap {
	switch {
	case p.reveal != nil:
		return common.Bindings{doneKey}
	case p.dialog != nil:
		return common.Bindings(p.dialog.keys())
	}
	return paneKeys{p}
}

// Update routes the store's answers, the open dialog's keys, and the pane's own.
func (p *Pane) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	defer p.updateKeys()
	switch msg := msg.(type) {
	case common.HeadMsg:
		if p.store == nil {
			return p, nil
		}
		cmds := []tea.Cmd{stateCmd(p.store, true)}
		if !p.ticking {
			p.ticking = true
			cmds = append(cmds, tickCmd(tickEvery(false)))
		}
		return p, tea.Batch(cmds...)
	case tickMsg:
		return p, tea.Batch(stateCmd(p.store, false), tickCmd(tickEvery(p.lockout.Locked(p.ctx.Now()))))
	case stateMsg:
		return p, p.setState(msg)
	case doneMsg:
		return p.done(msg)
	}
	if p.reveal != nil {
		if k, ok := msg.(tea.KeyPressMsg); ok && keyIs(k, doneKey) {
			p.reveal = nil // and the secrets with it
		}
		return p, nil
	}
	if p.dialog != nil {
		done, cmd := p.dialog.update(msg, p.submit)
		if done {
			p.cancel()
			return p, nil
		}
		return p, cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || p.table.Filtering() {
		var cmd tea.Cmd
		p.table, cmd = p.table.Update(msg)
		return p, cmd
	}
	if cmd, handled := p.action(k); handled {
		return p, cmd
	}
	var cmd tea.Cmd
	p.table, cmd = p.table.Update(msg)
	return p, cmd
}

// setState takes what the store holds. When two-factor authentication turned on or off
// (here, or by another process), the root hears of it, so that the draft reports the
// store's state and a save asks for a code.
func (p *Pane) setState(m stateMsg) tea.Cmd {
	if m.err != nil {
		p.failure = m.err
		return nil
	}
	p.failure = nil
	p.loaded = true
	p.twoFactor, p.lockout = m.twoFactor, m.lockout
	if m.withCreds {
		p.creds = m.creds
		p.byID = make(map[string]int, len(m.creds))
		for i, c := range m.creds {
			p.byID[c.ID] = i
		}
		p.table.SetRows(rows(m.creds))
		if p.focus != "" && p.table.SetCursor(p.focus) {
			p.focus = ""
		}
	}
	if on := m.twoFactor.On; on != p.ctx.Draft.Base().Security.TwoFactor {
		return func() tea.Msg { return common.TwoFactorMsg{On: on} }
	}
	return nil
}

// open starts a dialog for act.
func (p *Pane) open(act action, targets []model.Credential) tea.Cmd {
	d := newDialog(p.ctx, act, p.twoFactor.On, p.width, p.height)
	d.targets = targets
	p.dialog = d
	return d.build()
}

// cancel closes the dialog the user left with esc; nothing was changed.
func (p *Pane) cancel() {
	d := p.dialog
	p.dialog = nil
	if d.act == actConfirm {
		p.ctx.Say(common.StatusInfo, "enrolment cancelled: two-factor authentication stays off; nothing was stored")
		return
	}
	p.ctx.Say(common.StatusInfo, "cancelled: nothing was changed")
}

// submit sends the dialog's form to the store, in a command. What was typed is cleared
// from the dialog at once; the enrolment keeps the password of step 1 for step 2 (it
// seals the secret), until the dialog closes.
func (p *Pane) submit(d *dialog) tea.Cmd {
	store := p.store
	pw, code, newPW := d.pw, strings.TrimSpace(d.code), d.newPW
	d.pw, d.code, d.newPW, d.again = "", "", "", ""
	var ids []string
	for _, c := range d.targets {
		ids = append(ids, c.ID)
	}
	switch d.act {
	case actEnrol:
		d.held = pw
		return func() tea.Msg {
			key, err := store.BeginEnrolment(pw)
			return doneMsg{key: key, err: err}
		}
	case actConfirm:
		held, key := d.held, d.key
		return func() tea.Msg {
			codes, err := store.EnableTwoFactor(held, key, code)
			return doneMsg{codes: codes, err: err}
		}
	case actDisable:
		return func() tea.Msg { return doneMsg{err: store.DisableTwoFactor(pw, code)} }
	case actPassword:
		return func() tea.Msg { return doneMsg{err: store.ChangePassword(pw, newPW, code)} }
	case actCreate:
		nc := d.newCredential()
		return func() tea.Msg {
			c, secret, err := store.CreateCredential(pw, code, nc)
			return doneMsg{cred: c, secret: secret, err: err}
		}
	case actRotate:
		return func() tea.Msg {
			c, secret, err := store.RotateCredential(pw, code, ids[0])
			return doneMsg{cred: c, secret: secret, err: err}
		}
	}
	return func() tea.Msg { return doneMsg{err: store.RevokeCredentials(pw, code, ids)} }
}

// done takes the store's verdict on the open dialog's action. A refusal keeps the dialog
// open, with the reason; the state is read again either way (an attempt counts).
func (p *Pane) done(m doneMsg) (common.Pane, tea.Cmd) {
	d := p.dialog
	if d == nil {
		return p, nil
	}
	reload := stateCmd(p.store, true)
	if m.err != nil {
		switch {
		case errors.Is(m.err, model.ErrOTPRequired):
			d.needCode = true // turned on elsewhere meanwhile
		case errors.Is(m.err, model.ErrTwoFactorOn), errors.Is(m.err, model.ErrTwoFactorOff):
			p.dialog = nil
			p.ctx.Say(common.StatusWarning, m.err.Error())
			return p, reload
		}
		if d.act == actConfirm && errors.Is(m.err, model.ErrWrongPassword) {
			// The password of step 1 no longer works (changed meanwhile): start over.
			p.dialog = nil
			p.ctx.Say(common.StatusError, "the password changed meanwhile: enrolment cancelled, nothing was stored")
			return p, reload
		}
		if d.act == actEnrol {
			d.held = ""
		}
		return p, tea.Batch(reload, d.refused(m.err))
	}
	succeeded := func(s string) (common.Pane, tea.Cmd) {
		p.ctx.Say(common.StatusSuccess, s)
		return p, reload
	}
	switch d.act {
	case actEnrol:
		c := newDialog(p.ctx, actConfirm, false, p.width, p.height)
		c.held, c.key = d.held, m.key
		d.held = ""
		p.dialog = c
		return p, tea.Batch(reload, c.build())
	case actConfirm:
		p.dialog = nil
		p.reveal = &reveal{
			title: "Two-factor authentication is on · step 3 of 3",
			note: "Each recovery code works once in place of a code, if you lose your app. " +
				"Copy them now: they will not be shown again.",
			codes: m.codes,
		}
		return succeeded("two-factor authentication is on: saves now ask for a code")
	case actDisable:
		p.dialog = nil
		return succeeded("two-factor authentication is off: saves ask for the password only")
	case actPassword:
		p.dialog = nil
		return succeeded("password changed: every save asks for the new one")
	case actCreate, actRotate:
		p.dialog = nil
		c := m.cred
		title, done := "API credential created", fmt.Sprintf("created %s %q", c.Kind, c.Label)
		if d.act == actRotate {
			title, done = "New secret for "+common.Safe(c.Label), fmt.Sprintf("rotated %q: the old secret no longer works", c.Label)
		}
		p.reveal = &reveal{
			title: title,
			note:  "Copy the secret now: it will not be shown again. Only its hash is stored.",
			rows: []string{
				"label   " + common.Safe(c.Label),
				"kind    " + string(c.Kind) + scopeSuffix(c.Scopes),
				idLabel(c.Kind) + common.Safe(c.ID),
				"secret  " + m.secret,
			},
		}
		p.focus = c.ID // once the reload has its row
		return succeeded(done)
	}
	p.dialog = nil
	p.table.ClearMarks()
	return succeeded("revoked " + common.Plural(len(d.targets), "credential") + ": their secrets no longer work")
}

func scopeSuffix(scopes []string) string {
	if len(scopes) == 0 {
		return ""
	}
	return " (" + strings.Join(scopes, ", ") + ")"
}

// idLabel names the id as the vendor does: a token id or a client id.
func idLabel(kind model.CredentialKind) string {
	if kind == model.OAuth2Client {
		return "client  "
	}
	return "token   "
}

// View draws the pane: a dialog or secrets when one is open, else the state and the
// credentials.
func (p *Pane) View() string {
	p.table.UseTheme(p.ctx.Styles)
	switch {
	case p.reveal != nil:
		return p.reveal.view(p.ctx, p.width, p.height)
	case p.dialog != nil:
		return p.dialog.view()
	}
	st := p.ctx.Styles
	w := max(p.width, 1)
	title := st.Title.Render("Security") + st.Hint.Render("  the password, two-factor authentication, API credentials")
	lines := []string{common.Truncate(title, w)}
	if p.store == nil {
		lines = append(lines, "", st.Hint.Render(common.Wrap("The password, two-factor authentication and API credentials live in the database: "+
			"this editor runs on a file, which has none. Open the database (idvset --db PATH) to manage them.", w)))
		return fit(strings.Split(strings.Join(lines, "\n"), "\n"), p.height)
	}
	lines = append(lines, p.stateLines(w)...)
	gap := ""
	if p.ctx.ReadOnly {
		gap = st.Warning.Render(common.Truncate(common.ReadOnlyNotice+": nothing here can be changed", w))
	}
	lines = append(lines, gap, common.Truncate(st.Label.Render("API credentials")+st.Hint.Render("  the secret is shown once; only its hash is kept"), w))
	lines = append(lines, p.table.View(), p.detail(w))
	return fit(strings.Split(strings.Join(lines, "\n"), "\n"), p.height)
}

// stateLines are the two-factor state, the password and the lockout, a line each.
func (p *Pane) stateLines(w int) []string {
	st := p.ctx.Styles
	row := func(label, text string, style func(...string) string) string {
		return common.Truncate(st.Label.Render(fmt.Sprintf("%-11s", label))+style(text), w)
	}
	switch {
	case p.failure != nil:
		return []string{row("", "✗ cannot read the security state: "+common.Safe(p.failure.Error()), st.Error.Render), "", ""}
	case !p.loaded:
		return []string{row("", "reading the security state…", st.Hint.Render), "", ""}
	}
	var tf string
	tfStyle := st.Warning.Render
	if p.twoFactor.On {
		tf = fmt.Sprintf("✓ on since %s · %d of %d recovery codes left", p.twoFactor.Since.UTC().Format("2006-01-02"),
			p.twoFactor.RecoveryCodesLeft, model.RecoveryCodeCount)
		tfStyle = st.Success.Render
		if p.twoFactor.RecoveryCodesLeft <= 2 {
			tf += " (turn off and on again for new codes)"
			tfStyle = st.Warning.Render
		}
	} else {
		tf = "! off: saves need the password only (t turns it on)"
	}
	return []string{
		row("Two-factor", tf, tfStyle),
		row("Password", "argon2id; every save asks for it (p changes it)", st.Value.Render),
		p.lockoutLine(w),
	}
}

// lockoutLine says how many attempts failed in a row and when the next is considered.
func (p *Pane) lockoutLine(w int) string {
	st := p.ctx.Styles
	l := p.lockout
	now := p.ctx.Now()
	label := st.Label.Render(fmt.Sprintf("%-11s", "Lockout"))
	var text string
	style := st.Value.Render
	switch {
	case l.Locked(now):
		wait := l.Until.Sub(now).Round(time.Second)
		text = fmt.Sprintf("✗ locked after %s: next attempt %s UTC (in %s)",
			common.Plural(l.Failures, "failure"), l.Until.UTC().Format("15:04:05"), max(wait, time.Second))
		style = st.Error.Render
	case l.Failures == 0:
		text = "no failed attempts; the next attempt is considered at once"
	default:
		text = fmt.Sprintf("%s in a row (5 lock for 30 s); next attempt at once", common.Plural(l.Failures, "failure"))
		style = st.Warning.Render
	}
	return common.Truncate(label+style(text), w)
}

// detail says more of the credential under the cursor than its row has room for.
func (p *Pane) detail(w int) string {
	st := p.ctx.Styles
	key, ok := p.table.CursorKey()
	if !ok {
		return ""
	}
	c, ok := p.credential(key)
	if !ok {
		return ""
	}
	when := func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.UTC().Format("2006-01-02 15:04")
	}
	text := fmt.Sprintf("created %s · rotated %s", when(c.Created), when(c.Rotated))
	if c.IsRevoked() {
		text += " · revoked " + when(c.Revoked)
	}
	text += " (UTC)"
	return st.Hint.Render(common.Truncate(text, w))
}

// credential finds a credential by id.
func (p *Pane) credential(id string) (model.Credential, bool) {
	i, ok := p.byID[id]
	if !ok {
		return model.Credential{}, false
	}
	return p.creds[i], true
}
