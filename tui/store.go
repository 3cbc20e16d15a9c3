package tui

import "idvset/model"

// Store is what the editor needs from storage.
//
// persist.Store satisfies it; tests use an in-memory implementation. Every call may be
// slow (the password is hashed with argon2), so the editor only ever calls it from a
// tea.Cmd, never from Update or View. New reads the head before the program starts;
// RunOpening opens and reads the store while Bubble Tea sets the terminal up.
type Store interface {
	// Path is the database file, for the header.
	Path() string
	// NeedsPassword reports a fresh database: no password yet.
	NeedsPassword() (bool, error)
	// SetPassword sets the first password and writes revision 1 (the defaults).
	SetPassword(password string) error
	// Head returns the head revision and its settings.
	Head() (rev int, s model.Settings, err error)
	// UsedCodes returns the custom document codes ever saved, each with the first
	// revision that saved it (0 when the store has no revisions): the Documents pane
	// names that revision when it refuses a code.
	UsedCodes() ([]model.UsedCode, error)
	// Catalog returns the supported-ID catalog in force.
	Catalog() (*model.Catalog, error)
	// Save writes doc as a new revision on top of base. Its refusals are model errors:
	// model.ErrWrongPassword, *model.LockedError, *model.ConflictError,
	// model.Violations, model.ErrOTPRequired, model.ErrWrongOTP.
	Save(doc model.Settings, base int, password, otp string) (rev int, err error)
}

// NoteSaver is a Store that can start a revision's summary with a note, for what the
// changes alone do not tell ("rollback to revision 2", from the edits' notes:
// model.Edit.Note). persist.Store is one; with a store that is not, a save says only
// its changes.
type NoteSaver interface {
	SaveNoted(doc model.Settings, base int, password, otp, note string) (rev int, err error)
}
