// Command idvset edits the settings of an identity-verification customer portal: a
// keyboard-driven terminal editor and a scriptable command line over one SQLite file.
// This file holds flags and subcommands only; the work lives in model, persist and tui.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"idvset/model"
	"idvset/persist"
	"idvset/themes"
	"idvset/tui"
	"idvset/tui/components/qrcode"
	"idvset/tui/serve"
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
  idvset security status                           two-factor state, recovery codes left, lockout
  idvset security otp enable --password-stdin      enrol an authenticator (stdin: password, then code)
  idvset security otp disable --password-stdin --otp CODE   turn two-factor authentication off
  idvset security password --password-stdin [--otp CODE]    change the password (stdin: old, new)
  idvset credentials list                          API credentials (never their secrets)
  idvset credentials create --label L [--kind api_token|oauth2_client] [--scope initiate,retrieve]
                            --password-stdin [--otp CODE]   the secret is printed once
  idvset credentials rotate ID --password-stdin [--otp CODE]   a new secret, printed once
  idvset credentials revoke ID... --password-stdin [--otp CODE]
  idvset catalog import FILE --password-stdin [--otp CODE] [--dry-run]   replace the supported-ID catalog
  idvset serve [--listen ADDR] [--host-key F] [--authorized-keys F] [--max-sessions N] [--idle-timeout D]
                                                   the editor over SSH, for a team of admins
  idvset edit FILE [--theme NAME]                  the editor on a JSON document, no database
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
		fmt.Fprintln(stderr, "--db:", model.Escape(err.Error()))
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

// commands maps the name of each subcommand that takes a cli to its handler.
func (c *cli) commands() map[string]func([]string) int {
	return map[string]func([]string) int{
		"init":     c.cmdInit,
		"export":   c.cmdExport,
		"import":   c.cmdImport,
		"diff":     c.cmdDiff,
		"history":  c.cmdHistory,
		"rollback": c.cmdRollback,
		"serve":    c.cmdServe,
		"edit":     c.cmdEdit,
		"catalog":  c.cmdCatalog,

		// Security: two-factor authentication, the password, API credentials.
		"security":    c.cmdSecurity,
		"credentials": c.cmdCredentials,
	}
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

// cmdEditor opens the editor on the database; on a fresh one it first asks for the
// password. With --readonly it never writes, not even to create the file.
func cmdEditor(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("idvset", stderr)
	db := dbFlagVar(fs, "")
	theme := themeFlag(fs)
	readOnly := fs.Bool("readonly", false, "browse without saving")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "idvset: unexpected argument %q\n%s", fs.Arg(0), usage)
		return exitUsage
	}
	if code := checkTheme(*theme, stderr); code != exitOK {
		return code
	}
	if !isTerminal(stdout) {
		fmt.Fprintln(stderr, "idvset: the editor needs a terminal; scripts use the subcommands (idvset help)")
		return exitUsage
	}
	path, err := dbPath(*db)
	if err != nil {
		fmt.Fprintln(stderr, model.Escape(err.Error()))
		return exitUsage
	}
	// The first run creates the database; with --readonly nothing is ever written. The
	// database opens while the terminal is set up (tui.RunOpening): it is off the first
	// frame's path.
	var store *persist.Store
	err = tui.RunOpening(path, func() (tui.Store, error) {
		s, err := persist.Open(path, persist.Options{Author: persist.DefaultAuthor(), ReadOnly: *readOnly})
		if err != nil {
			return nil, err
		}
		store = s
		return s, nil
	}, tui.Options{Theme: *theme, ReadOnly: *readOnly})
	if store != nil {
		store.Close()
	}
	var open *tui.OpenError
	switch {
	case errors.As(err, &open):
		fmt.Fprintln(stderr, pathError(path, open.Err))
		return exitUsage
	case err != nil:
		fmt.Fprintln(stderr, "idvset:", model.Escape(err.Error()))
		return exitUsage
	}
	return exitOK
}

// themeFlag defines --theme, the editor's colour theme, on fs.
func themeFlag(fs *flag.FlagSet) *string {
	return fs.String("theme", "", "colour theme: "+strings.Join(themes.Names(), ", "))
}

// checkTheme refuses a mistyped --theme, before the database or the file is touched.
func checkTheme(name string, stderr io.Writer) int {
	if _, err := themes.Resolve(name, ""); err != nil {
		fmt.Fprintln(stderr, "--theme:", model.Escape(err.Error()))
		return exitUsage
	}
	return exitOK
}

// runEditor runs the editor on store until the user quits.
func runEditor(store tui.Store, opts tui.Options, stderr io.Writer) int {
	if err := tui.Run(store, opts); err != nil {
		fmt.Fprintln(stderr, "idvset:", model.Escape(err.Error()))
		return exitUsage
	}
	return exitOK
}

// cmdServe runs the editor over SSH (tui/serve) on the database: one editor and one
// store per session, each store opened with the session's author. Several stores on one
// file are what SQLite's WAL and busy timeout are for, and a conflict between two
// sessions is the store's conflict like any other. SIGTERM or SIGINT stops it
// gracefully: saves in flight finish, and every session is told why it closes.
func (c *cli) cmdServe(args []string) int {
	l := c.flags("serve")
	listen := l.String("listen", serve.DefaultListen, "address to listen on (host:port)")
	hostKey := l.String("host-key", "", "the server's private key (default: ssh_host_ed25519_key next to the database; generated when missing)")
	authorized := l.String("authorized-keys", "", "the admins' public keys, OpenSSH format (default: authorized_keys next to the database)")
	maxSessions := l.Int("max-sessions", serve.DefaultMaxSessions, "most editors open at once")
	idle := l.Duration("idle-timeout", serve.DefaultIdleTimeout, "close a session after this long without a key (0: never)")
	pos, code := l.parse(args)
	if code != exitOK {
		return code
	}
	switch {
	case len(pos) > 0:
		fmt.Fprintf(c.stderr, "serve: unexpected argument %q\n", pos[0])
		return exitUsage
	case *maxSessions < 1:
		fmt.Fprintln(c.stderr, "--max-sessions: at least 1")
		return exitUsage
	case *idle < 0:
		fmt.Fprintln(c.stderr, "--idle-timeout: not negative (0 means never)")
		return exitUsage
	}
	// The database must be initialised: over SSH, the first admin to connect must not
	// be the one who chooses the portal password.
	check, code := l.open(saving)
	if code != exitOK {
		return code
	}
	defer check.Close()
	if fresh, err := check.NeedsPassword(); err != nil || fresh {
		if err == nil {
			err = errors.New("no portal password yet: initialise it first (idvset init --password-stdin)")
		}
		fmt.Fprintln(c.stderr, pathError(check.Path(), err))
		return exitInvalid
	}
	path := check.Path()
	dir := filepath.Dir(path)
	if *hostKey == "" {
		*hostKey = filepath.Join(dir, "ssh_host_ed25519_key")
	}
	if *authorized == "" {
		*authorized = filepath.Join(dir, "authorized_keys")
	}
	if _, err := os.Stat(*authorized); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(c.stderr, "%s: no authorized keys file: create it with the admins' public keys, one per line, as in ~/.ssh/authorized_keys\n", model.Escape(*authorized))
		return exitUsage
	}
	// Listen first: the server logs from goroutines of its own once made, and a refusal
	// to listen must not land among those lines.
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(c.stderr, "serve:", model.Escape(err.Error()))
		return exitUsage
	}
	srv, err := serve.New(serve.Config{
		HostKey: *hostKey, AuthorizedKeys: *authorized, MaxSessions: *maxSessions, IdleTimeout: *idle,
		Log:   c.stderr,
		Store: func(author string) (tui.Store, error) { return openSessionStore(path, author) },
	})
	if err != nil {
		ln.Close()
		fmt.Fprintln(c.stderr, "serve:", model.Escape(err.Error()))
		return exitUsage
	}
	// Signals are caught before anyone can connect (and before the log says so).
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(signals)
	fp, created := srv.HostKey()
	made := ""
	if created {
		made = ", generated now"
	}
	srv.Logf("host key %s (ed25519%s) in %s", fp, made, model.Escape(*hostKey))
	srv.Logf("for known_hosts: [HOST]:%d %s", ln.Addr().(*net.TCPAddr).Port, srv.HostPublicKey())
	srv.Logf("serving %s on %s: %s", model.Escape(path), ln.Addr(), serve.ConnectHint(ln.Addr()))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		srv.Shutdown(context.Background(), "the server failed")
		fmt.Fprintln(c.stderr, "serve:", model.Escape(err.Error()))
		return exitUsage
	case sig := <-signals:
		srv.Logf("%v received: stopping", sig)
	}
	// A save checks the password (argon2) and may wait for SQLite's lock: a minute is
	// plenty, and under systemd's default stop timeout of 90 s.
	timeout, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := srv.Shutdown(timeout, "the server is shutting down"); err != nil {
		return exitUsage
	}
	<-served
	return exitOK
}

// openSessionStore opens the database for one SSH session, saving as author. Tests
// replace it to hold a save in flight.
var openSessionStore = func(path, author string) (tui.Store, error) {
	return persist.Open(path, persist.Options{Author: author, NoCreate: true})
}

// cmdEdit opens the editor on a settings document file instead of the database
// (persist.FileStore): the same panes, rules, undo and review, saving the file with no
// password. A file that does not exist starts from the defaults; one that is not a
// settings document is refused with the path of each mistake.
func (c *cli) cmdEdit(args []string) int {
	l := &cmdLine{FlagSet: newFlags("edit", c.stderr), c: c, name: "edit"} // no --db: a file is edited
	theme := themeFlag(l.FlagSet)
	pos, code := l.parse(args, l.exactlyOne("exactly one FILE expected"))
	if code != exitOK {
		return code
	}
	if code := checkTheme(*theme, c.stderr); code != exitOK {
		return code
	}
	path := pos[0]
	store, err := persist.OpenFile(path)
	var vs model.Violations
	switch {
	case errors.As(err, &vs):
		fmt.Fprintf(c.stderr, "%s: not a settings document the editor can open:\n", model.Escape(path))
		printViolations(c.stderr, vs)
		return exitInvalid
	case err != nil:
		fmt.Fprintln(c.stderr, pathError(path, err))
		return exitUsage
	}
	if !isTerminal(c.stdout) {
		fmt.Fprintln(c.stderr, "idvset: the editor needs a terminal; scripts use idvset validate and idvset import")
		return exitUsage
	}
	return runEditor(store, tui.Options{Theme: *theme}, c.stderr)
}

// The file store is the editor's second store: it must offer what the editor asks of a
// file (no password step, the file's words in the header and messages).
var (
	_ tui.Store        = (*persist.FileStore)(nil)
	_ tui.PasswordFree = (*persist.FileStore)(nil)
	_ tui.DocumentFile = (*persist.FileStore)(nil)
	_ tui.Store        = (*persist.Store)(nil)
)

// The database subcommands: init, export, import, diff, history, rollback. Each parses
// its flags, calls persist and model, and prints; errors go to stderr as "path: message".

// cmdInit creates a database with the password read from stdin and the defaults as
// revision 1.
func (c *cli) cmdInit(args []string) int {
	l := c.flags("init").withPasswordOnly()
	if _, code := l.parse(args, l.noArgs, l.needPassword); code != exitOK {
		return code
	}
	pw, code := c.portalPassword()
	if code != exitOK {
		return code
	}
	// Checked before the file is created, so a bad password leaves nothing behind.
	if err := model.CheckPassword(pw); err != nil {
		fmt.Fprintln(c.stderr, model.Escape(err.Error()))
		return exitInvalid
	}
	path, err := dbPath(*l.db)
	if err != nil {
		fmt.Fprintln(c.stderr, model.Escape(err.Error()))
		return exitUsage
	}
	s, err := persist.Create(path, pw, persist.Options{})
	if err != nil {
		if errors.Is(err, persist.ErrPasswordSet) {
			fmt.Fprintf(c.stderr, "%s: already initialised: %s\n", model.Escape(path), model.Escape(err.Error()))
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
	fmt.Fprintf(c.stderr, "initialised %s: revision %d holds the settings\n", model.Escape(s.Path()), rev)
	return exitOK
}

// cmdExport writes a revision's document (the head by default), or its accepted ID types
// in the vendor's shape, to stdout or to a 0600 file.
func (c *cli) cmdExport(args []string) int {
	l := c.flags("export")
	out := l.String("o", "", "write to FILE instead of stdout (a regular file is replaced atomically, mode 0600)")
	revision := l.Int("revision", 0, "export revision N instead of the head")
	vendor := l.Bool("accepted-id-types", false, "write the accepted ID types in the vendor's shape")
	pos, code := l.parse(args)
	if code != exitOK {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(c.stderr, "export: unexpected argument %q (use -o FILE)\n", pos[0])
		return exitUsage
	}
	if *revision < 0 {
		fmt.Fprintf(c.stderr, "--revision: %d is not a revision number\n", *revision)
		return exitUsage
	}
	s, code := l.open(readOnly)
	if code != exitOK {
		return code
	}
	defer s.Close()
	rev, doc, err := s.Head()
	if err == nil && *revision != 0 {
		rev = *revision
		doc, err = s.Revision(rev)
	}
	if err == nil && !*vendor {
		err = model.LoadImages(doc) // the images' bytes, read by hash for the document
	}
	if err != nil {
		return c.refused(s, err)
	}
	data := model.Encode(doc)
	if *vendor {
		cat, err := s.CatalogAt(rev) // the catalog that revision was saved with
		if err != nil {
			return c.refused(s, err)
		}
		var saved time.Time // no stamp when the revision's time cannot be read
		if info, err := s.RevisionInfo(rev); err == nil {
			saved = info.Time
		}
		data = doc.AcceptedIDs.EncodeVendor(cat, saved)
	}
	if !*vendor && len(data) > model.MaxDocumentBytes {
		// Images are written inline: a document this large cannot be imported again.
		fmt.Fprintf(c.stderr, "warning: the document is %d bytes, over the %d-byte limit of import and validate; give its images as \"file\" references to import it\n",
			len(data), model.MaxDocumentBytes)
	}
	if *out == "" {
		if _, err := c.stdout.Write(data); err != nil {
			fmt.Fprintln(c.stderr, "stdout:", model.Escape(err.Error()))
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
	f, code := c.parseFileToSave("import", "validate and show the diff; save nothing", args)
	if code != exitOK {
		return code
	}
	file := f.file
	doc, code := readDocument(file, c.stderr)
	if code != exitOK {
		return code
	}
	s, code := f.open(f.dryRun)
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
		fmt.Fprintf(c.stderr, "no changes: %s equals revision %d\n", model.Escape(file), rev)
		return exitOK
	}
	printChanges(c.stdout, changes)
	if loss, ok := model.RetentionShortening(head.DataSettings.Retention, doc.DataSettings.Retention, time.Now()); ok {
		fmt.Fprintf(c.stderr, "dataSettings.retention.purgeAfterDays: warning: %s\n", loss.Sentence())
	}
	if f.dryRun {
		fmt.Fprintf(c.stderr, "dry run: nothing saved (%s against revision %d)\n", plural(len(changes), "change"), rev)
		return exitOK
	}
	pw, code := c.portalPassword()
	if code != exitOK {
		return code
	}
	saved, err := s.Save(doc, rev, pw, *f.otp)
	if err != nil {
		return c.refused(s, err)
	}
	fmt.Fprintf(c.stderr, "saved revision %d (%s against revision %d)\n", saved, plural(len(changes), "change"), rev)
	return exitOK
}

// cmdDiff prints the changes from A to B, each a revision number or a document file.
// With one argument A is the head; with none, the previous revision and the head.
func (c *cli) cmdDiff(args []string) int {
	l := c.flags("diff")
	pos, code := l.parse(args)
	if code != exitOK {
		return code
	}
	if len(pos) > 2 {
		fmt.Fprintln(c.stderr, "diff: at most two arguments (revisions or files)")
		return exitUsage
	}
	for _, arg := range pos {
		if _, err := revisionNumber(arg); err != nil && isRevision(arg) {
			fmt.Fprintln(c.stderr, "diff:", model.Escape(err.Error()))
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
			if s, code = l.open(readOnly); code != exitOK {
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
				fmt.Fprintf(c.stderr, "%s: revision %d is the only revision: nothing to compare\n", model.Escape(st.Path()), rev)
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
	// The columns aligned as text/tabwriter aligns them (each as wide as its widest cell
	// in runes, then two spaces), written in one buffered pass: a tabwriter over
	// fmt.Fprintf took most of the command's time at 10,000 revisions, and without a
	// buffer it made ~8 write calls a revision.
	cells := make([][3]string, len(h))
	var width [3]int
	for i, r := range h {
		// The author is whoever the OS or SSH said: escaped like every user string.
		cells[i] = [3]string{strconv.Itoa(r.Number), r.Time.UTC().Format(time.RFC3339), model.Escape(r.Author)}
		for j, cell := range cells[i] {
			width[j] = max(width[j], utf8.RuneCountInString(cell))
		}
	}
	out := bufio.NewWriterSize(c.stdout, 64<<10)
	for i, r := range h {
		for j, cell := range cells[i] {
			out.WriteString(cell)
			for range width[j] - utf8.RuneCountInString(cell) + 2 {
				out.WriteByte(' ')
			}
		}
		out.WriteString(model.Escape(r.Summary))
		out.WriteByte('\n')
	}
	out.Flush()
	return exitOK
}

// cmdRollback saves a new revision with revision N's content, printing the changes.
func (c *cli) cmdRollback(args []string) int {
	l := c.flags("rollback").withPassword()
	pos, code := l.parse(args, l.exactlyOne("exactly one revision number N expected"))
	if code != exitOK {
		return code
	}
	n, err := revisionNumber(pos[0])
	if err != nil {
		fmt.Fprintln(c.stderr, "rollback:", model.Escape(err.Error()))
		return exitUsage
	}
	if code := l.needPassword(pos); code != exitOK {
		return code
	}
	s, code := l.open(saving)
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
	pw, code := c.portalPassword()
	if code != exitOK {
		return code
	}
	saved, err := s.Rollback(n, pw, *l.otp)
	if err != nil {
		return c.refused(s, err)
	}
	fmt.Fprintf(c.stderr, "saved revision %d: rollback to revision %d\n", saved, n)
	return exitOK
}

// The security subcommands: two-factor authentication, the password, API credentials.
// Secrets (the TOTP secret, recovery codes, credential secrets) are printed once, to
// stdout only, as "name: value" lines a script can read; what is said about them goes to
// stderr.

// cmdSecurity dispatches `security status`, `security otp enable|disable` and
// `security password`.
func (c *cli) cmdSecurity(args []string) int {
	sub := strings.Join(args[:min(len(args), 2)], " ")
	switch {
	case sub == "otp enable":
		return c.cmdOTPEnable(args[2:])
	case sub == "otp disable":
		return c.cmdOTPDisable(args[2:])
	case len(args) > 0 && args[0] == "password":
		return c.cmdPassword(args[1:])
	case len(args) > 0 && args[0] == "status":
		return c.cmdSecurityStatus(args[1:])
	}
	fmt.Fprintf(c.stderr, "security: expected status, otp enable, otp disable or password\n%s", usage)
	return exitUsage
}

// cmdSecurityStatus prints whether two-factor authentication is on, how many recovery
// codes are left, and the lockout: no password needed, nothing secret shown.
func (c *cli) cmdSecurityStatus(args []string) int {
	s, code := c.flags("security status").openNoArgs(args, readOnly)
	if code != exitOK {
		return code
	}
	defer s.Close()
	tf, err := s.TwoFactor()
	if err != nil {
		return c.refused(s, err)
	}
	l, err := s.Lockout()
	if err != nil {
		return c.refused(s, err)
	}
	if tf.On {
		fmt.Fprintf(c.stdout, "two-factor: on since %s, %d of %d recovery codes left\n",
			tf.Since.UTC().Format(time.RFC3339), tf.RecoveryCodesLeft, model.RecoveryCodeCount)
	} else {
		fmt.Fprintln(c.stdout, "two-factor: off")
	}
	fmt.Fprintf(c.stdout, "failed attempts in a row: %d\n", l.Failures)
	if now := time.Now(); l.Locked(now) {
		fmt.Fprintf(c.stdout, "next attempt allowed: %s (in %s)\n", l.Until.UTC().Format(time.RFC3339), l.Until.Sub(now).Round(time.Second))
	} else {
		fmt.Fprintln(c.stdout, "next attempt allowed: now")
	}
	return exitOK
}

// cmdOTPEnable enrols an authenticator. stdin gives the password on its first line; the
// secret and its otpauth:// URI are printed to stdout (with a QR code when stdout is a
// terminal); then the second line of stdin is the 6-digit code the app shows, which turns
// two-factor authentication on. The recovery codes are printed to stdout, once. From a
// terminal it prompts, reads the password without echo, and asks again after a wrong
// code (each counts towards the lockout).
func (c *cli) cmdOTPEnable(args []string) int {
	a, code := c.authFlags("security otp enable").start("portal password: ", args, nil)
	if code != exitOK {
		return code
	}
	defer a.s.Close()
	key, err := a.s.BeginEnrolment(a.pw)
	if err != nil {
		return c.refused(a.s, err)
	}
	if isTerminal(c.stdout) {
		for _, l := range qrcode.Lines(key.URI, false) {
			fmt.Fprintln(c.stdout, l)
		}
	}
	fmt.Fprintf(c.stdout, "secret: %s\nuri: %s\n", key.Secret, key.URI)
	fmt.Fprintln(c.stderr, "add this key to your authenticator app (scan the QR code, open the URI, or type the secret), then give the 6-digit code it shows")
	tries := 1
	if isTerminal(c.stdin) {
		tries = 3
	}
	var codes []string
	for i := range tries {
		otp, err := c.readLine("code: ", false)
		if err != nil {
			fmt.Fprintln(c.stderr, "code:", err, "(two-factor authentication stays off; nothing was stored)")
			return exitUsage
		}
		codes, err = a.s.EnableTwoFactor(a.pw, key, strings.TrimSpace(otp))
		if err == nil {
			break
		}
		if i == tries-1 || !(errors.Is(err, model.ErrWrongOTP) || errors.Is(err, model.ErrBadEnrolmentCode)) {
			return c.refused(a.s, err)
		}
		fmt.Fprintln(c.stderr, "otp:", err, "- try again with the next code")
	}
	for _, rc := range codes {
		fmt.Fprintf(c.stdout, "recovery code: %s\n", rc)
	}
	fmt.Fprintf(c.stderr, "two-factor authentication is on: saves, imports, rollbacks, catalog imports and security changes now need a code (--otp CODE).\n"+
		"the %d recovery codes each work once in place of a code if the authenticator is lost: copy them now: they will not be shown again\n", len(codes))
	return exitOK
}

// cmdOTPDisable turns two-factor authentication off with the password and --otp (a code
// or a recovery code).
func (c *cli) cmdOTPDisable(args []string) int {
	a, code := c.authFlags("security otp disable").start("portal password: ", args, nil)
	if code != exitOK {
		return code
	}
	defer a.s.Close()
	if err := a.s.DisableTwoFactor(a.pw, a.otp); err != nil {
		return c.refused(a.s, err)
	}
	fmt.Fprintln(c.stderr, "two-factor authentication is off: the secret and the recovery codes are deleted")
	return exitOK
}

// cmdPassword changes the password: stdin gives the old one, then the new one, each on its
// line; from a terminal it prompts, without echo, and asks for the new one twice.
func (c *cli) cmdPassword(args []string) int {
	a, code := c.authFlags("security password").start("current password: ", args, nil)
	if code != exitOK {
		return code
	}
	defer a.s.Close()
	pw, code := c.password("new password: ", "new password")
	if code != exitOK {
		return code
	}
	if err := model.CheckPassword(pw); err != nil {
		fmt.Fprintln(c.stderr, "new", err)
		return exitInvalid
	}
	if isTerminal(c.stdin) {
		fmt.Fprintf(c.stderr, "strength: %s\n", model.PasswordStrength(pw))
		again, code := c.password("repeat it: ", "new password")
		if code != exitOK {
			return code
		}
		if again != pw {
			fmt.Fprintln(c.stderr, "new password: the two passwords differ; nothing was changed")
			return exitInvalid
		}
	}
	if err := a.s.ChangePassword(a.pw, pw, a.otp); err != nil {
		return c.refused(a.s, err)
	}
	msg := "password changed"
	if tf, err := a.s.TwoFactor(); err == nil && tf.On {
		msg += "; the two-factor secret is now sealed under the new password"
	}
	fmt.Fprintf(c.stderr, "%s (strength: %s)\n", msg, model.PasswordStrength(pw))
	return exitOK
}

// cmdCredentials dispatches `credentials list|create|rotate|revoke`.
func (c *cli) cmdCredentials(args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return c.cmdCredentialsList(args[1:])
		case "create":
			return c.cmdCredentialsCreate(args[1:])
		case "rotate":
			return c.cmdCredentialsRotate(args[1:])
		case "revoke":
			return c.cmdCredentialsRevoke(args[1:])
		}
	}
	fmt.Fprintf(c.stderr, "credentials: expected list, create, rotate or revoke\n%s", usage)
	return exitUsage
}

// cmdCredentialsList prints every credential, revoked ones included: id, kind, scopes,
// created, last rotated, revoked, label. It needs no password: no secret is shown.
func (c *cli) cmdCredentialsList(args []string) int {
	s, code := c.flags("credentials list").openNoArgs(args, readOnly)
	if code != exitOK {
		return code
	}
	defer s.Close()
	list, err := s.Credentials()
	if err != nil {
		return c.refused(s, err)
	}
	if len(list) == 0 {
		fmt.Fprintln(c.stderr, "no credentials yet (create one with: idvset credentials create --label L --password-stdin)")
		return exitOK
	}
	when := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.UTC().Format(time.RFC3339)
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSCOPES\tCREATED\tROTATED\tREVOKED\tLABEL")
	for _, cr := range list {
		scopes := strings.Join(cr.Scopes, ",")
		if scopes == "" {
			scopes = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", model.Escape(cr.ID), cr.Kind, scopes,
			when(cr.Created), when(cr.Rotated), when(cr.Revoked), model.Escape(cr.Label))
	}
	tw.Flush()
	return exitOK
}

// cmdCredentialsCreate makes a credential; its id and secret go to stdout, once.
func (c *cli) cmdCredentialsCreate(args []string) int {
	l := c.authFlags("credentials create")
	label := l.String("label", "", "what uses the credential (\"ci deploy\")")
	kind := l.String("kind", string(model.APIToken), "api_token or oauth2_client")
	scopes := l.String("scope", "", "for an oauth2_client: initiate, retrieve, or initiate,retrieve")
	var nc model.NewCredential
	a, code := l.start("portal password: ", args, func(pos []string) int {
		if len(pos) > 0 {
			fmt.Fprintf(c.stderr, "credentials create: unexpected argument %s (the label is --label L)\n", model.Escape(pos[0]))
			return exitUsage
		}
		nc = model.NewCredential{Label: *label, Kind: model.CredentialKind(*kind)}
		for _, sc := range strings.Split(*scopes, ",") {
			if sc = strings.TrimSpace(sc); sc != "" {
				nc.Scopes = append(nc.Scopes, sc)
			}
		}
		// The rules before the password, so a typo costs no attempt.
		if _, vs := model.CheckCredential(nc); len(vs) > 0 {
			for _, v := range vs {
				fmt.Fprintln(c.stderr, v)
			}
			return exitInvalid
		}
		return exitOK
	})
	if code != exitOK {
		return code
	}
	defer a.s.Close()
	cr, secret, err := a.s.CreateCredential(a.pw, a.otp, nc)
	if err != nil {
		return c.refused(a.s, err)
	}
	fmt.Fprintf(c.stdout, "id: %s\nsecret: %s\n", cr.ID, secret)
	fmt.Fprintf(c.stderr, "created %s %s (%s): copy the secret now: it will not be shown again\n", cr.Kind, strconv.Quote(cr.Label), cr.ID)
	return exitOK
}

// cmdCredentialsRotate gives a credential a new secret (printed once); the old one stops
// working.
func (c *cli) cmdCredentialsRotate(args []string) int {
	l := c.authFlags("credentials rotate")
	a, code := l.start("portal password: ", args, l.exactlyOne("exactly one credential ID expected (see: idvset credentials list)"))
	if code != exitOK {
		return code
	}
	defer a.s.Close()
	cr, secret, err := a.s.RotateCredential(a.pw, a.otp, a.pos[0])
	if err != nil {
		return c.refused(a.s, err)
	}
	fmt.Fprintf(c.stdout, "id: %s\nsecret: %s\n", cr.ID, secret)
	fmt.Fprintf(c.stderr, "rotated %s (%s): the old secret no longer works; copy the new one now: it will not be shown again\n", strconv.Quote(cr.Label), cr.ID)
	return exitOK
}

// cmdCredentialsRevoke revokes one or more credentials for good.
func (c *cli) cmdCredentialsRevoke(args []string) int {
	a, code := c.authFlags("credentials revoke").start("portal password: ", args, func(pos []string) int {
		if len(pos) == 0 {
			fmt.Fprintln(c.stderr, "credentials revoke: one or more credential IDs expected (see: idvset credentials list)")
			return exitUsage
		}
		return exitOK
	})
	if code != exitOK {
		return code
	}
	defer a.s.Close()
	if err := a.s.RevokeCredentials(a.pw, a.otp, a.pos); err != nil {
		return c.refused(a.s, err)
	}
	fmt.Fprintf(c.stderr, "revoked %s: %s\n", plural(len(a.pos), "credential"), model.Escape(strings.Join(a.pos, ", ")))
	return exitOK
}

// cmdCatalog dispatches the catalog subcommands: import.
func (c *cli) cmdCatalog(args []string) int {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintf(c.stderr, "catalog: expected import FILE\n%s", usage)
		return exitUsage
	}
	return c.cmdCatalogImport(args[1:])
}

// cmdCatalogImport replaces the supported-ID catalog with the vendor's list in FILE, as a
// new revision: it prints what the catalog changes and what that does to the settings
// (autoAcceptNew), then saves with the password (not with --dry-run). A malformed file is
// refused with the path of its first mistake, before the database is opened.
func (c *cli) cmdCatalogImport(args []string) int {
	f, code := c.parseFileToSave("catalog import", "check the catalog and show what it changes; save nothing", args)
	if code != exitOK {
		return code
	}
	file := f.file
	cat, err := model.ReadCatalogFile(file)
	var vs model.Violations
	switch {
	case errors.As(err, &vs):
		printViolations(c.stderr, vs)
		fmt.Fprintf(c.stderr, "%s: not imported: nothing was changed\n", model.Escape(file))
		return exitInvalid
	case err != nil:
		fmt.Fprintln(c.stderr, pathError(file, err))
		return exitUsage
	}
	s, code := f.open(f.dryRun)
	if code != exitOK {
		return code
	}
	defer s.Close()
	rev, head, err := s.Head()
	if err != nil {
		return c.refused(s, err)
	}
	old, err := s.Catalog()
	if err != nil {
		return c.refused(s, err)
	}
	if !old.IsDefault() && old.SHA256() == cat.SHA256() {
		fmt.Fprintf(c.stderr, "no changes: %s is the catalog in force (%s)\n", model.Escape(file), old.Describe())
		return exitOK
	}
	imp := model.ImportCatalog(head, old, cat)
	// Every rule a save applies, judged against the new catalog, before the password.
	if vs, err = s.CheckWithCatalog(imp.Settings, cat); err != nil {
		return c.refused(s, err)
	}
	printViolations(c.stderr, vs)
	if vs.HasErrors() {
		return exitInvalid
	}
	fmt.Fprintf(c.stdout, "catalog: %s → %s\n", old.Describe(), cat.Describe())
	for _, ch := range imp.Changes {
		for _, line := range ch.Lines() {
			fmt.Fprintln(c.stdout, line)
		}
	}
	changes := model.Diff(head, imp.Settings)
	printChanges(c.stdout, changes)
	for _, note := range imp.Notes() {
		fmt.Fprintln(c.stderr, note)
	}
	countries := "countries"
	if len(imp.Changes) == 1 {
		countries = "country"
	}
	what := fmt.Sprintf("the catalog changes for %d %s; %s to the settings", len(imp.Changes), countries, plural(len(changes), "change"))
	if f.dryRun {
		fmt.Fprintf(c.stderr, "dry run: nothing saved (%s, against revision %d)\n", what, rev)
		return exitOK
	}
	pw, code := c.portalPassword()
	if code != exitOK {
		return code
	}
	saved, err := s.ImportCatalog(cat, rev, pw, *f.otp)
	if err != nil {
		return c.refused(s, err)
	}
	fmt.Fprintf(c.stderr, "saved revision %d: %s in force (%s)\n", saved, cat.Describe(), what)
	return exitOK
}
