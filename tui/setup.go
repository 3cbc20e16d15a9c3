package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"idvset/model"
	"idvset/tui/common"
)

// setupScreen is the first run: the database has no password yet, so the editor asks for
// a new one twice, says how strong it is while it is typed, and sets it.
type setupScreen struct {
	ctx     *common.Context
	store   Store
	form    *huh.Form
	pw      *string
	again   *string
	first   huh.Field // the first input: enter there moves on, enter in the second sets
	nav     common.FormNav
	hashing bool
	spinner spinner.Model
	failure string // why the last attempt failed, if it did
	width   int
}

// newSetupScreen returns the first-run screen with an empty form.
func newSetupScreen(ctx *common.Context, store Store, width int) (*setupScreen, tea.Cmd) {
	s := &setupScreen{ctx: ctx, store: store, width: width, nav: common.NewFormNav(),
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot))}
	return s, s.newForm()
}

// newForm starts a fresh form: a completed form is dead.
func (s *setupScreen) newForm() tea.Cmd {
	var pw, again string
	s.pw, s.again = &pw, &again
	keys := common.FormKeys("set the password")
	// esc would only lose what was typed; ctrl+c (the editor's quit) leaves.
	keys.Quit.SetEnabled(false)
	// No huh validation: the same verdicts show live under the form (feedback), and
	// update checks them before moving on.
	s.first = huh.NewInput().Title("New portal password").EchoMode(huh.EchoModePassword).Value(s.pw)
	s.form = huh.NewForm(huh.NewGroup(
		s.first,
		huh.NewInput().Title("Repeat it").EchoMode(huh.EchoModePassword).Value(s.again),
	)).WithTheme(s.ctx.Styles.HuhTheme()).
		WithKeyMap(keys).
		WithShowHelp(false).
		WithWidth(max(min(s.width, 72), 10))
	return s.form.Init()
}

func (s *setupScreen) setSize(width int) {
	s.width = width
	s.form = s.form.WithWidth(max(min(width, 72), 10))
}

// update feeds the form. Enter and tab move on (and enter on the second field submits)
// at once, not through huh's commands, so a fast typist's next keys land where they
// were meant to.
func (s *setupScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if !s.hashing {
			return nil
		}
		var cmd tea.Cmd
		s.spinner, cmd = s.spinner.Update(msg)
		return cmd
	case passwordSetMsg:
		s.hashing = false
		if msg.err != nil {
			s.failure = "could not set the password: " + common.Safe(msg.err.Error())
			return s.newForm()
		}
		return loadCmd(s.store)
	}
	if s.hashing {
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		onFirst := s.form.GetFocusedField() == s.first
		switch {
		case key.Matches(k, s.nav.Submit, s.nav.Next) && onFirst:
			// Move on only with a password the policy accepts; feedback says why not.
			if model.CheckPassword(*s.pw) != nil {
				return nil
			}
			return s.form.NextField()
		case key.Matches(k, s.nav.Prev):
			return s.form.PrevField()
		case key.Matches(k, s.nav.Next):
			return nil
		case key.Matches(k, s.nav.Submit):
			return s.submit()
		}
	}
	m, cmd := s.form.Update(msg)
	s.form = m.(*huh.Form)
	return cmd
}

// submit sets the password once both agree, in a command with a spinner, since hashing
// takes a moment.
func (s *setupScreen) submit() tea.Cmd {
	pw, again := *s.pw, *s.again
	if model.CheckPassword(pw) != nil || pw != again {
		return nil // feedback shows why
	}
	*s.pw, *s.again = "", ""
	s.failure = ""
	s.hashing = true
	return tea.Batch(s.spinner.Tick, setPasswordCmd(s.store, pw))
}

// capturing: the form has the keyboard (q is a letter of the password).
func (s *setupScreen) capturing() bool { return !s.hashing }

func (s *setupScreen) keyMap() help.KeyMap {
	if s.hashing {
		return common.Bindings(nil)
	}
	return common.Bindings(s.form.KeyBinds())
}

func (s *setupScreen) view() string {
	st := s.ctx.Styles
	w := max(s.width, 1)
	lines := []string{
		st.Title.Render("Welcome to idvset"),
		"",
		common.Wrap("This database has no portal password yet. Choose one: every save asks for it, and it cannot be recovered.", w),
		"",
	}
	if s.hashing {
		sp := s.spinner
		sp.Style = st.Spinner
		lines = append(lines, sp.View()+"hashing the password and creating revision 1…")
		return strings.Join(lines, "\n")
	}
	lines = append(lines, s.form.View(), "")
	lines = append(lines, s.feedback(w)...)
	if s.failure != "" {
		lines = append(lines, "", st.Error.Render(common.Wrap("✗ "+s.failure, w)))
	}
	return strings.Join(lines, "\n")
}

// feedback is the live verdict on what is typed: strength, the policy, the match.
func (s *setupScreen) feedback(w int) []string {
	return common.PasswordFeedback(s.ctx.Styles, *s.pw, *s.again, w)
}
