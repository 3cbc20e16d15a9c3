package persist

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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

// passwordSecret names the portal password's row in the secrets table.
const passwordSecret = "portal_password"

// ErrPasswordSet refuses SetPassword on a database that already has a password.
var ErrPasswordSet = errors.New("a portal password is already set (change it with the old one)")

// Kinds of authenticated operation, as auth_log records them.
const (
	kindSave           = "save"
	kindRollback       = "rollback"
	kindSetPassword    = "set password"
	kindChangePassword = "change password"
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
	tx, err := s.db.BeginTx(ctx, nil)
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

// ChangePassword replaces the portal password, after checking the old one (a failure
// counts towards the lockout) and the new one against model.CheckPassword.
func (s *Store) ChangePassword(old, new string) (err error) {
	defer s.explain(&err)
	if err := model.CheckPassword(new); err != nil {
		return err
	}
	if err := s.authenticate(kindChangePassword, old, ""); err != nil {
		return err
	}
	hash, err := hashPassword(new, s.params)
	if err != nil {
		return err
	}
	_, err = s.db.Exec("UPDATE secrets SET value = ?, updated_at = ? WHERE name = ?", hash, formatTime(s.now().UTC()), passwordSecret)
	return err
}

// Outcomes of an attempt, as auth_log records them.
const (
	outcomeOK         = "ok"
	outcomeWrong      = "wrong password"
	outcomeLocked     = "locked"
	outcomeNoPassword = "no password"
	// outcomeError: the stored hash could not be read; the attempt counts as a failure.
	outcomeError = "error"
	// outcomeVerifying marks an attempt whose password is being checked. It stays in the
	// log only when the process died before recording the result; such an attempt
	// counts as a failure, as it was counted when it began.
	outcomeVerifying = "verifying"
)

// authenticate checks the lockout, then the password, counting and logging the attempt.
// It returns nil, model.ErrNoPassword, model.ErrWrongPassword or *model.LockedError.
//
// The check must hold however many processes try at once, and argon2id is too slow to
// hash inside the write lock. So an attempt first takes a slot in one write transaction:
// refused there if locked, otherwise counted as a failure up front, which sets the
// lockout when it is the fifth in a row. Only then is the password hashed, outside any
// transaction, and the result recorded. At most lockoutAfter guesses are ever verified
// before a wait; a process killed while hashing leaves its failure counted.
//
// Two-factor authentication is a seam: when a TOTP secret is configured (a later issue),
// the code is verified here after the password, a wrong or missing code counting as a
// failure like a wrong password. Until then otp is ignored.
func (s *Store) authenticate(kind, password, otp string) error {
	_ = otp // see the doc comment: no TOTP secret can be configured yet
	if s.readOnly {
		return ErrReadOnly
	}
	slot, hash, err := s.takeSlot(kind)
	if err != nil {
		return err
	}
	if s.beforeVerify != nil {
		s.beforeVerify()
	}
	ok, verr := verifyPassword(password, hash)
	outcome := outcomeWrong
	switch {
	case verr != nil:
		outcome = outcomeError
	case ok:
		outcome = outcomeOK
	}
	if err := s.finishAttempt(slot, outcome); err != nil {
		return err
	}
	switch outcome {
	case outcomeError:
		return verr
	case outcomeWrong:
		return model.ErrWrongPassword
	}
	return nil
}

// takeSlot is the first step of an attempt, one write transaction: refuse it when no
// password is set or a wait is running (logging why), else count it as a failure and log
// it as being verified. It returns the attempt's auth_log id and the stored hash.
func (s *Store) takeSlot(kind string) (int64, string, error) {
	tx, err := s.db.Begin() // BEGIN IMMEDIATE (see dsnParams): the read below is under the write lock
	if err != nil {
		return 0, "", err
	}
	defer tx.Rollback()
	var hash string
	var failures int
	var until sql.NullString
	err = tx.QueryRow(`SELECT (SELECT value FROM secrets WHERE name = ?), failures, locked_until
		FROM auth_state WHERE id = 1`, passwordSecret).Scan(&nullable{&hash}, &failures, &until)
	if err != nil {
		return 0, "", err
	}
	refuse := func(outcome string, result error) (int64, string, error) {
		if _, err := s.logAttempt(tx, kind, outcome); err != nil {
			return 0, "", err
		}
		if err := tx.Commit(); err != nil {
			return 0, "", err
		}
		return 0, "", result
	}
	if hash == "" {
		return refuse(outcomeNoPassword, model.ErrNoPassword)
	}
	now := s.now()
	if until.Valid {
		t, err := parseTime(until.String)
		if err != nil {
			return 0, "", fmt.Errorf("auth_state.locked_until: %w", err)
		}
		if now.Before(t) {
			// Refused without looking at the password, so guessing during a wait is useless.
			return refuse(outcomeLocked, &model.LockedError{Until: t, Failures: failures})
		}
	}
	failures++
	var lockUntil any // NULL until the count reaches lockoutAfter
	if wait := lockoutWait(failures); wait > 0 {
		lockUntil = formatTime(now.Add(wait))
	}
	_, err = tx.Exec("UPDATE auth_state SET failures = ?, last_failure = ?, locked_until = ? WHERE id = 1",
		failures, formatTime(now), lockUntil)
	if err != nil {
		return 0, "", err
	}
	slot, err := s.logAttempt(tx, kind, outcomeVerifying)
	if err != nil {
		return 0, "", err
	}
	return slot, hash, tx.Commit()
}

// finishAttempt records the outcome of the attempt that took slot. A failure was counted
// when the slot was taken. A success resets the count as if the attempts were made in
// the order they took their slots: the failures before it are forgiven, those that took
// a slot after it (failed or still being verified) stay counted, and a later success
// has already done the reset.
func (s *Store) finishAttempt(slot int64, outcome string) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if outcome == outcomeOK {
		var laterOK, later int
		err := tx.QueryRow(`SELECT count(*) FILTER (WHERE outcome = ?), count(*) FILTER (WHERE outcome IN (?, ?, ?))
			FROM auth_log WHERE id > ?`, outcomeOK, outcomeVerifying, outcomeWrong, outcomeError, slot).Scan(&laterOK, &later)
		if err != nil {
			return err
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
			return err
		}
	}
	if _, err := tx.Exec("UPDATE auth_log SET outcome = ? WHERE id = ?", outcome, slot); err != nil {
		return err
	}
	return tx.Commit()
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
