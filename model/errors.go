package model

import (
	"errors"
	"fmt"
	"time"
)

// The refusals a save can meet. They live in model so that the store can return them and
// the editor can recognise them without importing each other.
var (
	// ErrWrongPassword: the portal password did not match.
	ErrWrongPassword = errors.New("wrong password")
	// ErrWrongOTP: the two-factor code was wrong, expired or already used.
	ErrWrongOTP = errors.New("wrong or already used two-factor code")
	// ErrOTPRequired: two-factor authentication is on and no code was given.
	ErrOTPRequired = errors.New("two-factor code required")
	// ErrNoPassword: the database has no password yet (run init, or open the editor).
	ErrNoPassword = errors.New("no portal password set yet")
)

// LockedError refuses an attempt made during a lockout after repeated failures.
type LockedError struct {
	Until    time.Time // when the next attempt will be considered
	Failures int       // failed attempts in a row so far
}

// Error says how long to wait, rounded up to the second.
func (e *LockedError) Error() string {
	wait := time.Until(e.Until).Round(time.Second)
	if wait < time.Second {
		wait = time.Second
	}
	return fmt.Sprintf("locked after %d failed attempts: try again in %s", e.Failures, wait)
}

// ConflictError refuses a save whose base revision is no longer the head: someone else
// saved in between. Nothing was written.
type ConflictError struct {
	Base int // the revision the draft was edited from
	Head int // the revision that is head now
}

// Error names both revisions.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("conflict: edited from revision %d but the head is now revision %d", e.Base, e.Head)
}
