package persist

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/mattn/go-sqlite3"
)

// Failures of the file system under the database, as opposed to a damaged database.
// Each is returned wrapped as "PATH: …: advice"; test with errors.Is. The advice is to
// fix the cause and try again, never to restore a backup: the file is whole (SQLite
// rolls back what it could not write).
var (
	// ErrDiskFull: no space left on the device (or the quota is exhausted).
	ErrDiskFull = errors.New("no space left on device")
	// ErrNoAccess: the database, its directory or its -wal/-shm files cannot be opened or
	// written with the permissions at hand (or the file system is read-only).
	ErrNoAccess = errors.New("permission denied")
	// ErrIO: the device reported an error reading or writing.
	ErrIO = errors.New("I/O error")
)

// storageProblem reports which of ErrDiskFull, ErrNoAccess and ErrIO err is, or nil when
// it is none of them (a damaged file, a refusal, a programming error).
func storageProblem(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull:
			return ErrDiskFull
		case sqlite3.ErrCantOpen, sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrAuth:
			// CANTOPEN's errno is often about a -shm file SQLite could not create.
			return ErrNoAccess
		case sqlite3.ErrIoErr:
			if p := errnoProblem(se.SystemErrno); p != nil {
				return p
			}
			return ErrIO
		}
		return nil
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errnoProblem(errno)
	}
	return nil
}

func errnoProblem(errno syscall.Errno) error {
	switch errno {
	case syscall.ENOSPC, syscall.EDQUOT:
		return ErrDiskFull
	case syscall.EACCES, syscall.EPERM, syscall.EROFS:
		return ErrNoAccess
	case syscall.EIO, syscall.EFBIG:
		return ErrIO
	}
	return nil
}

// storageError words a storage failure of the database at path with what to do about
// it, on one line; it returns nil when err is not a storage failure.
func storageError(path string, err error) error {
	kind := storageProblem(err)
	if kind == nil {
		return nil
	}
	detail := oneLine(systemMessage(err))
	switch kind {
	case ErrDiskFull:
		return fmt.Errorf("%s: %w: free some space and try again (the database is not damaged)", path, kind)
	case ErrNoAccess:
		base := filepath.Base(path)
		return fmt.Errorf("%s: %w (%s): check the permissions of %s and of the files in it: SQLite needs to write %s-wal and %s-shm there, even to read (the database is not damaged)",
			path, kind, detail, filepath.Dir(path), base, base)
	}
	return fmt.Errorf("%s: %w (%s): check the device and try again", path, kind, detail)
}

// systemMessage is what the system or SQLite said, without a path we print anyway.
func systemMessage(err error) string {
	var se sqlite3.Error
	if errors.As(err, &se) {
		if se.Code == sqlite3.ErrCantOpen {
			return se.Code.Error() // its errno is about a file SQLite tried, often not this one
		}
		return se.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + " " + pe.Path + ": " + pe.Err.Error()
	}
	return err.Error()
}

// explain rewords *err for people when it is a storage failure; other errors (refusals
// the callers test with errors.Is and errors.As) are left as they are. Exported methods
// defer it, so the command line and the editor say "free some space", not "damaged".
//
// Damage met on the way (SQLite finding a page corrupt, a stored revision that does not
// decode) is reported as ErrDamaged, worded as Open words it, since Open no longer reads
// the whole file to find it (see checkBeforeWrite).
func (s *Store) explain(err *error) {
	if *err == nil {
		return
	}
	if e := storageError(s.path, *err); e != nil {
		*err = e
		return
	}
	var de *damageError
	if !errors.As(*err, &de) && (errors.Is(*err, errDamagedBlob) || isCorrupt(*err)) {
		*err = &damageError{path: s.path, detail: (*err).Error()}
	}
}

// isCorrupt reports whether SQLite found the file damaged.
func isCorrupt(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrFormat)
}

// damageError is ErrDamaged with what was found and the advice: "PATH: damaged database
// (detail)[; it was not modified]: restore it from a backup".
type damageError struct {
	path   string
	detail string
	// untouched: refused before anything was written to the file.
	untouched bool
}

func (e *damageError) Error() string {
	msg := fmt.Sprintf("%s: %s (%s)", e.path, ErrDamaged, oneLine(e.detail))
	if e.untouched {
		msg += "; it was not modified"
	}
	return msg + ": restore it from a backup"
}

// Is makes errors.Is(err, ErrDamaged) hold.
func (e *damageError) Is(target error) bool { return target == ErrDamaged }

// oneLine joins a multi-line message (SQLite's quick_check reports) into one line, so a
// "path: message" line stays one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
