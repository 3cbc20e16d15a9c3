package main

// The plumbing shared by the database subcommands: global --db, flags among arguments,
// opening the store, reading the password, and printing errors as "path: message".

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"idvset/model"
	"idvset/persist"
)

// cli carries what every database subcommand needs.
type cli struct {
	db             string // --db given before the command name, or ""
	stdin          io.Reader
	stdout, stderr io.Writer
}

func (c *cli) commands() map[string]func([]string) int {
	return map[string]func([]string) int{
		"init":     c.cmdInit,
		"export":   c.cmdExport,
		"import":   c.cmdImport,
		"diff":     c.cmdDiff,
		"history":  c.cmdHistory,
		"rollback": c.cmdRollback,
	}
}

// leadingDB takes a --db PATH (or --db=PATH, -db …) off the front of args. ok is false
// when --db has no value.
func leadingDB(args []string) (db string, rest []string, ok bool) {
	rest = args
	for len(rest) > 0 {
		a := rest[0]
		switch {
		case a == "--db" || a == "-db":
			if len(rest) < 2 {
				return "", nil, false
			}
			db, rest = rest[1], rest[2:]
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			db, rest = a[strings.Index(a, "=")+1:], rest[1:]
		default:
			return db, rest, true
		}
	}
	return db, rest, true
}

// parse parses flags anywhere among the arguments ("import FILE --dry-run" as well as
// "import --dry-run FILE") and returns the positional ones. "--" ends the flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		// flag stops at the first positional argument, or after a "--" it consumed.
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// newDBFlags is newFlags with --db, which every database command accepts.
func (c *cli) newDBFlags(name string) (*flag.FlagSet, *string) {
	fs := newFlags(name, c.stderr)
	db := fs.String("db", c.db, "database file")
	return fs, db
}

// open opens the database named by --db or the default path. Only init creates one.
func (c *cli) open(db string, create bool) (*persist.Store, int) {
	path := db
	if path == "" {
		p, err := persist.DefaultPath()
		if err != nil {
			fmt.Fprintln(c.stderr, err)
			return nil, exitUsage
		}
		path = p
	}
	s, err := persist.Open(path, persist.Options{NoCreate: !create})
	if err != nil {
		fmt.Fprintln(c.stderr, pathError(path, err))
		return nil, exitUsage
	}
	return s, exitOK
}

// pathError formats err as "path: message" unless it already starts with the path.
func pathError(path string, err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Path + ": " + pe.Err.Error()
	}
	if strings.HasPrefix(err.Error(), path+": ") {
		return err.Error()
	}
	return path + ": " + err.Error()
}

// readPassword reads the password from the first line of stdin, without its newline.
func (c *cli) readPassword() (string, error) {
	line, err := bufio.NewReader(c.stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	if err == io.EOF && line == "" {
		return "", errors.New("nothing on standard input")
	}
	line = strings.TrimSuffix(line, "\n")
	return strings.TrimSuffix(line, "\r"), nil
}

// refused prints why a save or rollback was refused and returns its exit code.
func (c *cli) refused(s *persist.Store, err error) int {
	var vs model.Violations
	var locked *model.LockedError
	var conflict *model.ConflictError
	switch {
	case errors.As(err, &vs):
		for _, v := range vs {
			fmt.Fprintln(c.stderr, v)
		}
	case errors.Is(err, model.ErrWrongPassword), errors.As(err, &locked):
		fmt.Fprintln(c.stderr, "password:", err)
	case errors.Is(err, model.ErrOTPRequired), errors.Is(err, model.ErrWrongOTP):
		fmt.Fprintln(c.stderr, "otp:", err)
	case errors.Is(err, model.ErrNoPassword):
		fmt.Fprintf(c.stderr, "%s: %v (run: idvset init --password-stdin)\n", s.Path(), err)
	case errors.As(err, &conflict), errors.Is(err, model.ErrNothingToSave):
		fmt.Fprintf(c.stderr, "%s: %v\n", s.Path(), err)
	case errors.Is(err, persist.ErrNoRevision):
		fmt.Fprintln(c.stderr, err)
	default:
		fmt.Fprintln(c.stderr, pathError(s.Path(), err))
		return exitUsage
	}
	return exitInvalid
}

// writePrivate writes data to path with mode 0600, atomically: a temporary file in the
// same directory renamed over path, so a reader never sees half a document.
func writePrivate(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // fails harmlessly after the rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// printChanges writes one "path: old → new" line per change.
func printChanges(w io.Writer, changes []model.Change) {
	show := func(s string) string {
		if s == "" {
			return "(not set)"
		}
		return s
	}
	for _, ch := range changes {
		fmt.Fprintf(w, "%s: %s → %s\n", ch.Path, show(ch.Old), show(ch.New))
	}
}
