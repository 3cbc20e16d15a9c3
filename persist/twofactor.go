package persist

import (
	"context"
	"database/sql"
	"fmt"

	"idvset/model"
)

// Two-factor enrolment, in two steps, each behind the portal password:
//
//  1. BeginEnrolment checks the password and returns a new random secret with its key URI,
//     stored nowhere yet: the editor draws it as a QR code, the command line prints it.
//  2. EnableTwoFactor checks the password again and a code of that secret, then stores the
//     secret sealed under the password and RecoveryCodeCount recovery codes (hashed),
//     which it returns: they are shown once.
//
// A code of the wrong secret, or a stale one, refuses the enrolment and counts towards the
// lockout like a wrong password. DisableTwoFactor needs the password and a code (or a
// recovery code).

// BeginEnrolment checks the password (a failure counts towards the lockout) and returns a
// new TOTP secret to enrol. It refuses with model.ErrTwoFactorOn when two-factor
// authentication is on already.
func (s *Store) BeginEnrolment(password string) (_ model.TOTPKey, err error) {
	defer s.explain(&err)
	if on, err := twoFactorOn(context.Background(), s.db); err != nil || on {
		return model.TOTPKey{}, onOrErr(on, err)
	}
	if err := s.authenticate(kindEnrolTwoFactor, password, ""); err != nil {
		return model.TOTPKey{}, err
	}
	return newTOTPKey(otpAccount())
}

func onOrErr(on bool, err error) error {
	if err != nil {
		return err
	}
	if on {
		return model.ErrTwoFactorOn
	}
	return nil
}

// EnableTwoFactor turns two-factor authentication on with key, after checking the
// password and that code is key's current code (one step of skew). It returns the
// recovery codes, in the clear for the only time. Refusals: model.ErrBadEnrolmentCode
// (not 6 digits; no attempt counted), model.ErrWrongPassword, model.ErrWrongOTP,
// *model.LockedError, model.ErrTwoFactorOn.
func (s *Store) EnableTwoFactor(password string, key model.TOTPKey, code string) (_ []string, err error) {
	defer s.explain(&err)
	if !isTOTPCode(code) {
		return nil, model.ErrBadEnrolmentCode
	}
	if _, err := b32.DecodeString(key.Secret); err != nil || len(key.Secret) < 16 {
		return nil, fmt.Errorf("the secret to enrol is not Base32 of 80 bits or more")
	}
	if on, err := twoFactorOn(context.Background(), s.db); err != nil || on {
		return nil, onOrErr(on, err)
	}
	codes, err := newRecoveryCodes(model.RecoveryCodeCount)
	if err != nil {
		return nil, err
	}
	var sk sealKey
	a := attempt{kind: kindConfirmTwoFactor, password: password, code: code, enrol: &key}
	a.prepare = func() (err error) {
		sk, err = newSealKey(password, s.params)
		return err
	}
	err = s.authorize(a, func(ctx context.Context, tx *sql.Tx, v verified) error {
		if on, err := twoFactorOn(ctx, tx); err != nil || on {
			return onOrErr(on, err)
		}
		box, err := sk.seal([]byte(key.Secret))
		if err != nil {
			return err
		}
		now := formatTime(s.now().UTC())
		if _, err := tx.ExecContext(ctx, "INSERT INTO two_factor (id, secret, last_step, enrolled_at) VALUES (1, ?, ?, ?)", box, v.step, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM recovery_codes"); err != nil {
			return err
		}
		for _, c := range codes {
			n, _ := normalizeRecoveryCode(c)
			if _, err := tx.ExecContext(ctx, "INSERT INTO recovery_codes (hash) VALUES (?)", secretHash(n)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// DisableTwoFactor turns two-factor authentication off, after checking the password and
// a code (or a recovery code): the secret and the recovery codes are deleted. It refuses
// with model.ErrTwoFactorOff when it is off.
func (s *Store) DisableTwoFactor(password, code string) (err error) {
	defer s.explain(&err)
	if on, err := twoFactorOn(context.Background(), s.db); err != nil || !on {
		if err == nil {
			err = model.ErrTwoFactorOff
		}
		return err
	}
	return s.authorize(attempt{kind: kindDisableTwoFactor, password: password, code: code},
		func(ctx context.Context, tx *sql.Tx, v verified) error {
			for _, q := range []string{"DELETE FROM two_factor", "DELETE FROM recovery_codes"} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
}

// TwoFactor reports the enrolment: on or off, since when, and the recovery codes left.
func (s *Store) TwoFactor() (_ model.TwoFactor, err error) {
	defer s.explain(&err)
	var tf model.TwoFactor
	var since string
	err = s.db.QueryRow(`SELECT (SELECT enrolled_at FROM two_factor WHERE id = 1),
		(SELECT count(*) FROM recovery_codes WHERE used_at IS NULL)`).Scan(&nullable{&since}, &tf.RecoveryCodesLeft)
	if err != nil || since == "" {
		return model.TwoFactor{}, err
	}
	tf.On = true
	if tf.Since, err = parseTime(since); err != nil {
		return model.TwoFactor{}, fmt.Errorf("two_factor.enrolled_at: %w", err)
	}
	return tf, nil
}

// Lockout reports the failed attempts in a row and until when attempts are refused.
func (s *Store) Lockout() (_ model.Lockout, err error) {
	defer s.explain(&err)
	var l model.Lockout
	var last, until string
	err = s.db.QueryRow("SELECT failures, last_failure, locked_until FROM auth_state WHERE id = 1").
		Scan(&l.Failures, &nullable{&last}, &nullable{&until})
	if err != nil {
		return l, err
	}
	if last != "" {
		if l.LastFailure, err = parseTime(last); err != nil {
			return l, fmt.Errorf("auth_state.last_failure: %w", err)
		}
	}
	if until != "" {
		if l.Until, err = parseTime(until); err != nil {
			return l, fmt.Errorf("auth_state.locked_until: %w", err)
		}
	}
	return l, nil
}
