package security

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

const (
	testPassword = "correct horse battery"
	goodCode     = "123456" // the code the fake authenticator shows
	testSecret   = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	testURI      = "otpauth://totp/idvset:jumphost?secret=" + testSecret
)

var recoveryCodes = []string{
	"7KQ2-M9XD-4FHT-ZP3R", "AAAA-BBBB-CCCC-DDDD", "EEEE-FFFF-GGGG-HHHH", "JJJJ-KKKK-MMMM-NNNN",
	"PPPP-QQQQ-RRRR-SSSS", "TTTT-VVVV-WWWW-XXXX", "YYYY-ZZZZ-0000-1111", "2222-3333-4444-5555",
}

// fakeStore is an in-memory Store: a password, a code that is always goodCode (spent once
// per call is not modelled), recovery codes, credentials, a lockout after 5 failures.
type fakeStore struct {
	mu       sync.Mutex
	password string
	on       bool
	since    time.Time
	left     int
	lockout  model.Lockout
	creds    []model.Credential
	next     int
	calls    []string // the methods that checked a password, in order
}

func newFakeStore() *fakeStore {
	return &fakeStore{password: testPassword}
}

func (s *fakeStore) TwoFactor() (model.TwoFactor, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return model.TwoFactor{On: s.on, Since: s.since, RecoveryCodesLeft: s.left}, nil
}

func (s *fakeStore) Lockout() (model.Lockout, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lockout, nil
}

func (s *fakeStore) Credentials() ([]model.Credential, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.creds), nil
}

// check is the password (and code) check of every action.
func (s *fakeStore) check(call, pw, code string, needCode bool) error {
	s.calls = append(s.calls, call)
	if pw != s.password {
		s.lockout.Failures++
		return model.ErrWrongPassword
	}
	if needCode && s.on {
		switch {
		case code == "":
			return model.ErrOTPRequired
		case code != goodCode && !slices.Contains(recoveryCodes, code):
			s.lockout.Failures++
			return model.ErrWrongOTP
		}
	}
	s.lockout = model.Lockout{}
	return nil
}

func (s *fakeStore) BeginEnrolment(pw string) (model.TOTPKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.on {
		return model.TOTPKey{}, model.ErrTwoFactorOn
	}
	if err := s.check("BeginEnrolment", pw, "", false); err != nil {
		return model.TOTPKey{}, err
	}
	return model.TOTPKey{Secret: testSecret, URI: testURI, Issuer: "idvset", Account: "jumphost"}, nil
}

func (s *fakeStore) EnableTwoFactor(pw string, key model.TOTPKey, code string) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check("EnableTwoFactor", pw, "", false); err != nil {
		return nil, err
	}
	if key.Secret != testSecret || code != goodCode {
		s.lockout.Failures++
		return nil, model.ErrWrongOTP
	}
	s.on, s.left, s.since = true, 8, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	return recoveryCodes, nil
}

func (s *fakeStore) DisableTwoFactor(pw, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check("DisableTwoFactor", pw, code, true); err != nil {
		return err
	}
	s.on = false
	return nil
}

func (s *fakeStore) ChangePassword(old, new, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := model.CheckPassword(new); err != nil {
		return err
	}
	if err := s.check("ChangePassword", old, code, true); err != nil {
		return err
	}
	s.password = new
	return nil
}

func (s *fakeStore) CreateCredential(pw, code string, nc model.NewCredential) (model.Credential, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	nc, vs := model.CheckCredential(nc)
	if len(vs) > 0 {
		return model.Credential{}, "", vs
	}
	if err := s.check("CreateCredential", pw, code, true); err != nil {
		return model.Credential{}, "", err
	}
	s.next++
	c := model.Credential{ID: fmt.Sprintf("tok_%012d", s.next), Label: nc.Label, Kind: nc.Kind, Scopes: nc.Scopes,
		Created: time.Date(2026, 3, 1, 10, s.next, 0, 0, time.UTC)}
	if nc.Kind == model.OAuth2Client {
		c.ID = fmt.Sprintf("cli_%012d", s.next)
	}
	s.creds = append(s.creds, c)
	return c, fmt.Sprintf("secret-number-%d-xxxxxxxxxxxxxxxxxxxxxxxxxxxx", s.next), nil
}

func (s *fakeStore) find(id string) int {
	for i, c := range s.creds {
		if c.ID == id {
			return i
		}
	}
	return -1
}

func (s *fakeStore) RotateCredential(pw, code, id string) (model.Credential, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check("RotateCredential", pw, code, true); err != nil {
		return model.Credential{}, "", err
	}
	i := s.find(id)
	s.creds[i].Rotated = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	return s.creds[i], "rotated-secret-yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", nil
}

func (s *fakeStore) RevokeCredentials(pw, code string, ids []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check("RevokeCredentials", pw, code, true); err != nil {
		return err
	}
	for _, id := range ids {
		s.creds[s.find(id)].Revoked = time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)
	}
	return nil
}

// recorder wraps the pane to see the messages it sends the root (TwoFactorMsg), as the
// harness hands them back to the pane.
type recorder struct {
	*Pane
	twoFactor []bool
}

func (r *recorder) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	if m, ok := msg.(common.TwoFactorMsg); ok {
		// As the root does: the draft's base reports the store's state.
		r.twoFactor = append(r.twoFactor, m.On)
		d := r.ctx.Draft.(*model.Draft)
		base := d.Base().Clone()
		base.Security.TwoFactor = m.On
		d.Rebase(base)
		return r, nil
	}
	_, cmd := r.Pane.Update(msg)
	return r, cmd
}

// newPane runs the Security pane on store in the harness.
func newPane(t *testing.T, store Store, opts ...panetest.Option) (*panetest.Harness, *recorder) {
	t.Helper()
	rec := &recorder{}
	h := panetest.New(t, model.Default(), func(ctx *common.Context) common.Pane {
		var st Store
		if store != nil {
			st = store
		}
		rec.Pane = New(ctx, st)
		return rec
	}, opts...)
	return h, rec
}
