package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"idvset/model"
	"idvset/tui/common"
)

// savePhase is where the save dialog is.
type savePhase int

const (
	phaseReview        savePhase = iota // the changes, warnings and problems
	phasePassword                       // the password (and two-factor code) prompt
	phaseSaving                         // the store is hashing and writing
	phaseConflict                       // someone saved in between: reload or re-apply
	phaseConfirmReload                  // reloading discards the draft: sure?
	phaseRefused                        // the store refused the document
)

// saveKeys are the save dialog's bindings; update enables those of the current phase.
type saveKeys struct {
	scroll   common.ListKeys
	Continue key.Binding
	Confirm  key.Binding // the deletion of records by a shorter retention
	Back     key.Binding
	Reload   key.Binding
	Reapply  key.Binding
	Yes      key.Binding
	No       key.Binding
}

func newSaveKeys() saveKeys {
	return saveKeys{
		scroll:   common.Scrolling(),
		Continue: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "type the password")),
		Confirm:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "confirm the deletion")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to editing")),
		Reload:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload theirs")),
		Reapply:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "re-apply mine")),
		Yes:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "discard and reload")),
		No:       key.NewBinding(key.WithKeys("n", "N", "esc", "enter"), key.WithHelp("n/esc", "keep my changes")),
	}
}

// saveFlow is the save dialog: review, password, the save itself, and each way a save
// can be refused. Nothing of the draft changes here; the root resets or rebases it once
// a save or a reload succeeds.
type saveFlow struct {
	ctx      *common.Context
	store    Store
	phase    savePhase
	keys     saveKeys
	review   review
	scroll   common.Scroller
	deleteOK bool
	form     *huh.Form
	pwField  huh.Field // enter there moves to the code when one is asked for
	nav      common.FormNav
	pw, otp  *string
	needOTP  bool
	spinner  spinner.Model
	message  string // the last refusal, shown in the dialog
	conflict *model.ConflictError
	refused  model.Violations
	width    int
	height   int
	target   target // the database, or a document file
	// noPassword: the store saves without a password (a document file): enter in the
	// review saves at once.
	noPassword bool
}

// newSaveFlow opens the review of the draft.
func newSaveFlow(ctx *common.Context, store Store, width, height int) *saveFlow {
	f := &saveFlow{ctx: ctx, store: store, keys: newSaveKeys(), nav: common.NewFormNav(), width: width, height: height,
		review:  newReview(ctx),
		needOTP: ctx.Draft.Base().Security.TwoFactor,
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot)),
		target:  targetOf(store), noPassword: passwordFree(store)}
	if f.noPassword {
		f.keys.Continue.SetHelp("enter", "save "+f.target.file)
	}
	f.setKeys()
	return f
}

// setKeys enables the bindings of the current phase, so the footer tells the truth.
func (f *saveFlow) setKeys() {
	k := &f.keys
	review := f.phase == phaseReview
	k.scroll.SetScrollEnabled(review || f.phase == phaseRefused)
	k.Continue.SetEnabled(review && !f.review.blocked() && (len(f.review.losses) == 0 || f.deleteOK))
	k.Confirm.SetEnabled(review && !f.review.blocked() && len(f.review.losses) > 0)
	if f.deleteOK {
		k.Confirm.SetHelp("d", "undo the confirmation")
	} else {
		k.Confirm.SetHelp("d", "confirm the deletion")
	}
	k.Back.SetEnabled(review || f.phase == phaseConflict || f.phase == phaseRefused)
	k.Reload.SetEnabled(f.phase == phaseConflict)
	k.Reapply.SetEnabled(f.phase == phaseConflict)
	k.Yes.SetEnabled(f.phase == phaseConfirmReload)
	k.No.SetEnabled(f.phase == phaseConfirmReload)
}

func (f *saveFlow) SetSize(width, height int) {
	f.width, f.height = width, height
	if f.form != nil {
		f.form = f.form.WithWidth(max(min(width, 72), 10))
	}
}

// Capturing: the password prompt has the keyboard.
func (f *saveFlow) Capturing() bool { return f.phase == phasePassword }

func (f *saveFlow) KeyMap() help.KeyMap {
	k := f.keys
	switch f.phase {
	case phasePassword:
		esc := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the review"))
		return common.Bindings(append(f.form.KeyBinds(), esc))
	case phaseSaving:
		return common.Bindings(nil)
	}
	return common.Bindings{k.Continue, k.Confirm, k.Reload, k.Reapply, k.Yes, k.No, k.scroll.Move, k.Back}
}

// Update runs the dialog. It returns nil once the dialog is closed.
func (f *saveFlow) Update(msg tea.Msg) (overlay, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if f.phase != phaseSaving {
			return f, nil
		}
		var cmd tea.Cmd
		f.spinner, cmd = f.spinner.Update(msg)
		return f, cmd
	case saveResultMsg:
		return f.saved(msg)
	}
	if f.phase == phasePassword {
		return f.updatePassword(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return f, nil
	}
	defer f.setKeys()
	switch {
	case key.Matches(k, f.keys.Continue):
		f.message = ""
		if f.noPassword {
			var none string
			f.pw, f.otp = &none, &none
			return f, f.submit()
		}
		return f, f.openPassword()
	case key.Matches(k, f.keys.Confirm):
		f.deleteOK = !f.deleteOK
	case key.Matches(k, f.keys.Back):
		if f.phase == phaseConflict {
			newer := fmt.Sprintf("revision %d is newer than yours", f.conflict.Head)
			if f.target.isFile() {
				newer = f.target.file + " changed on disk"
			}
			f.ctx.Say(common.StatusWarning, "not saved: "+newer+"; your changes are kept")
			return nil, nil
		}
		return nil, nil
	case key.Matches(k, f.keys.Reload):
		f.phase = phaseConfirmReload
	case key.Matches(k, f.keys.Reapply):
		f.ctx.Say(common.StatusInfo, fmt.Sprintf("re-applying your changes on top of %s…", f.target.rev(f.conflict.Head)))
		return nil, headCmd(f.store, headRebase)
	case key.Matches(k, f.keys.Yes):
		return nil, headCmd(f.store, headReload)
	case key.Matches(k, f.keys.No):
		f.phase = phaseConflict
	default:
		f.scroll.Update(k, f.keys.scroll, len(f.lines()), f.bodyHeight())
	}
	return f, nil
}

// openPassword shows a fresh password prompt: a completed form is dead, and a refused
// password must not linger in a field.
func (f *saveFlow) openPassword() tea.Cmd {
	f.phase = phasePassword
	var pw, otp string
	f.pw, f.otp = &pw, &otp
	f.pwField = huh.NewInput().Title("Portal password").EchoMode(huh.EchoModePassword).Value(f.pw)
	fields := []huh.Field{f.pwField}
	if f.needOTP {
		fields = append(fields, huh.NewInput().Title("Two-factor code").
			Description("6 digits from your authenticator app, or a recovery code").CharLimit(recoveryCodeLimit).Value(f.otp))
	}
	f.form = huh.NewForm(huh.NewGroup(fields...)).
		WithTheme(f.ctx.Styles.HuhTheme()).
		WithKeyMap(common.FormKeys("save")).
		WithShowHelp(false).
		WithWidth(max(min(f.width, 72), 10))
	return f.form.Init()
}

// recoveryCodeLimit is what the code field takes: a recovery code (16 characters in four
// groups) with room for the spaces someone types between the groups.
const recoveryCodeLimit = 24

// updatePassword runs the prompt. Enter and tab move on, and enter on the last field
// saves, at once rather than through huh's commands, so keys typed right after land in
// the right field.
func (f *saveFlow) updatePassword(msg tea.Msg) (overlay, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		onPassword := f.form.GetFocusedField() == f.pwField
		switch {
		case key.Matches(k, f.nav.Submit, f.nav.Next) && onPassword && f.needOTP:
			return f, f.form.NextField()
		case key.Matches(k, f.nav.Prev):
			return f, f.form.PrevField()
		case key.Matches(k, f.nav.Next):
			return f, nil
		case key.Matches(k, f.nav.Submit):
			return f, f.submit()
		}
	}
	m, cmd := f.form.Update(msg)
	f.form = m.(*huh.Form)
	if f.form.State == huh.StateAborted {
		f.phase = phaseReview
		f.setKeys()
		return f, nil
	}
	return f, cmd
}

// submit saves with what was typed, which is cleared from the dialog at once.
func (f *saveFlow) submit() tea.Cmd {
	pw, otp := *f.pw, strings.TrimSpace(*f.otp)
	*f.pw, *f.otp = "", ""
	f.phase = phaseSaving
	f.setKeys()
	return tea.Batch(f.spinner.Tick, saveCmd(f.store, f.ctx.Draft.Current(), f.ctx.Head, pw, otp, f.ctx.Draft.Notes()))
}

// saved handles the store's verdict. Every refusal keeps the draft as it is.
func (f *saveFlow) saved(msg saveResultMsg) (overlay, tea.Cmd) {
	defer f.setKeys()
	var (
		locked   *model.LockedError
		conflict *model.ConflictError
		vs       model.Violations
	)
	err := msg.err
	switch {
	case err == nil:
		return nil, func() tea.Msg { return savedMsg{rev: msg.rev, doc: msg.doc} }
	case errors.Is(err, model.ErrWrongPassword):
		f.message = "wrong password: nothing was saved; try again"
		return f, f.openPassword()
	case errors.Is(err, model.ErrWrongOTP):
		f.needOTP = true
		f.message = model.ErrWrongOTP.Error() + ": nothing was saved; try again"
		return f, f.openPassword()
	case errors.Is(err, model.ErrOTPRequired):
		f.needOTP = true
		f.message = "two-factor authentication is on: enter the code from your app as well"
		return f, f.openPassword()
	case errors.Is(err, model.ErrNothingToSave):
		// The head already is this document (someone saved the same): re-applying the
		// draft onto it leaves nothing to save, and says so.
		return nil, headCmd(f.store, headRebase)
	case errors.As(err, &locked):
		f.message = locked.Error() + "; your changes are kept"
		f.ctx.Say(common.StatusError, locked.Error())
		return f, f.openPassword()
	case errors.As(err, &conflict):
		f.conflict = conflict
		f.phase = phaseConflict
		return f, nil
	case errors.As(err, &vs):
		f.refused = vs
		f.phase = phaseRefused
		f.scroll = common.Scroller{}
		return f, nil
	}
	f.phase = phaseReview
	f.message = "save failed: " + common.Safe(err.Error()) + "; your changes are kept"
	f.ctx.Say(common.StatusError, "save failed: "+common.Safe(err.Error()))
	return f, nil
}

// bodyHeight is the room for the scrolled part, under the title and over the message.
func (f *saveFlow) bodyHeight() int { return max(f.height-3, 1) }

// lines is the scrolled part of the review or of a refusal.
func (f *saveFlow) lines() []string {
	if f.phase == phaseRefused {
		st := f.ctx.Styles
		out := []string{st.Error.Render("✗ the store refused the document; nothing was saved:")}
		out = append(out, common.ViolationLines(st, f.refused, f.width-2)...)
		return append(out, "", st.Hint.Render(common.Wrap("Fix these and press ctrl+s again; your changes are kept.", f.width)))
	}
	lines := f.review.lines(f.ctx, f.width, f.deleteOK)
	if f.target.isFile() {
		st := f.ctx.Styles
		note := common.Wrap(fmt.Sprintf("Saving writes %s in canonical form (sorted keys), images given as files kept as files. No password: a file is not the portal; idvset import %s saves it there.",
			f.target.file, f.target.file), f.width)
		lines = append(lines, "")
		for _, l := range strings.Split(note, "\n") {
			lines = append(lines, st.Hint.Render(l))
		}
	}
	return lines
}

func (f *saveFlow) View() string {
	st := f.ctx.Styles
	w := max(f.width, 1)
	changes := common.Plural(len(f.review.changes), "change")
	title := st.Title.Render(fmt.Sprintf("Review: %s against revision %d", changes, f.ctx.Head))
	if f.target.isFile() {
		title = st.Title.Render(fmt.Sprintf("Review: %s to %s", changes, f.target.file))
	}
	msg := ""
	if f.message != "" {
		msg = st.Error.Render(common.Wrap("✗ "+f.message, w))
	}
	switch f.phase {
	case phasePassword:
		t := st.Title.Render(fmt.Sprintf("Save %s as revision %d", changes, f.ctx.Head+1))
		return joinLines(t, "", f.form.View(), msg)
	case phaseSaving:
		sp := f.spinner
		sp.Style = st.Spinner
		doing := "checking the password and saving…"
		if f.noPassword {
			doing = "saving…"
		}
		return joinLines(title, "", sp.View()+doing)
	case phaseConflict, phaseConfirmReload:
		return f.conflictView(w)
	}
	body := f.scroll.Show(f.lines(), f.bodyHeight(), st.Hint)
	return joinLines(title, "", body, "", msg)
}

// conflictView names both revisions and the two ways out.
func (f *saveFlow) conflictView(w int) string {
	st := f.ctx.Styles
	c := f.conflict
	n := common.Plural(len(f.review.changes), "change")
	what := fmt.Sprintf("✗ Conflict: revision %d was saved after you started from revision %d.", c.Head, c.Base)
	theirs := fmt.Sprintf("revision %d", c.Head)
	if f.target.isFile() {
		what = fmt.Sprintf("✗ Conflict: %s changed on disk after you opened it.", f.target.file)
		theirs = "the file as it is now"
	}
	lines := []string{
		st.Error.Render(common.Wrap(what, w)),
		"",
		common.Wrap("Nothing was written; your changes are kept.", w),
		"",
		st.Key.Render("  r") + fmt.Sprintf("  reload %s and discard your %s", theirs, n),
		st.Key.Render("  a") + fmt.Sprintf("  re-apply your %s on top of %s, then review again", n, theirs),
		st.Key.Render("esc") + "  back to editing",
	}
	if f.phase == phaseConfirmReload {
		lines = append(lines, "", st.Warning.Render(common.Wrap(
			fmt.Sprintf("Discard your %s and load %s? y/N", n, theirs), w)))
	}
	return strings.Join(lines, "\n")
}
