package persist

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"idvset/model"
)

// The lockout policy: after lockoutAfter failed attempts in a row, each further attempt
// must wait lockoutBase after the last failure, doubling with every failure, at most
// lockoutMax. A success resets the count.
const (
	lockoutAfter = 5
	lockoutBase  = 30 * time.Second
	lockoutMax   = time.Hour
)

// Attempts in flight: a failure is counted when an attempt takes its slot, before its
// password is known to be wrong, so five attempts being verified at once set the
// lockout. A sixth that comes meanwhile is not refused for what may be five right
// passwords: it waits until they are settled (at most inFlightWait of real time; an
// argon2id check takes well under a second), then tries again. An attempt logged as
// verifying for longer than inFlightFor is taken for one whose process died: it stays a
// failure, and nobody waits for it.
const (
	inFlightFor  = 30 * time.Second
	inFlightWait = 10 * time.Second
	inFlightPoll = 20 * time.Millisecond
)

// errInFlight: the lockout is set only by attempts still being verified; try again soon.
var errInFlight = errors.New("attempts are being verified")

// passwordSecret names the portal password's row in the secrets table.
const passwordSecret = "portal_password"

// ErrPasswordSet refuses SetPassword on a database that already has a password.
var ErrPasswordSet = errors.New("a portal password is already set (change it with the old one)")

// Kinds of authenticated operation, as auth_log records them.
const (
	kindSave             = "save"
	kindRollback         = "rollback"
	kindSetPassword      = "set password"
	kindChangePassword   = "change password"
	kindEnrolTwoFactor   = "enrol two-factor"
	kindConfirmTwoFactor = "confirm two-factor"
	kindDisableTwoFactor = "disable two-factor"
	kindCreateCredential = "create credential"
	kindRotateCredential = "rotate credential"
	kindRevokeCredential = "revoke credential"
)

// lockoutWait is how long attempt failures+1 must wait after the last failure.
func lockoutWait(failures int) time.Duration {
	if failures < lockoutAfter {
		return 0
	}
	wait := lockoutBase
	for i := lockoutAfter; i < failures && wait < lockoutMax; i++ {
		wait *= 2
	}
	return min(wait, lockoutMax)
}

// NeedsPassword reports whether the database has no portal password yet (first run).
func (s *Store) NeedsPassword() (_ bool, err error) {
	defer s.explain(&err)
	var n int
	err = s.db.QueryRow("SELECT count(*) FROM secrets WHERE name = ?", passwordSecret).Scan(&n)
	return n == 0, err
}

// SetPassword sets the portal password on a database that has none (first run), after
// model.CheckPassword. It also writes revision 1, the default settings, when there are
// no revisions yet.
func (s *Store) SetPassword(password string) (err error) {
	defer s.explain(&err)
	if s.readOnly {
		return ErrReadOnly
	}
	if err := model.CheckPassword(password); err != nil {
		return err
	}
	hash, err := hashPassword(password, s.params)
	if err != nil {
		return err
	}
	ctx := context.Background()
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM secrets WHERE name = ?", passwordSecret).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return ErrPasswordSet
	}
	now := s.now().UTC()
	if _, err := tx.Exec("INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?)", passwordSecret, hash, formatTime(now)); err != nil {
		return err
	}
	var head int
	if err := tx.QueryRow("SELECT COALESCE(MAX(number), 0) FROM revisions").Scan(&head); err != nil {
		return err
	}
	if head == 0 {
		if _, err := s.write(ctx, tx, model.Default(), 0, "initial settings"); err != nil {
			return err
		}
	}
	if _, err := s.logAttempt(tx, kindSetPassword, outcomeOK); err != nil {
		return err
	}
	return tx.Commit()
}

// Create sets up a new database at path with the portal password and the default
// settings as revision 1 (idvset init): Open, then SetPassword. When it fails (a weak
// password, a full disk), a file it created is removed, with its -wal and -shm files and
// the directories made for it, so nothing is left behind. An existing file is never
// removed.
func Create(path, password string, opt Options) (*Store, error) {
	if err := model.CheckPassword(password); err != nil {
		return nil, err
	}
	opt.NoCreate, opt.ReadOnly = false, false
	s, err := Open(path, opt)
	if err != nil {
		return nil, err
	}
	if err := s.SetPassword(password); err != nil {
		if s.created && !errors.Is(err, ErrPasswordSet) {
			s.remove()
		} else {
			s.Close()
		}
		return nil, err
	}
	return s, nil
}

// ChangePassword replaces the portal password, after checking the new one against
// model.CheckPassword and the old one (with the code when two-factor authentication is
// on; a failure counts towards the lockout). The TOTP secret is sealed again under a key
// derived from the new password, in the transaction that stores the new hash.
func (s *Store) ChangePassword(old, new, otp string) (err error) {
	defer s.explain(&err)
	if err := model.CheckPassword(new); err != nil {
		return err
	}
	if new == old {
		return errors.New("password: the new password is the old one")
	}
	var hash string
	var key sealKey
	a := attempt{kind: kindChangePassword, password: old, code: otp, needSecret: true}
	a.prepare = func() error {
		// Both argon2id runs, the new hash and the new key, alongside the old password's
		// check; the key is wasted when two-factor is off.
		var wg sync.WaitGroup
		var kerr error
		wg.Go(func() { key, kerr = newSealKey(new, s.params) })
		var herr error
		hash, herr = hashPassword(new, s.params)
		wg.Wait()
		return errors.Join(herr, kerr)
	}
	return s.authorize(a, func(ctx context.Context, tx *sql.Tx, v verified) error {
		now := formatTime(s.now().UTC())
		if _, err := tx.ExecContext(ctx, "UPDATE secrets SET value = ?, updated_at = ? WHERE name = ?", hash, now, passwordSecret); err != nil {
			return err
		}
		if v.secret == "" {
			// Two-factor was off when the password was checked; it must still be, or the
			// secret enrolled since would stay sealed under the old password.
			if on, err := twoFactorOn(ctx, tx); err != nil || on {
				return errors.Join(err, errors.New("two-factor authentication changed meanwhile: try again"))
			}
			return nil
		}
		resealed, err := key.seal([]byte(v.secret))
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "UPDATE two_factor SET secret = ? WHERE id = 1 AND secret = ?", resealed, v.sealed)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errors.Join(err, errors.New("two-factor authentication changed meanwhile: try again"))
		}
		return nil
	})
}

// Outcomes of an attempt, as auth_log records them.
const (
	outcomeOK         = "ok"
	outcomeWrong      = "wrong password"
	outcomeWrongCode  = "wrong code" // wrong, expired or already used; a recovery code unknown or used
	outcomeLocked     = "locked"
	outcomeNoPassword = "no password"
	// outcomeNoCode: two-factor authentication is on and no code was given. Refused
	// before anything is verified, it is not counted as a failure.
	outcomeNoCode = "code required"
	// outcomeError: the stored hash or secret could not be read; the attempt counts as a
	// failure.
	outcomeError = "error"
	// outcomeVerifying marks an attempt whose password is being checked. It stays in the
	// log only when the process died before recording the result; such an attempt
	// counts as a failure, as it was counted when it began.
	outcomeVerifying = "verifying"
)

// attempt is one authenticated operation's credentials.
type attempt struct {
	kind     string // as auth_log records it
	password string
	// code is a TOTP code or a recovery code ("" when none was given).
	code string
	// enrol, when set, is a new authenticator being enrolled: code is checked against it
	// (two-factor being off, nothing else asks for a code).
	enrol *model.TOTPKey
	// needSecret: the operation needs the stored TOTP secret in the clear (a password
	// change seals it again), even when a recovery code is given.
	needSecret bool
	// prepare, when set, runs alongside the password check (both cost an argon2id): the
	// slow part of the operation that needs no verified password, such as a new hash.
	prepare func() error
}

// verified is what a successful check learnt, for the operation and for spending the code.
type verified struct {
	step     int64  // the time step of the accepted TOTP code; 0 for none
	recovery string // the hash of the recovery code given; "" for none
	sealed   string // the stored sealed secret the code was checked against
	secret   string // the TOTP secret in Base32, when it was opened
}

// op is the write an authenticated operation makes, inside the transaction that records
// the successful attempt and spends its code.
type op func(ctx context.Context, tx *sql.Tx, v verified) error

// authenticate checks the lockout, the password and, when two-factor authentication is
// on, the code (a TOTP code or a recovery code), counting and logging the attempt. It
// returns nil, model.ErrNoPassword, model.ErrWrongPassword, model.ErrOTPRequired,
// model.ErrWrongOTP or *model.LockedError. The code is spent: it is not accepted again.
//
// Operations that write (a save, a catalog import …) pass their write to authorize, so
// that it happens in the transaction that spends the code.
func (s *Store) authenticate(kind, password, otp string) error {
	return s.authorize(attempt{kind: kind, password: password, code: otp}, nil)
}

// authorize authenticates a, then runs do in the transaction that records the success.
//
// The check must hold however many processes try at once, and argon2id is too slow to
// hash inside the write lock. So an attempt first takes a slot in one write transaction:
// refused there if locked (or, with two-factor on, when no code is given), otherwise
// counted as a failure up front, which sets the lockout when it is the fifth in a row.
// Only then are the password and the code checked, outside any transaction, and the
// result recorded. At most lockoutAfter guesses (of a password or of a code) are ever
// verified before a wait; a process killed while hashing leaves its failure counted.
//
// The code is spent in the transaction that records the result: a TOTP code only when its
// time step is later than the last one accepted, a recovery code only when it is unused.
// Of two attempts with one code, one wins and the other is a wrong code. When do refuses
// (a conflict), the attempt is recorded as a success without its write, and the code is
// not spent: it was not used for anything.
func (s *Store) authorize(a attempt, do op) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.settle()
	st, err := s.takeSlot(a.kind, a.code != "", true)
	for deadline := time.Now().Add(inFlightWait); errors.Is(err, errInFlight); {
		if s.whileInFlight != nil {
			s.whileInFlight()
		}
		if time.Now().After(deadline) {
			st, err = s.takeSlot(a.kind, a.code != "", false) // refused as locked
			break
		}
		time.Sleep(inFlightPoll)
		st, err = s.takeSlot(a.kind, a.code != "", true)
	}
	if err != nil {
		return err
	}
	if s.beforeVerify != nil {
		s.beforeVerify()
	}
	outcome, v, verr := s.verify(a, st)
	outcome, err = s.finish(st.slot, outcome, v, do)
	if err != nil {
		return err
	}
	switch outcome {
	case outcomeError:
		return verr
	case outcomeWrong:
		return model.ErrWrongPassword
	case outcomeWrongCode:
		return model.ErrWrongOTP
	}
	return nil
}

// slotState is what taking a slot read: the attempt's auth_log id, the password hash and
// the sealed TOTP secret ("" when two-factor is off).
type slotState struct {
	slot   int64
	hash   string
	sealed string
}

// verify checks the password, then the code, outside any transaction. The key that opens
// the TOTP secret (an argon2id of its own) is derived alongside the password check, and
// so is a.prepare.
func (s *Store) verify(a attempt, st slotState) (string, verified, error) {
	var v verified
	var box sealed
	var boxErr, prepErr error
	var key []byte
	var wg sync.WaitGroup
	open := st.sealed != "" && a.enrol == nil && (isTOTPCode(a.code) || a.needSecret)
	if open {
		if box, boxErr = parseSealed(st.sealed); boxErr == nil {
			wg.Go(func() { key = box.key(a.password) })
		}
	}
	if a.prepare != nil {
		wg.Go(func() { prepErr = a.prepare() })
	}
	ok, err := verifyPassword(a.password, st.hash)
	wg.Wait()
	switch {
	case err != nil:
		return outcomeError, v, err
	case !ok:
		return outcomeWrong, v, nil
	case prepErr != nil:
		return outcomeError, v, prepErr
	case a.enrol != nil:
		step, ok := matchTOTP(a.enrol.Secret, a.code, s.now())
		if !ok {
			return outcomeWrongCode, v, nil
		}
		v.step = step
		return outcomeOK, v, nil
	case st.sealed == "":
		return outcomeOK, v, nil // two-factor is off: a code given anyway is not looked at
	}
	v.sealed = st.sealed
	if open {
		if boxErr != nil {
			return outcomeError, v, boxErr
		}
		secret, err := box.open(key)
		if err != nil {
			return outcomeError, v, err
		}
		v.secret = string(secret)
	}
	if isTOTPCode(a.code) {
		step, ok := matchTOTP(v.secret, a.code, s.now())
		if !ok {
			return outcomeWrongCode, v, nil
		}
		v.step = step
		return outcomeOK, v, nil
	}
	code, ok := normalizeRecoveryCode(a.code)
	if !ok {
		return outcomeWrongCode, v, nil
	}
	v.recovery = secretHash(code) // whether it is unused is settled when it is spent
	return outcomeOK, v, nil
}

// takeSlot is the first step of an attempt, one write transaction: refuse it when no
// password is set, a wait is running, or two-factor is on and no code is given (logging
// why), else count it as a failure and log it as being verified. When patient and the
// wait is set only by attempts still being verified, it logs nothing and returns
// errInFlight, for the caller to try again once they are settled.
func (s *Store) takeSlot(kind string, withCode, patient bool) (slotState, error) {
	tx, err := s.beginWrite(context.Background()) // BEGIN IMMEDIATE (see dsnParams): the read below is under the write lock
	if err != nil {
		return slotState{}, err
	}
	defer tx.Rollback()
	var st slotState
	var failures int
	var until sql.NullString
	err = tx.QueryRow(`SELECT (SELECT value FROM secrets WHERE name = ?), (SELECT secret FROM two_factor WHERE id = 1),
		failures, locked_until FROM auth_state WHERE id = 1`, passwordSecret).Scan(&nullable{&st.hash}, &nullable{&st.sealed}, &failures, &until)
	if err != nil {
		return slotState{}, err
	}
	refuse := func(outcome string, result error) (slotState, error) {
		if _, err := s.logAttempt(tx, kind, outcome); err != nil {
			return slotState{}, err
		}
		if err := tx.Commit(); err != nil {
			return slotState{}, err
		}
		return slotState{}, result
	}
	if st.hash == "" {
		return refuse(outcomeNoPassword, model.ErrNoPassword)
	}
	now := s.now()
	if until.Valid {
		t, err := parseTime(until.String)
		if err != nil {
			return slotState{}, fmt.Errorf("auth_state.locked_until: %w", err)
		}
		if now.Before(t) {
			if patient {
				var inFlight int
				err := tx.QueryRow("SELECT count(*) FROM auth_log WHERE outcome = ? AND at > ?",
					outcomeVerifying, formatTime(now.Add(-inFlightFor))).Scan(&inFlight)
				if err != nil {
					return slotState{}, err
				}
				if inFlight > 0 && failures-inFlight < lockoutAfter {
					return slotState{}, errInFlight
				}
			}
			// Refused without looking at the password, so guessing during a wait is useless.
			return refuse(outcomeLocked, &model.LockedError{Until: t, Failures: failures})
		}
	}
	if st.sealed != "" && !withCode {
		return refuse(outcomeNoCode, model.ErrOTPRequired)
	}
	failures++
	var lockUntil any // NULL until the count reaches lockoutAfter
	if wait := lockoutWait(failures); wait > 0 {
		lockUntil = formatTime(now.Add(wait))
	}
	_, err = tx.Exec("UPDATE auth_state SET failures = ?, last_failure = ?, locked_until = ? WHERE id = 1",
		failures, formatTime(now), lockUntil)
	if err != nil {
		return slotState{}, err
	}
	if st.slot, err = s.logAttempt(tx, kind, outcomeVerifying); err != nil {
		return slotState{}, err
	}
	return st, tx.Commit()
}

// finish records the outcome of the attempt that took slot, spending its code and running
// do when it succeeded, all in one transaction. When do refuses, the attempt is recorded
// again without it (a success, the code unspent) and do's error returned.
//
// When the transaction itself fails (a full disk refusing the save's pages), the outcome
// is recorded again without the write: a right password whose save the disk refused is
// not a failed guess. When even that cannot be written, the store keeps the outcome and
// records it before its next attempt (settle), so an admin retrying a save on a full
// disk is never locked out for having typed the right password.
func (s *Store) finish(slot int64, outcome string, v verified, do op) (string, error) {
	got, doErr, err := s.finishTx(slot, outcome, v, do)
	switch {
	case err == nil && doErr != nil:
		if _, _, err = s.finishTx(slot, outcome, verified{}, nil); err == nil {
			err = doErr
		}
	case err != nil:
		if _, _, again := s.finishTx(slot, outcome, verified{}, nil); again != nil {
			s.unsettled.Lock()
			s.unsettled.slots = append(s.unsettled.slots, unsettledSlot{slot, outcome})
			s.unsettled.Unlock()
		}
	}
	return got, err
}

// unsettledSlot is an attempt whose outcome could not be written (see finish).
type unsettledSlot struct {
	slot    int64
	outcome string
}

// settle records the outcomes finish could not write, oldest first, before a new attempt
// takes its slot; those that still cannot be written wait for the next one.
func (s *Store) settle() {
	s.unsettled.Lock()
	defer s.unsettled.Unlock()
	left := s.unsettled.slots[:0]
	for _, u := range s.unsettled.slots {
		if _, _, err := s.finishTx(u.slot, u.outcome, verified{}, nil); err != nil {
			left = append(left, u)
		}
	}
	s.unsettled.slots = left
}

// finishTx is one try of finish. A failure was counted when the slot was taken. A success
// resets the count as if the attempts were made in the order they took their slots: the
// failures before it are forgiven, those that took a slot after it (failed or still
// being verified) stay counted, and a later success has already done the reset.
func (s *Store) finishTx(slot int64, outcome string, v verified, do op) (_ string, doErr, err error) {
	ctx := context.Background()
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return outcome, nil, err
	}
	defer tx.Rollback()
	if outcome == outcomeOK {
		spent, err := spendCode(tx, v, s.now())
		if err != nil {
			return outcome, nil, err
		}
		if !spent {
			outcome = outcomeWrongCode
		}
	}
	if outcome == outcomeOK {
		var laterOK, later int
		err := tx.QueryRow(`SELECT count(*) FILTER (WHERE outcome = ?), count(*) FILTER (WHERE outcome IN (?, ?, ?, ?))
			FROM auth_log WHERE id > ?`, outcomeOK, outcomeVerifying, outcomeWrong, outcomeWrongCode, outcomeError, slot).Scan(&laterOK, &later)
		if err != nil {
			return outcome, nil, err
		}
		switch {
		case laterOK > 0:
		case later == 0:
			_, err = tx.Exec("UPDATE auth_state SET failures = 0, last_failure = NULL, locked_until = NULL WHERE id = 1")
		case later < lockoutAfter:
			_, err = tx.Exec("UPDATE auth_state SET failures = ?, locked_until = NULL WHERE id = 1", later)
		default:
			_, err = tx.Exec("UPDATE auth_state SET failures = ? WHERE id = 1", later)
		}
		if err != nil {
			return outcome, nil, err
		}
		if do != nil {
			if err := do(ctx, tx, v); err != nil {
				return outcome, err, nil
			}
		}
	}
	if _, err := tx.Exec("UPDATE auth_log SET outcome = ? WHERE id = ?", outcome, slot); err != nil {
		return outcome, nil, err
	}
	return outcome, nil, tx.Commit()
}

// spendCode marks the code of v used, and reports false when it already was: a TOTP code
// whose step is not later than the last one accepted (or whose secret was replaced
// meanwhile), a recovery code used already. A code of an enrolment is spent by the
// enrolment itself, which stores its step.
func spendCode(tx *sql.Tx, v verified, now time.Time) (bool, error) {
	var res sql.Result
	var err error
	switch {
	case v.sealed == "":
		return true, nil
	case v.recovery != "":
		res, err = tx.Exec("UPDATE recovery_codes SET used_at = ? WHERE hash = ? AND used_at IS NULL", formatTime(now), v.recovery)
	default:
		res, err = tx.Exec("UPDATE two_factor SET last_step = ? WHERE id = 1 AND secret = ? AND last_step < ?", v.step, v.sealed, v.step)
	}
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// logAttempt appends an attempt to auth_log and returns its id.
func (s *Store) logAttempt(tx *sql.Tx, kind, outcome string) (int64, error) {
	res, err := tx.Exec("INSERT INTO auth_log (at, author, kind, outcome) VALUES (?, ?, ?, ?)",
		formatTime(s.now().UTC()), s.author, kind, outcome)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// nullable scans a possibly NULL text column into a string ("" for NULL).
type nullable struct{ s *string }

func (n *nullable) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*n.s = ""
	case string:
		*n.s = v
	case []byte:
		*n.s = string(v)
	default:
		return fmt.Errorf("unexpected %T", v)
	}
	return nil
}

// Times are stored as RFC 3339 text in UTC, readable in the sqlite3 shell and sortable.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }
