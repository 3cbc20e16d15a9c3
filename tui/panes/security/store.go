package security

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
)

// Store is what the pane needs from storage: persist.Store has these methods. Every call
// may hash a password (argon2id) or read the file, so the pane calls them only from its
// commands. The refusals are model's errors (model.ErrWrongPassword, model.ErrWrongOTP,
// model.ErrOTPRequired, *model.LockedError, model.Violations …).
type Store interface {
	// TwoFactor reports the enrolment; Lockout the failed attempts; Credentials the API
	// credentials, never their secrets.
	TwoFactor() (model.TwoFactor, error)
	Lockout() (model.Lockout, error)
	Credentials() ([]model.Credential, error)

	// BeginEnrolment checks the password and offers a new secret; EnableTwoFactor checks
	// the password and a code of that secret, turns two-factor on and returns the
	// recovery codes; DisableTwoFactor needs the password and a code.
	BeginEnrolment(password string) (model.TOTPKey, error)
	EnableTwoFactor(password string, key model.TOTPKey, code string) ([]string, error)
	DisableTwoFactor(password, code string) error

	// ChangePassword replaces the password (the code when two-factor is on).
	ChangePassword(old, new, code string) error

	// CreateCredential and RotateCredential return the secret, shown once.
	CreateCredential(password, code string, c model.NewCredential) (model.Credential, string, error)
	RotateCredential(password, code, id string) (model.Credential, string, error)
	RevokeCredentials(password, code string, ids []string) error
}

// stateMsg is what the store holds, read again.
type stateMsg struct {
	twoFactor model.TwoFactor
	lockout   model.Lockout
	creds     []model.Credential
	withCreds bool // creds were read too (a tick reads the rest only)
	err       error
}

// stateCmd reads the two-factor state and the lockout, and the credentials when all.
func stateCmd(store Store, all bool) tea.Cmd {
	return func() tea.Msg {
		var m stateMsg
		if m.twoFactor, m.err = store.TwoFactor(); m.err != nil {
			return m
		}
		if m.lockout, m.err = store.Lockout(); m.err != nil || !all {
			return m
		}
		m.creds, m.err = store.Credentials()
		m.withCreds = true
		return m
	}
}

// tickMsg re-reads the state: the lockout counts down, and another process may have
// enrolled or failed attempts. It comes from a timer, which the test drivers drop.
type tickMsg struct{}

// Timer marks tickMsg as a timer's message (common.Timer).
func (tickMsg) Timer() {}

// tickEvery is how often the pane re-reads the lockout: every second while a wait
// counts down, else every few seconds.
func tickEvery(locked bool) time.Duration {
	if locked {
		return time.Second
	}
	return 5 * time.Second
}

func tickCmd(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return tickMsg{} })
}

// doneMsg is the store's verdict on an action of a dialog.
type doneMsg struct {
	key    model.TOTPKey    // BeginEnrolment's secret
	codes  []string         // EnableTwoFactor's recovery codes
	cred   model.Credential // the credential created or rotated
	secret string           // its secret
	err    error
}
