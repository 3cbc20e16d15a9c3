package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"idvset/model"
	"idvset/persist"
)

// How the subcommands print what went wrong: errors as "path: message", violations as
// "path: message" lines, every user-supplied string escaped.

// maxPrinted is how many violations a command prints; the rest are counted in one last
// line ("… and 4,999,800 more"), so a hostile document cannot flood a terminal or a log.
const maxPrinted = 200

// printViolations prints violations as "path: message" lines, escaped, at most maxPrinted.
func printViolations(w io.Writer, vs model.Violations) {
	for _, line := range vs.Lines(maxPrinted) {
		fmt.Fprintln(w, line)
	}
}

// printChanges writes one "path: old → new" line per change, escaped (Change.String).
func printChanges(w io.Writer, changes []model.Change) {
	for _, ch := range changes {
		fmt.Fprintln(w, ch)
	}
}

// readDocument reads and decodes a settings document file, printing its problems. A
// file over model.MaxDocumentBytes is refused before it is read (model.DecodeFile).
func readDocument(path string, stderr io.Writer) (model.Settings, int) {
	s, err := model.DecodeFile(path)
	var vs model.Violations
	switch {
	case errors.As(err, &vs):
		printViolations(stderr, vs)
		return s, exitInvalid
	case err != nil:
		fmt.Fprintf(stderr, "%s: %v\n", model.Escape(path), errors.Unwrap(err))
		return s, exitUsage
	}
	return s, exitOK
}

// pathError formats err as "path: message" unless it already starts with the path.
func pathError(path string, err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return model.Escape(pe.Path) + ": " + model.Escape(pe.Err.Error())
	}
	if rest, ok := strings.CutPrefix(err.Error(), path+": "); ok {
		return model.Escape(path) + ": " + model.Escape(rest)
	}
	return model.Escape(path) + ": " + model.Escape(err.Error())
}

// refused prints why a save or rollback was refused and returns its exit code.
func (c *cli) refused(s *persist.Store, err error) int {
	var vs model.Violations
	var locked *model.LockedError
	var conflict *model.ConflictError
	switch {
	case errors.As(err, &vs):
		printViolations(c.stderr, vs)
	case errors.Is(err, model.ErrWrongPassword), errors.As(err, &locked):
		fmt.Fprintln(c.stderr, "password:", err)
	case errors.Is(err, model.ErrOTPRequired):
		fmt.Fprintln(c.stderr, "otp: two-factor authentication is on: give the code from your authenticator app (or a recovery code) with --otp CODE")
	case errors.Is(err, model.ErrWrongOTP), errors.Is(err, model.ErrBadEnrolmentCode):
		fmt.Fprintln(c.stderr, "otp:", err)
	case errors.Is(err, model.ErrTwoFactorOn), errors.Is(err, model.ErrTwoFactorOff):
		fmt.Fprintln(c.stderr, pathError(s.Path(), err))
	case errors.Is(err, model.ErrNoCredential), errors.Is(err, model.ErrCredentialRevoked):
		fmt.Fprintln(c.stderr, "credential", err)
	case errors.Is(err, model.ErrNoPassword):
		fmt.Fprintln(c.stderr, pathError(s.Path(), err)+" (run: idvset init --password-stdin)")
	case errors.As(err, &conflict), errors.Is(err, model.ErrNothingToSave):
		fmt.Fprintln(c.stderr, pathError(s.Path(), err))
	case errors.Is(err, persist.ErrNoRevision):
		fmt.Fprintln(c.stderr, err)
	default:
		fmt.Fprintln(c.stderr, pathError(s.Path(), err))
		return exitUsage
	}
	return exitInvalid
}

// plural writes "1 change", "2 changes".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
