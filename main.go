// Command idvset edits the settings of an identity-verification customer portal: a
// keyboard-driven terminal editor and a scriptable command line over one SQLite file.
// This file holds flags and subcommands only; the work lives in model, persist and tui.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"idvset/model"
	"idvset/persist"
	"idvset/themes"
	"idvset/tui"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// Exit codes, as the spec defines them.
const (
	exitOK      = 0 // success
	exitInvalid = 1 // invalid input, refused or conflicting save
	exitUsage   = 2 // usage or I/O error
)

const usage = `usage:
  idvset [--db PATH] [--theme NAME] [--readonly]   the editor (first run: set the password)
  idvset init --password-stdin                     create a database with the defaults
  idvset export [-o FILE] [--revision N] [--accepted-id-types]   the document (JSON) to stdout/FILE
  idvset import FILE --password-stdin [--otp CODE] [--dry-run]   validate, diff, save
  idvset validate FILE                             check a document; no database needed
  idvset diff [A] [B]                              revisions or files; default head vs FILE
  idvset history                                   revisions, newest first
  idvset rollback N --password-stdin [--otp CODE]  a new revision with revision N's content
  idvset version

--db PATH (before or after the command) names the database; default $IDVSET_DB, else
$XDG_DATA_HOME/idvset/settings.db, else ~/.local/share/idvset/settings.db.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches a command line and returns the exit code, so tests can call it in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// --db may come before the command name; each command also accepts it after.
	db, rest, ok := leadingDB(args)
	if !ok {
		fmt.Fprintln(stderr, "--db: a PATH is expected")
		return exitUsage
	}
	if len(rest) > 0 {
		switch rest[0] {
		case "validate":
			return cmdValidate(rest[1:], stderr)
		case "version":
			fmt.Fprintln(stdout, "idvset", version)
			return exitOK
		case "help", "-h", "--help":
			fmt.Fprint(stdout, usage)
			return exitOK
		}
		c := &cli{db: db, stdin: stdin, stdout: stdout, stderr: stderr}
		if cmd, found := c.commands()[rest[0]]; found {
			return cmd(rest[1:])
		}
		// The editor takes flags only: a word here is a mistyped command.
		if !strings.HasPrefix(rest[0], "-") {
			fmt.Fprintf(stderr, "idvset: unknown command %q\n%s", rest[0], usage)
			return exitUsage
		}
	}
	return cmdEditor(args, stdout, stderr)
}

// newFlags returns a flag set that reports errors to stderr with the usage text.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	return fs
}

// cmdValidate checks a document file: every violation as "path: message" on stderr.
func cmdValidate(args []string, stderr io.Writer) int {
	fs := newFlags("validate", stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "validate: exactly one FILE expected")
		return exitUsage
	}
	s, code := readDocument(fs.Arg(0), stderr)
	if code != exitOK {
		return code
	}
	vs := model.Validate(s, model.Context{})
	for _, v := range vs {
		fmt.Fprintln(stderr, v)
	}
	if vs.HasErrors() {
		return exitInvalid
	}
	return exitOK
}

// readDocument reads and decodes a settings document file, printing its problems.
func readDocument(path string, stderr io.Writer) (model.Settings, int) {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", path, errors.Unwrap(err))
		return model.Settings{}, exitUsage
	}
	s, err := model.Decode(data, model.DecodeOptions{BaseDir: filepath.Dir(path)})
	var vs model.Violations
	switch {
	case errors.As(err, &vs):
		for _, v := range vs {
			fmt.Fprintln(stderr, v)
		}
		return s, exitInvalid
	case err != nil:
		fmt.Fprintf(stderr, "%s: %v\n", path, err)
		return s, exitUsage
	}
	return s, exitOK
}

// cmdEditor opens the editor on the database; on a fresh one it first asks for the
// password. With --readonly it never writes, not even to create the file.
func cmdEditor(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("idvset", stderr)
	db := fs.String("db", "", "database file")
	theme := fs.String("theme", "", "colour theme: "+strings.Join(themes.Names(), ", "))
	readOnly := fs.Bool("readonly", false, "browse without saving")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "idvset: unexpected argument %q\n%s", fs.Arg(0), usage)
		return exitUsage
	}
	// A mistyped theme is refused before the database is touched.
	if _, err := themes.Resolve(*theme, ""); err != nil {
		fmt.Fprintln(stderr, "--theme:", err)
		return exitUsage
	}
	if !term.IsTerminal(int(os.Stdout.Fd())) {
		fmt.Fprintln(stderr, "idvset: the editor needs a terminal; scripts use the subcommands (idvset help)")
		return exitUsage
	}
	path := *db
	if path == "" {
		p, err := persist.DefaultPath()
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
		path = p
	}
	store, err := persist.Open(path, persist.Options{Author: persist.DefaultAuthor(), NoCreate: *readOnly})
	if err != nil {
		fmt.Fprintln(stderr, pathError(path, err))
		return exitUsage
	}
	defer store.Close()
	if err := tui.Run(store, tui.Options{Theme: *theme, ReadOnly: *readOnly}); err != nil {
		fmt.Fprintln(stderr, "idvset:", err)
		return exitUsage
	}
	return exitOK
}
