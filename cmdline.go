package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"idvset/model"
	"idvset/persist"
)

// The plumbing shared by the subcommands' command lines: global --db, flags among
// arguments, and the checks every subcommand makes before it touches the database.

// newFlags returns a flag set that reports errors to stderr, escaped, with the usage text.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(escapedLines{stderr})
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	return fs
}

// escapedLines writes each message it is given as one line, escaped (model.Escape): the
// flag package prints a mistyped flag's name as it came, control characters and all.
type escapedLines struct{ w io.Writer }

func (e escapedLines) Write(p []byte) (int, error) {
	if _, err := io.WriteString(e.w, model.Escape(strings.TrimSuffix(string(p), "\n"))+"\n"); err != nil {
		return 0, err
	}
	return len(p), nil
}

// errEmptyDB refuses --db "": in a script, --db "$TARGET" with TARGET unset must not act
// on the default (real) database.
var errEmptyDB = errors.New(`the path is empty (an unset variable?): give a PATH, or leave --db out to use the default database`)

// leadingDB takes a --db PATH (or --db=PATH, -db …) off the front of args. It fails when
// --db has no value or an empty one.
func leadingDB(args []string) (db string, rest []string, err error) {
	rest = args
	for len(rest) > 0 {
		a := rest[0]
		switch {
		case a == "--db" || a == "-db":
			if len(rest) < 2 {
				return "", nil, errors.New("a PATH is expected")
			}
			db, rest = rest[1], rest[2:]
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			db, rest = a[strings.Index(a, "=")+1:], rest[1:]
		default:
			return db, rest, nil
		}
		if db == "" {
			return "", nil, errEmptyDB
		}
	}
	return db, rest, nil
}

// dbFlag is the --db flag after a command: a path that must not be empty.
type dbFlag struct{ path *string }

func (f dbFlag) String() string {
	if f.path == nil {
		return ""
	}
	return *f.path
}

func (f dbFlag) Set(v string) error {
	if v == "" {
		return errEmptyDB
	}
	*f.path = v
	return nil
}

// dbFlagVar defines --db on fs with the value given before the command, if any.
func dbFlagVar(fs *flag.FlagSet, value string) *string {
	p := &value
	fs.Var(dbFlag{p}, "db", "database file")
	return p
}

// dbPath is the database named by --db, or the default path.
func dbPath(db string) (string, error) {
	if db != "" {
		return db, nil
	}
	return persist.DefaultPath()
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
	return fs, dbFlagVar(fs, c.db)
}

// cmdLine is one subcommand's command line: its flag set, with --db for a database
// command and --password-stdin and --otp for one that saves. Its checks print why they
// refuse and return the exit code, so that every subcommand says the same thing the
// same way ("NAME: no arguments expected").
type cmdLine struct {
	*flag.FlagSet
	c       *cli
	name    string  // the command's words, which begin its messages ("security status")
	db      *string // --db, or nil (edit)
	pwStdin *bool   // --password-stdin, or nil
	otp     *string // --otp, or nil
}

// argCheck is a check of a command line's positional arguments (and of its flags, which
// are parsed by then): it prints why it refuses and returns the exit code.
type argCheck func(pos []string) int

// flags starts the command line of the database subcommand name: --db, before or after it.
func (c *cli) flags(name string) *cmdLine {
	fs, db := c.newDBFlags(name)
	return &cmdLine{FlagSet: fs, c: c, name: name, db: db}
}

// withPassword adds --password-stdin and --otp: the command saves with the password,
// read from stdin (never a flag, which ps and shell histories would show).
func (l *cmdLine) withPassword() *cmdLine {
	l.withPasswordOnly()
	l.otp = l.String("otp", "", "the two-factor code (or a recovery code), when two-factor authentication is on")
	return l
}

// withPasswordOnly adds --password-stdin alone: init sets the password, so no code is asked.
func (l *cmdLine) withPasswordOnly() *cmdLine {
	l.pwStdin = l.Bool("password-stdin", false, "read the password from the first line of stdin")
	return l
}

// parse parses args, flags anywhere among them (parse), and runs checks in order: the
// first to refuse decides the exit code. A wrong flag has been printed by the flag package.
func (l *cmdLine) parse(args []string, checks ...argCheck) ([]string, int) {
	pos, err := parse(l.FlagSet, args)
	if err != nil {
		return nil, exitUsage
	}
	for _, ch := range checks {
		if code := ch(pos); code != exitOK {
			return nil, code
		}
	}
	return pos, exitOK
}

// noArgs refuses any positional argument.
func (l *cmdLine) noArgs(pos []string) int {
	if len(pos) > 0 {
		fmt.Fprintf(l.c.stderr, "%s: no arguments expected\n", l.name)
		return exitUsage
	}
	return exitOK
}

// exactlyOne returns a check that wants one positional argument; otherwise it prints
// "NAME: why".
func (l *cmdLine) exactlyOne(why string) argCheck {
	return func(pos []string) int {
		if len(pos) != 1 {
			fmt.Fprintf(l.c.stderr, "%s: %s\n", l.name, why)
			return exitUsage
		}
		return exitOK
	}
}

// needPassword refuses a command line without --password-stdin.
func (l *cmdLine) needPassword([]string) int {
	if !*l.pwStdin {
		fmt.Fprintf(l.c.stderr, "%s: --password-stdin is required (the password is read from the first line of standard input)\n", l.name)
		return exitUsage
	}
	return exitOK
}

// open opens the existing database named by --db (cli.open).
func (l *cmdLine) open(ro bool) (*persist.Store, int) { return l.c.open(*l.db, ro) }

// openNoArgs parses the command line of a command that takes flags only, then opens
// the database.
func (l *cmdLine) openNoArgs(args []string, ro bool) (*persist.Store, int) {
	if _, code := l.parse(args, l.noArgs); code != exitOK {
		return nil, code
	}
	return l.open(ro)
}

// fileToSave is the command line of a command that reads one FILE and saves what it
// holds: import, catalog import.
type fileToSave struct {
	*cmdLine
	file   string
	dryRun bool // --dry-run: show what would change, save nothing
}

// parseFileToSave parses FILE, --db, --password-stdin (required unless --dry-run), --otp
// and --dry-run (described by dryRunHelp); a usage error is printed and its code returned.
func (c *cli) parseFileToSave(name, dryRunHelp string, args []string) (fileToSave, int) {
	l := c.flags(name).withPassword()
	dryRun := l.Bool("dry-run", false, dryRunHelp)
	pos, code := l.parse(args, l.exactlyOne("exactly one FILE expected"), func([]string) int {
		if !*dryRun && !*l.pwStdin {
			fmt.Fprintln(c.stderr, name+": --password-stdin is required to save (or use --dry-run)")
			return exitUsage
		}
		return exitOK
	})
	if code != exitOK {
		return fileToSave{}, code
	}
	return fileToSave{cmdLine: l, file: pos[0], dryRun: *dryRun}, exitOK
}

// authCommand is a security command ready to act: the database open for saving, its
// positional arguments, --otp, and the password read from stdin.
type authCommand struct {
	s       *persist.Store
	pos     []string
	otp, pw string
}

// authFlags starts the command line of a security or credentials command that needs the
// password: --db, --password-stdin (required) and --otp; the caller may add its own.
func (c *cli) authFlags(name string) *cmdLine { return c.flags(name).withPassword() }

// start starts a security command: its flags, --password-stdin, its positional
// arguments and flag values checked by check (nil accepts none), the database, then
// the password (prompt at a terminal). Nothing is opened or read when the flags or
// arguments are wrong.
func (l *cmdLine) start(prompt string, args []string, check argCheck) (authCommand, int) {
	if check == nil {
		check = l.noArgs
	}
	pos, code := l.parse(args, l.needPassword, check)
	if code != exitOK {
		return authCommand{}, code
	}
	s, code := l.open(saving)
	if code != exitOK {
		return authCommand{}, code
	}
	pw, code := l.c.password(prompt, "password")
	if code != exitOK {
		s.Close()
		return authCommand{}, code
	}
	return authCommand{s: s, pos: pos, otp: strings.TrimSpace(*l.otp), pw: pw}, exitOK
}
