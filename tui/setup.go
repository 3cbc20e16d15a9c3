package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"idvset/model"
)

// setupScreen is the first run: the database has no password yet, so the editor asks for
// a new one twice, says how strong it is while it is typed, and sets it.
type setupScreen struct {
	ctx     *Context
	store   Store
	form    *huh.Form
	pw      *string
	again   *string
	hashing bool
	spinner spinner.Model
	failure string // why the last attempt failed, if it did
	width   int
}

// newSetupScreen returns the first-run screen with an empty form.
func newSetupScreen(ctx *Context, store Store, width int) (*setupScreen, tea.Cmd) {
	s := &setupScreen{ctx: ctx, store: store, width: width,
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot))}
	return s, s.newForm()
}

// newForm starts a fresh form: a completed form is dead.
func (s *setupScreen) newForm() tea.Cmd {
	var pw, again string
	s.pw, s.again = &pw, &again
	keys := formKeys("set the password")
	// esc would only lose what was typed; ctrl+c (the editor's quit) leaves.
	keys.Quit.SetEnabled(false)
	s.form = huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("New portal password").
			EchoMode(huh.EchoModePassword).Value(s.pw).
			Validate(model.CheckPassword),
		huh.NewInput().Title("Repeat it").
			EchoMode(huh.EchoModePassword).Value(s.again).
			Validate(func(v string) error {
				if v != *s.pw {
					return errors.New("the two passwords differ")
				}
				return nil
			}),
	)).WithTheme(s.ctx.Styles.HuhTheme()).
		WithKeyMap(keys).
		WithShowHelp(false).
		// The same verdicts show live under the form (feedback), so not twice.
		WithShowErrors(false).
		WithWidth(max(min(s.width, 72), 10))
	return s.form.Init()
}

func (s *setupScreen) setSize(width int) {
	s.width = width
	s.form = s.form.WithWidth(max(min(width, 72), 10))
}

// update feeds the form; once both passwords agree it sets the password in a command,
// with a spinner, since hashing takes a moment.
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
			s.failure = "could not set the password: " + msg.err.Error()
			return s.newForm()
		}
		return loadCmd(s.store)
	}
	if s.hashing {
		return nil
	}
	m, cmd := s.form.Update(msg)
	s.form = m.(*huh.Form)
	if s.form.State != huh.StateCompleted {
		return cmd
	}
	pw, again := *s.pw, *s.again
	*s.pw, *s.again = "", ""
	if err := model.CheckPassword(pw); err != nil {
		s.failure = err.Error()
		return s.newForm()
	}
	if pw != again {
		s.failure = "the two passwords differ"
		return s.newForm()
	}
	s.failure = ""
	s.hashing = true
	return tea.Batch(s.spinner.Tick, setPasswordCmd(s.store, pw))
}

// capturing: the form has the keyboard (q is a letter of the password).
func (s *setupScreen) capturing() bool { return !s.hashing }

func (s *setupScreen) keyMap() help.KeyMap {
	if s.hashing {
		return noKeys{}
	}
	return bindings(s.form.KeyBinds())
}

func (s *setupScreen) view() string {
	st := s.ctx.Styles
	w := max(s.width, 1)
	lines := []string{
		st.Title.Render("Welcome to idvset"),
		"",
		wrapText("This database has no portal password yet. Choose one: every save asks for it, and it cannot be recovered.", w),
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
		lines = append(lines, "", st.Error.Render(wrapText("✗ "+s.failure, w)))
	}
	return strings.Join(lines, "\n")
}

// feedback is the live verdict on what is typed: strength, the policy, the match.
func (s *setupScreen) feedback(w int) []string {
	st := s.ctx.Styles
	pw, again := *s.pw, *s.again
	if pw == "" {
		return strings.Split(st.Hint.Render(wrapText(fmt.Sprintf(
			"at least %d characters; a passphrase of a few words is easy to type and hard to guess", model.MinPasswordLen), w)), "\n")
	}
	strength := model.PasswordStrength(pw)
	style := st.Warning
	switch strength {
	case model.StrengthTooShort, model.StrengthWeak:
		style = st.Error
	case model.StrengthStrong:
		style = st.Success
	}
	out := []string{st.Label.Render("strength: ") + style.Render(strength.String())}
	if err := model.CheckPassword(pw); err != nil {
		out = append(out, st.Error.Render(truncate("✗ "+err.Error(), w)))
	} else {
		out = append(out, st.Success.Render("✓ meets the password policy"))
	}
	switch {
	case again == "":
	case again == pw:
		out = append(out, st.Success.Render("✓ the passwords match"))
	case strings.HasPrefix(pw, again):
		out = append(out, st.Hint.Render("repeat it…"))
	default:
		out = append(out, st.Error.Render("✗ the two passwords differ"))
	}
	return out
}
