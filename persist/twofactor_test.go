package persist

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"idvset/model"
)

// codeAt is the code an authenticator app shows for key at t (pquerna/otp, as the apps
// compute it: RFC 6238, SHA-1, 6 digits, 30 s).
func codeAt(t testing.TB, key model.TOTPKey, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCodeCustom(key.Secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// enrolTOTP turns two-factor authentication on as a person would: the password, then the
// code the app shows for the secret. It returns the key and the recovery codes.
func enrolTOTP(t testing.TB, s *Store, c *clock) (model.TOTPKey, []string) {
	t.Helper()
	key, err := s.BeginEnrolment(testPassword)
	if err != nil {
		t.Fatalf("BeginEnrolment: %v", err)
	}
	codes, err := s.EnableTwoFactor(testPassword, key, codeAt(t, key, c.Now()))
	if err != nil {
		t.Fatalf("EnableTwoFactor: %v", err)
	}
	return key, codes
}

func TestEnrolmentKey(t *testing.T) {
	s, _ := newStore(t, newClock())
	key, err := s.BeginEnrolment(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	// What an app reads from the QR code.
	k, err := otp.NewKeyFromURL(key.URI)
	if err != nil {
		t.Fatalf("%s: %v", key.URI, err)
	}
	if k.Type() != "totp" || k.Issuer() != "idvset" || k.AccountName() != key.Account || k.Secret() != key.Secret ||
		k.Period() != 30 || k.Digits() != otp.DigitsSix || k.Algorithm() != otp.AlgorithmSHA1 {
		t.Errorf("the URI %s reads as type %s issuer %q account %q period %d digits %d algorithm %s",
			key.URI, k.Type(), k.Issuer(), k.AccountName(), k.Period(), k.Digits(), k.Algorithm())
	}
	if raw, err := b32.DecodeString(key.Secret); err != nil || len(raw) != 20 {
		t.Errorf("secret %q: %d bytes, %v; want 160 bits", key.Secret, len(raw), err)
	}
	// A version-4 QR code at level L holds 78 bytes: the URI must fit, whatever the host.
	long, _ := newTOTPKey(strings.Repeat("h", maxAccountLen))
	if len(key.URI) > 78 || len(long.URI) > 78 {
		t.Errorf("URIs of %d and %d bytes, want at most 78", len(key.URI), len(long.URI))
	}
	other, _ := s.BeginEnrolment(testPassword)
	if other.Secret == key.Secret {
		t.Error("two enrolments offered the same secret")
	}
	if tf, _ := s.TwoFactor(); tf.On {
		t.Error("beginning an enrolment turned two-factor on")
	}
}

// TestEnrolmentRefusesWrongCode: the enrolment completes only with the current code of the
// secret offered; a wrong code counts towards the lockout, a malformed one is refused
// before any attempt.
func TestEnrolmentRefusesWrongCode(t *testing.T) {
	c := newClock()
	s, path := newStore(t, c)
	key, err := s.BeginEnrolment(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	otherKey, _ := newTOTPKey("x")
	right := codeAt(t, key, c.Now())
	for _, tc := range []struct {
		name, pw, code string
		want           error
	}{
		{"malformed", testPassword, "12345", model.ErrBadEnrolmentCode},
		{"letters", testPassword, "12a456", model.ErrBadEnrolmentCode},
		{"wrong", testPassword, wrongCode(t, key, c.Now()), model.ErrWrongOTP},
		{"another secret's", testPassword, codeAt(t, otherKey, c.Now()), model.ErrWrongOTP},
		{"two steps old", testPassword, codeAt(t, key, c.Now().Add(-time.Minute)), model.ErrWrongOTP},
		{"wrong password", "not the password", right, model.ErrWrongPassword},
	} {
		if _, err := s.EnableTwoFactor(tc.pw, key, tc.code); !errors.Is(err, tc.want) {
			t.Errorf("%s code: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	if tf, _ := s.TwoFactor(); tf.On {
		t.Fatal("a refused enrolment turned two-factor on")
	}
	if f := authState(t, path); f != 4 {
		t.Errorf("%d failures counted, want 4 (three wrong codes and a wrong password; malformed codes cost nothing)", f)
	}
	codes, err := s.EnableTwoFactor(testPassword, key, right)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != model.RecoveryCodeCount {
		t.Errorf("%d recovery codes, want %d", len(codes), model.RecoveryCodeCount)
	}
	tf, err := s.TwoFactor()
	if err != nil || !tf.On || tf.RecoveryCodesLeft != 8 || !tf.Since.Equal(c.Now()) {
		t.Errorf("TwoFactor = %+v, %v", tf, err)
	}
	if _, err := s.BeginEnrolment(testPassword); !errors.Is(err, model.ErrTwoFactorOn) {
		t.Errorf("enrolling again: %v, want ErrTwoFactorOn", err)
	}
	// The code that confirmed the enrolment is spent.
	if _, err := s.Save(fullDoc2FA(), 1, testPassword, right); !errors.Is(err, model.ErrWrongOTP) {
		t.Errorf("the enrolment's code saved: %v", err)
	}
}

// wrongCode is a 6-digit code that is none of key's codes around at.
func wrongCode(t testing.TB, key model.TOTPKey, at time.Time) string {
	t.Helper()
	near := map[string]bool{}
	for d := -2; d <= 2; d++ {
		near[codeAt(t, key, at.Add(time.Duration(d)*30*time.Second))] = true
	}
	for i := 0; ; i++ {
		c := fmt.Sprintf("%06d", i*7919%1000000)
		if !near[c] {
			return c
		}
	}
}

// fullDoc2FA is fullDoc as a database with two-factor on reports it.
func fullDoc2FA() model.Settings {
	d := fullDoc()
	d.Security.TwoFactor = true
	return d
}

// newEnrolled returns a store with two-factor on, its clock, key and recovery codes.
func newEnrolled(t *testing.T) (*Store, string, *clock, model.TOTPKey, []string) {
	t.Helper()
	c := newClock()
	s, path := newStore(t, c)
	key, codes := enrolTOTP(t, s, c)
	c.Advance(30 * time.Second) // the enrolment's code is spent
	return s, path, c, key, codes
}

func TestSaveNeedsCode(t *testing.T) {
	s, path, c, key, _ := newEnrolled(t)
	doc := fullDoc2FA()
	if _, err := s.Save(doc, 1, testPassword, ""); !errors.Is(err, model.ErrOTPRequired) {
		t.Fatalf("no code: err = %v, want ErrOTPRequired", err)
	}
	if f := authState(t, path); f != 0 {
		t.Errorf("a missing code counted %d failures: nothing was verified", f)
	}
	if _, err := s.Save(doc, 1, "wrong password!", codeAt(t, key, c.Now())); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("wrong password, right code: err = %v", err)
	}
	if _, err := s.Save(doc, 1, testPassword, wrongCode(t, key, c.Now())); !errors.Is(err, model.ErrWrongOTP) {
		t.Fatalf("wrong code: err = %v", err)
	}
	if f := authState(t, path); f != 2 {
		t.Errorf("%d failures, want 2", f)
	}
	if rev, err := s.Save(doc, 1, testPassword, codeAt(t, key, c.Now())); err != nil || rev != 2 {
		t.Fatalf("password and code: %d, %v", rev, err)
	}
	if f := authState(t, path); f != 0 {
		t.Errorf("%d failures after a success, want 0", f)
	}
	if o := queryString(t, rawDB(t, path), "SELECT group_concat(outcome, ',') FROM auth_log WHERE kind = 'save'"); o != "code required,wrong password,wrong code,ok" {
		t.Errorf("auth_log: %s", o)
	}
}

// TestCodeReplayRefused: a code is accepted once, in this store or another on the same
// file; so is any code of an earlier step.
func TestCodeReplayRefused(t *testing.T) {
	s, path, c, key, _ := newEnrolled(t)
	code := codeAt(t, key, c.Now())
	if _, err := s.Save(fullDoc2FA(), 1, testPassword, code); err != nil {
		t.Fatal(err)
	}
	other := openTest(t, path, c)
	doc := fullDoc2FA()
	doc.General.TokenLifetimeMinutes = 90
	for _, st := range []*Store{s, other} {
		if _, err := st.Save(doc, 2, testPassword, code); !errors.Is(err, model.ErrWrongOTP) {
			t.Fatalf("the same code again: err = %v, want ErrWrongOTP", err)
		}
	}
	// The previous step's code is still within the skew, but older than the one used.
	if _, err := s.Save(doc, 2, testPassword, codeAt(t, key, c.Now().Add(-30*time.Second))); !errors.Is(err, model.ErrWrongOTP) {
		t.Fatalf("an older step's code: err = %v, want ErrWrongOTP", err)
	}
	c.Advance(30 * time.Second)
	if _, err := other.Save(doc, 2, testPassword, codeAt(t, key, c.Now())); err != nil {
		t.Fatalf("the next step's code: %v", err)
	}
}

// TestCodeReplayParallel: one code tried by several stores at once saves once.
func TestCodeReplayParallel(t *testing.T) {
	const n = 4
	_, path, c, key, _ := newEnrolled(t)
	code := codeAt(t, key, c.Now())
	errs := atOnce(t, path, c, n, func(st *Store, i int) error {
		d := fullDoc2FA()
		d.General.TokenLifetimeMinutes = 60 + i
		_, err := st.Save(d, 1, testPassword, code)
		return err
	})
	var ok, replayed, conflicts int
	for _, err := range errs {
		var ce *model.ConflictError
		switch {
		case err == nil:
			ok++
		case errors.Is(err, model.ErrWrongOTP):
			replayed++
		case errors.As(err, &ce):
			conflicts++
		default:
			t.Errorf("err = %v", err)
		}
	}
	if ok != 1 || replayed != n-1 {
		t.Errorf("%d saved, %d refused as replayed, %d conflicts; want 1, %d, 0", ok, replayed, conflicts, n-1)
	}
}

// TestSkew: the codes of one step before and one after are accepted; two steps away are not.
func TestSkew(t *testing.T) {
	s, _, c, key, _ := newEnrolled(t)
	c.Advance(5 * time.Minute)
	now := c.Now()
	doc := fullDoc2FA()
	rev := 1
	save := func(code string) error {
		doc.General.TokenLifetimeMinutes++
		r, err := s.Save(doc, rev, testPassword, code)
		if err == nil {
			rev = r
		}
		return err
	}
	for _, d := range []time.Duration{-time.Minute, time.Minute} {
		if err := save(codeAt(t, key, now.Add(d))); !errors.Is(err, model.ErrWrongOTP) {
			t.Errorf("code of %v: err = %v, want ErrWrongOTP", d, err)
		}
	}
	// In step order, since a code older than the last accepted is refused.
	for _, d := range []time.Duration{-30 * time.Second, 0, 30 * time.Second} {
		if err := save(codeAt(t, key, now.Add(d))); err != nil {
			t.Errorf("code of %v: %v", d, err)
		}
	}
}

// TestRecoveryCodeOnce: a recovery code stands in for a code, once, typed any way a
// person would.
func TestRecoveryCodeOnce(t *testing.T) {
	s, _, _, _, codes := newEnrolled(t)
	seen := map[string]bool{}
	for _, c := range codes {
		if len(c) != 19 || seen[c] {
			t.Errorf("recovery code %q: want 4 groups of 4, all different", c)
		}
		seen[c] = true
	}
	typed := strings.ToLower(strings.ReplaceAll(codes[3], "-", " "))
	if rev, err := s.Save(fullDoc2FA(), 1, testPassword, typed); err != nil || rev != 2 {
		t.Fatalf("recovery code %q: %d, %v", typed, rev, err)
	}
	doc := fullDoc2FA()
	doc.General.TokenLifetimeMinutes = 90
	if _, err := s.Save(doc, 2, testPassword, codes[3]); !errors.Is(err, model.ErrWrongOTP) {
		t.Fatalf("the recovery code again: err = %v, want ErrWrongOTP", err)
	}
	if _, err := s.Save(doc, 2, testPassword, "AAAA-BBBB-CCCC-DDDD"); !errors.Is(err, model.ErrWrongOTP) {
		t.Fatalf("an unknown recovery code: err = %v", err)
	}
	if tf, _ := s.TwoFactor(); tf.RecoveryCodesLeft != 7 {
		t.Errorf("%d recovery codes left, want 7", tf.RecoveryCodesLeft)
	}
	if _, err := s.Save(doc, 2, testPassword, codes[0]); err != nil {
		t.Fatalf("another recovery code: %v", err)
	}
}

// TestRefusedOperationKeepsCode: a save refused after the code was checked (a conflict)
// does not spend the code.
func TestRefusedOperationKeepsCode(t *testing.T) {
	s, _, c, key, _ := newEnrolled(t)
	code := codeAt(t, key, c.Now())
	var ce *model.ConflictError
	if _, err := s.Save(fullDoc2FA(), 7, testPassword, code); !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a conflict", err)
	}
	if _, err := s.Save(fullDoc2FA(), 1, testPassword, code); err != nil {
		t.Fatalf("the code of the refused save: %v", err)
	}
}

// TestWrongCodesLockOut: wrong codes and wrong passwords count in one lockout.
func TestWrongCodesLockOut(t *testing.T) {
	s, _, c, key, _ := newEnrolled(t)
	doc := fullDoc2FA()
	bad := wrongCode(t, key, c.Now())
	for i := range lockoutAfter {
		pw, want := testPassword, model.ErrWrongOTP
		if i%2 == 1 {
			pw, want = "wrong password!", model.ErrWrongPassword
		}
		if _, err := s.Save(doc, 1, pw, bad); !errors.Is(err, want) {
			t.Fatalf("attempt %d: err = %v, want %v", i, err, want)
		}
	}
	var le *model.LockedError
	if _, err := s.Save(doc, 1, testPassword, codeAt(t, key, c.Now())); !errors.As(err, &le) || le.Failures != lockoutAfter {
		t.Fatalf("password and code after 5 failures: err = %v, want locked", err)
	}
	l, err := s.Lockout()
	if err != nil || l.Failures != lockoutAfter || !l.Locked(c.Now()) || !l.Until.Equal(c.Now().Add(lockoutBase)) {
		t.Errorf("Lockout = %+v, %v", l, err)
	}
	c.Advance(lockoutBase)
	if _, err := s.Save(doc, 1, testPassword, codeAt(t, key, c.Now())); err != nil {
		t.Fatalf("after the wait: %v", err)
	}
	if l, _ := s.Lockout(); l.Failures != 0 || !l.Until.IsZero() {
		t.Errorf("after a success: %+v", l)
	}
}

// TestWrongCodesParallel: 20 stores with the right password and wrong codes at once: at
// most 5 codes are checked before the wait, as with passwords.
func TestWrongCodesParallel(t *testing.T) {
	const n = 20
	_, path, c, key, _ := newEnrolled(t)
	bad := wrongCode(t, key, c.Now())
	errs := atOnce(t, path, c, n, func(st *Store, _ int) error { _, err := st.Save(fullDoc2FA(), 1, testPassword, bad); return err })
	wrong, locked := tally(t, errs, model.ErrWrongOTP)
	checked, loggedLocked := countVerified(t, path)
	t.Logf("%d parallel wrong codes: %d checked, %d refused as locked", n, checked, loggedLocked)
	if checked != lockoutAfter || wrong != lockoutAfter || locked != n-lockoutAfter || loggedLocked != locked {
		t.Errorf("%d checked (%d wrong codes), %d locked (%d logged); want %d and %d", checked, wrong, locked, loggedLocked, lockoutAfter, n-lockoutAfter)
	}
}

func TestDisableTwoFactor(t *testing.T) {
	s, path, c, key, codes := newEnrolled(t)
	if err := s.DisableTwoFactor(testPassword, ""); !errors.Is(err, model.ErrOTPRequired) {
		t.Fatalf("disable without a code: %v", err)
	}
	if err := s.DisableTwoFactor(testPassword, wrongCode(t, key, c.Now())); !errors.Is(err, model.ErrWrongOTP) {
		t.Fatalf("disable with a wrong code: %v", err)
	}
	if err := s.DisableTwoFactor("wrong password!", codeAt(t, key, c.Now())); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("disable with a wrong password: %v", err)
	}
	if tf, _ := s.TwoFactor(); !tf.On {
		t.Fatal("a refused disable turned two-factor off")
	}
	if err := s.DisableTwoFactor(testPassword, codes[1]); err != nil {
		t.Fatalf("disable with a recovery code: %v", err)
	}
	tf, _ := s.TwoFactor()
	if tf.On || tf.RecoveryCodesLeft != 0 {
		t.Errorf("after disabling: %+v", tf)
	}
	db := rawDB(t, path)
	if n := queryInt(t, db, "SELECT (SELECT count(*) FROM two_factor) + (SELECT count(*) FROM recovery_codes)"); n != 0 {
		t.Errorf("%d rows of the secret and recovery codes left", n)
	}
	if err := s.DisableTwoFactor(testPassword, ""); !errors.Is(err, model.ErrTwoFactorOff) {
		t.Errorf("disable again: %v", err)
	}
	if rev, err := s.Save(fullDoc(), 1, testPassword, ""); err != nil || rev != 2 {
		t.Errorf("save without a code after disabling: %d, %v", rev, err)
	}
}

// TestChangePasswordReseals: the TOTP secret is sealed again under the new password, which
// then opens it; the change itself needs a code.
func TestChangePasswordReseals(t *testing.T) {
	s, path, c, key, _ := newEnrolled(t)
	const newPW = "a brand new passphrase"
	before := queryString(t, rawDB(t, path), "SELECT secret FROM two_factor")
	if err := s.ChangePassword(testPassword, newPW, ""); !errors.Is(err, model.ErrOTPRequired) {
		t.Fatalf("without a code: %v", err)
	}
	if err := s.ChangePassword(testPassword, newPW, codeAt(t, key, c.Now())); err != nil {
		t.Fatal(err)
	}
	after := queryString(t, rawDB(t, path), "SELECT secret FROM two_factor")
	if after == before || !strings.HasPrefix(after, "v1$") {
		t.Errorf("sealed secret %q → %q: want a new v1 value", before, after)
	}
	c.Advance(30 * time.Second)
	if _, err := s.Save(fullDoc2FA(), 1, testPassword, codeAt(t, key, c.Now())); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("old password: %v", err)
	}
	if rev, err := s.Save(fullDoc2FA(), 1, newPW, codeAt(t, key, c.Now())); err != nil || rev != 2 {
		t.Fatalf("new password and a code: %d, %v", rev, err)
	}
}

// TestTamperedSecret: a sealed secret altered in the file refuses every code, as an error
// that counts as a failure, without a panic.
func TestTamperedSecret(t *testing.T) {
	s, path, c, key, _ := newEnrolled(t)
	db := rawDB(t, path)
	sealedV := queryString(t, db, "SELECT secret FROM two_factor")
	parts := strings.Split(sealedV, "$")
	ct, _ := b64.DecodeString(parts[4])
	ct[0] ^= 1
	parts[4] = b64.EncodeToString(ct)
	for _, v := range []string{strings.Join(parts, "$"), "v9$whatever", "v1$m=99999999,t=1,p=1$a$b$c"} {
		if _, err := db.Exec("UPDATE two_factor SET secret = ?", v); err != nil {
			t.Fatal(err)
		}
		_, err := s.Save(fullDoc2FA(), 1, testPassword, codeAt(t, key, c.Now()))
		if err == nil || errors.Is(err, model.ErrWrongOTP) {
			t.Errorf("%q: err = %v, want an error saying the secret is unreadable", v, err)
		}
	}
	if f := authState(t, path); f != 3 {
		t.Errorf("%d failures, want 3", f)
	}
}

// TestNoSecretsAtRest greps the database file and its WAL for the TOTP secret (Base32 and
// raw), every recovery code (as shown and as typed) and a credential secret.
func TestNoSecretsAtRest(t *testing.T) {
	s, path, c, key, codes := newEnrolled(t)
	_, apiSecret, err := s.CreateCredential(testPassword, codeAt(t, key, c.Now()), model.NewCredential{Label: "ci deploy", Kind: model.APIToken})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Save(fullDoc2FA(), 1, testPassword, codes[2]); err != nil {
		t.Fatal(err)
	}
	raw, _ := b32.DecodeString(key.Secret)
	secrets := [][]byte{[]byte(key.Secret), []byte(strings.ToLower(key.Secret)), raw, []byte(apiSecret)}
	for _, code := range codes {
		n, _ := normalizeRecoveryCode(code)
		secrets = append(secrets, []byte(code), []byte(n))
	}
	check := func(when string) {
		for _, f := range []string{path, path + "-wal"} {
			data, err := os.ReadFile(f)
			if err != nil {
				if when == "closed" && errors.Is(err, os.ErrNotExist) {
					continue
				}
				t.Fatal(err)
			}
			if when == "open" && strings.HasSuffix(f, "-wal") && len(data) == 0 {
				t.Fatalf("the WAL is empty while the store is open: nothing was tested there")
			}
			for _, sec := range secrets {
				if bytes.Contains(data, sec) {
					t.Errorf("%s (%s) contains the secret %q", f, when, sec)
				}
			}
		}
	}
	check("open")
	s.Close()
	check("closed")
}

// TestCatalogImportNeedsCode: the catalog import's seam, authenticate with the code, asks
// for it when two-factor is on and spends it with the import.
func TestCatalogImportNeedsCode(t *testing.T) {
	s, _, c, key, _ := newEnrolled(t)
	cat := vendorCatalog(t, "v.json", "NLD")
	if _, err := s.ImportCatalog(cat, 1, testPassword, ""); !errors.Is(err, model.ErrOTPRequired) {
		t.Fatalf("without a code: %v", err)
	}
	code := codeAt(t, key, c.Now())
	if rev, err := s.ImportCatalog(cat, 1, testPassword, code); err != nil || rev != 2 {
		t.Fatalf("with the code: %d, %v", rev, err)
	}
	if _, err := s.ImportCatalog(vendorCatalog(t, "w.json", "FRA"), 2, testPassword, code); !errors.Is(err, model.ErrWrongOTP) {
		t.Fatalf("the same code again: %v", err)
	}
}
