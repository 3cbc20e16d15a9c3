// Command idvset edits the settings of an identity-verification customer portal: a
// keyboard-driven terminal editor and a scriptable command line over one SQLite file.
// This file holds flags and subcommands only; the work lives in model, persist and tui.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

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
	db, rest, err := leadingDB(args)
	if err != nil {
		fmt.Fprintln(stderr, "--db:", err)
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
	printViolations(stderr, vs)
	if vs.HasErrors() {
		return exitInvalid
	}
	return exitOK
}

// maxPrinted is how many violations a command prints; the rest are counted in one last
// line ("… and 4,999,800 more"), so a hostile document cannot flood a terminal or a log.
const maxPrinted = 200

// printViolations prints violations as "path: message" lines, escaped, at most maxPrinted.
func printViolations(w io.Writer, vs model.Violations) {
	for _, line := range vs.Lines(maxPrinted) {
		fmt.Fprintln(w, line)
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

// cmdEditor opens the editor on the database; on a fresh one it first asks for the
// password. With --readonly it never writes, not even to create the file.
func cmdEditor(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("idvset", stderr)
	db := dbFlagVar(fs, "")
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
	path, err := dbPath(*db)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	// The first run creates the database; with --readonly nothing is ever written.
	store, err := persist.Open(path, persist.Options{Author: persist.DefaultAuthor(), ReadOnly: *readOnly})
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

// The plumbing shared by the database subcommands: global --db, flags among arguments,
// opening the store, reading the password, and printing errors as "path: message".

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

// How a subcommand opens the database: init alone creates one (persist.Create).
const (
	readOnly = true  // export, history, diff, import --dry-run: never write to the file
	saving   = false // import, rollback: save into an existing database
)

// open opens the existing database named by --db or the default path.
func (c *cli) open(db string, ro bool) (*persist.Store, int) {
	path, err := dbPath(db)
	if err != nil {
		fmt.Fprintln(c.stderr, err)
		return nil, exitUsage
	}
	s, err := persist.Open(path, persist.Options{NoCreate: true, ReadOnly: ro})
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
		return model.Escape(pe.Path) + ": " + model.Escape(pe.Err.Error())
	}
	if rest, ok := strings.CutPrefix(err.Error(), path+": "); ok {
		return model.Escape(path) + ": " + model.Escape(rest)
	}
	return model.Escape(path) + ": " + model.Escape(err.Error())
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
		printViolations(c.stderr, vs)
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

// printChanges writes one "path: old → new" line per change, escaped (Change.String).
func printChanges(w io.Writer, changes []model.Change) {
	for _, ch := range changes {
		fmt.Fprintln(w, ch)
	}
}

// The database subcommands: init, export, import, diff, history, rollback. Each parses
// its flags, calls persist and model, and prints; errors go to stderr as "path: message".

// cmdInit creates a database with the password read from stdin and the defaults as
// revision 1.
func (c *cli) cmdInit(args []string) int {
	fs, db := c.newDBFlags("init")
	pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of stdin")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 {
		fmt.Fprintln(c.stderr, "init: no arguments expected")
		return exitUsage
	}
	if !*pwStdin {
		fmt.Fprintln(c.stderr, "init: --password-stdin is required (the password is read from the first line of standard input)")
		return exitUsage
	}
	pw, err := c.readPassword()
	if err != nil {
		fmt.Fprintln(c.stderr, "password:", err)
		return exitUsage
	}
	// Checked before the file is created, so a bad password leaves nothing behind.
	if err := model.CheckPassword(pw); err != nil {
		fmt.Fprintln(c.stderr, err)
		return exitInvalid
	}
	path, err := dbPath(*db)
	if err != nil {
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	s, err := persist.Create(path, pw, persist.Options{})
	if err != nil {
		if errors.Is(err, persist.ErrPasswordSet) {
			fmt.Fprintf(c.stderr, "%s: already initialised: %v\n", path, err)
			return exitInvalid
		}
		fmt.Fprintln(c.stderr, pathError(path, err))
		return exitUsage
	}
	defer s.Close()
	rev, _, err := s.Head()
	if err != nil {
		fmt.Fprintln(c.stderr, pathError(s.Path(), err))
		return exitUsage
	}
	fmt.Fprintf(c.stderr, "initialised %s: revision %d holds the settings\n", s.Path(), rev)
	return exitOK
}

// vendorTime formats a revision time the way the vendor's files do.
func vendorTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// cmdExport writes a revision's document (the head by default), or its accepted ID types
// in the vendor's shape, to stdout or to a 0600 file.
func (c *cli) cmdExport(args []string) int {
	fs, db := c.newDBFlags("export")
	out := fs.String("o", "", "write to FILE instead of stdout (a regular file is replaced atomically, mode 0600)")
	revision := fs.Int("revision", 0, "export revision N instead of the head")
	vendor := fs.Bool("accepted-id-types", false, "write the accepted ID types in the vendor's shape")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 {
		fmt.Fprintf(c.stderr, "export: unexpected argument %q (use -o FILE)\n", pos[0])
		return exitUsage
	}
	if *revision < 0 {
		fmt.Fprintf(c.stderr, "--revision: %d is not a revision number\n", *revision)
		return exitUsage
	}
	s, code := c.open(*db, readOnly)
	if code != exitOK {
		return code
	}
	defer s.Close()
	rev, doc, err := s.Head()
	if err == nil && *revision != 0 {
		rev = *revision
		doc, err = s.Revision(rev)
	}
	if err != nil {
		return c.refused(s, err)
	}
	data := model.Encode(doc)
	if *vendor {
		cat, err := s.Catalog()
		if err != nil {
			return c.refused(s, err)
		}
		stamp := ""
		if info, err := s.RevisionInfo(rev); err == nil {
			stamp = vendorTime(info.Time)
		}
		data = model.EncodeVendor("acceptedIdTypes", stamp, doc.AcceptedIDs.Accepted(cat), cat)
	}
	if !*vendor && len(data) > model.MaxDocumentBytes {
		// Images are written inline: a document this large cannot be imported again.
		fmt.Fprintf(c.stderr, "warning: the document is %d bytes, over the %d-byte limit of import and validate; give its images as \"file\" references to import it\n",
			len(data), model.MaxDocumentBytes)
	}
	if *out == "" {
		if _, err := c.stdout.Write(data); err != nil {
			fmt.Fprintln(c.stderr, "stdout:", err)
			return exitUsage
		}
		return exitOK
	}
	if err := persist.WriteOutput(*out, data); err != nil {
		fmt.Fprintln(c.stderr, pathError(*out, err))
		return exitUsage
	}
	return exitOK
}

// cmdImport validates a document, prints its diff against the head and saves it as a
// new revision (not with --dry-run).
func (c *cli) cmdImport(args []string) int {
	fs, db := c.newDBFlags("import")
	pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of stdin")
	otp := fs.String("otp", "", "the two-factor code, when two-factor authentication is on")
	dryRun := fs.Bool("dry-run", false, "validate and show the diff; save nothing")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(c.stderr, "import: exactly one FILE expected")
		return exitUsage
	}
	if !*dryRun && !*pwStdin {
		fmt.Fprintln(c.stderr, "import: --password-stdin is required to save (or use --dry-run)")
		return exitUsage
	}
	doc, code := readDocument(pos[0], c.stderr)
	if code != exitOK {
		return code
	}
	s, code := c.open(*db, *dryRun)
	if code != exitOK {
		return code
	}
	defer s.Close()
	rev, head, err := s.Head()
	if err != nil {
		return c.refused(s, err)
	}
	// Every rule a save applies, the store's own included, before the password is read.
	vs, err := s.Check(doc)
	if err != nil {
		return c.refused(s, err)
	}
	printViolations(c.stderr, vs)
	if vs.HasErrors() {
		return exitInvalid
	}
	changes := model.Diff(head, doc)
	if len(changes) == 0 {
		fmt.Fprintf(c.stderr, "no changes: %s equals revision %d\n", model.Escape(pos[0]), rev)
		return exitOK
	}
	printChanges(c.stdout, changes)
	if loss, ok := model.RetentionShortening(head.DataSettings.Retention, doc.DataSettings.Retention, time.Now()); ok {
		fmt.Fprintf(c.stderr, "dataSettings.retention.purgeAfterDays: warning: %s\n", describeLoss(loss))
	}
	if *dryRun {
		fmt.Fprintf(c.stderr, "dry run: nothing saved (%s against revision %d)\n", plural(len(changes), "change"), rev)
		return exitOK
	}
	pw, err := c.readPassword()
	if err != nil {
		fmt.Fprintln(c.stderr, "password:", err)
		return exitUsage
	}
	saved, err := s.Save(doc, rev, pw, *otp)
	if err != nil {
		return c.refused(s, err)
	}
	fmt.Fprintf(c.stderr, "saved revision %d (%s against revision %d)\n", saved, plural(len(changes), "change"), rev)
	return exitOK
}

// describeLoss says which records a shorter retention deletes.
func describeLoss(l model.RetentionLoss) string {
	const day = "2006-01-02"
	if l.From.IsZero() {
		return fmt.Sprintf("records created before %s will be deleted permanently", l.To.Format(day))
	}
	return fmt.Sprintf("records created between %s and %s will be deleted permanently", l.From.Format(day), l.To.Format(day))
}

// cmdDiff prints the changes from A to B, each a revision number or a document file.
// With one argument A is the head; with none, the previous revision and the head.
func (c *cli) cmdDiff(args []string) int {
	fs, db := c.newDBFlags("diff")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 2 {
		fmt.Fprintln(c.stderr, "diff: at most two arguments (revisions or files)")
		return exitUsage
	}
	for _, arg := range pos {
		if _, err := revisionNumber(arg); err != nil && isRevision(arg) {
			fmt.Fprintln(c.stderr, "diff:", err)
			return exitUsage
		}
	}
	var s *persist.Store
	defer func() {
		if s != nil {
			s.Close()
		}
	}()
	store := func() (*persist.Store, int) {
		if s == nil {
			var code int
			if s, code = c.open(*db, readOnly); code != exitOK {
				return nil, code
			}
		}
		return s, exitOK
	}
	load := func(arg string) (model.Settings, int) {
		if !isRevision(arg) {
			return readDocument(arg, c.stderr)
		}
		st, code := store()
		if code != exitOK {
			return model.Settings{}, code
		}
		n, _ := revisionNumber(arg) // checked above
		doc, err := st.Revision(n)
		if err != nil {
			return doc, c.refused(st, err)
		}
		return doc, exitOK
	}
	if len(pos) < 2 {
		st, code := store()
		if code != exitOK {
			return code
		}
		rev, _, err := st.Head()
		if err != nil {
			return c.refused(st, err)
		}
		if len(pos) == 0 {
			if rev < 2 {
				fmt.Fprintf(c.stderr, "%s: revision %d is the only revision: nothing to compare\n", st.Path(), rev)
				return exitOK
			}
			pos = []string{strconv.Itoa(rev - 1), strconv.Itoa(rev)}
		} else {
			pos = []string{strconv.Itoa(rev), pos[0]}
		}
	}
	a, code := load(pos[0])
	if code != exitOK {
		return code
	}
	b, code := load(pos[1])
	if code != exitOK {
		return code
	}
	changes := model.Diff(a, b)
	if len(changes) == 0 {
		fmt.Fprintln(c.stderr, "no differences")
	}
	printChanges(c.stdout, changes)
	return exitOK
}

// revisionNumber reads a revision number argument, refusing one that no revision can
// have rather than clamping it (strconv.Atoi returns the largest int on overflow).
func revisionNumber(arg string) (int, error) {
	if !isRevision(arg) {
		return 0, fmt.Errorf("%q is not a revision number", arg)
	}
	n, err := strconv.Atoi(arg)
	if err != nil {
		return 0, fmt.Errorf("%s is not a revision number (too large)", arg)
	}
	return n, nil
}

// isRevision reports whether a diff argument is a revision number (only digits); a file
// whose name is only digits is written ./NAME.
func isRevision(arg string) bool {
	if arg == "" {
		return false
	}
	for _, r := range arg {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// cmdHistory lists the revisions, newest first: number, time (UTC), author, summary.
func (c *cli) cmdHistory(args []string) int {
	fs, db := c.newDBFlags("history")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 {
		fmt.Fprintln(c.stderr, "history: no arguments expected")
		return exitUsage
	}
	s, code := c.open(*db, readOnly)
	if code != exitOK {
		return code
	}
	defer s.Close()
	h, err := s.History()
	if err != nil {
		return c.refused(s, err)
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	for _, r := range h {
		// The author is whoever the OS or SSH said: escaped like every user string.
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.Number, r.Time.UTC().Format(time.RFC3339), model.Escape(r.Author), model.Escape(r.Summary))
	}
	tw.Flush()
	return exitOK
}

// cmdRollback saves a new revision with revision N's content, printing the changes.
func (c *cli) cmdRollback(args []string) int {
	fs, db := c.newDBFlags("rollback")
	pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of stdin")
	otp := fs.String("otp", "", "the two-factor code, when two-factor authentication is on")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(c.stderr, "rollback: exactly one revision number N expected")
		return exitUsage
	}
	n, err := revisionNumber(pos[0])
	if err != nil {
		fmt.Fprintln(c.stderr, "rollback:", err)
		return exitUsage
	}
	if !*pwStdin {
		fmt.Fprintln(c.stderr, "rollback: --password-stdin is required (the password is read from the first line of standard input)")
		return exitUsage
	}
	s, code := c.open(*db, saving)
	if code != exitOK {
		return code
	}
	defer s.Close()
	_, head, err := s.Head()
	if err != nil {
		return c.refused(s, err)
	}
	doc, rev, err := s.RollbackDocument(n)
	if err != nil {
		return c.refused(s, err)
	}
	changes := model.Diff(head, doc)
	if len(changes) == 0 {
		fmt.Fprintf(c.stderr, "no changes: revision %d equals the head (revision %d)\n", n, rev)
		return exitOK
	}
	vs, err := s.Check(doc)
	if err != nil {
		return c.refused(s, err)
	}
	if vs := vs.Errors(); len(vs) > 0 {
		return c.refused(s, vs) // before the password, so a refusal costs no attempt
	}
	printChanges(c.stdout, changes)
	pw, err := c.readPassword()
	if err != nil {
		fmt.Fprintln(c.stderr, "password:", err)
		return exitUsage
	}
	saved, err := s.Rollback(n, pw, *otp)
	if err != nil {
		return c.refused(s, err)
	}
	fmt.Fprintf(c.stderr, "saved revision %d: rollback to revision %d\n", saved, n)
	return exitOK
}

// plural writes "1 change", "2 changes".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
