package main

// The database subcommands: init, export, import, diff, history, rollback. Each parses
// its flags, calls persist and model, and prints; errors go to stderr as "path: message".

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"idvset/model"
	"idvset/persist"
)

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
	s, code := c.open(*db, true)
	if code != exitOK {
		return code
	}
	defer s.Close()
	if err := s.SetPassword(pw); err != nil {
		if errors.Is(err, persist.ErrPasswordSet) {
			fmt.Fprintf(c.stderr, "%s: already initialised: %v\n", s.Path(), err)
			return exitInvalid
		}
		fmt.Fprintln(c.stderr, pathError(s.Path(), err))
		return exitUsage
	}
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
	out := fs.String("o", "", "write to FILE (mode 0600) instead of stdout")
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
	s, code := c.open(*db, false)
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
	if *out == "" {
		if _, err := c.stdout.Write(data); err != nil {
			fmt.Fprintln(c.stderr, "stdout:", err)
			return exitUsage
		}
		return exitOK
	}
	if err := writePrivate(*out, data); err != nil {
		// Name the file asked for, not the temporary one the error may be about.
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		fmt.Fprintf(c.stderr, "%s: %v\n", *out, err)
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
	s, code := c.open(*db, false)
	if code != exitOK {
		return code
	}
	defer s.Close()
	rev, head, err := s.Head()
	if err != nil {
		return c.refused(s, err)
	}
	codes, err := s.UsedCodes()
	if err != nil {
		return c.refused(s, err)
	}
	cat, err := s.Catalog()
	if err != nil {
		return c.refused(s, err)
	}
	vs := model.Validate(doc, model.Context{Catalog: cat, UsedCodes: codes})
	for _, v := range vs {
		fmt.Fprintln(c.stderr, v)
	}
	if vs.HasErrors() {
		return exitInvalid
	}
	changes := model.Diff(head, doc)
	if len(changes) == 0 {
		fmt.Fprintf(c.stderr, "no changes: %s equals revision %d\n", pos[0], rev)
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
	var s *persist.Store
	defer func() {
		if s != nil {
			s.Close()
		}
	}()
	store := func() (*persist.Store, int) {
		if s == nil {
			var code int
			if s, code = c.open(*db, false); code != exitOK {
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
		n, _ := strconv.Atoi(arg)
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
	s, code := c.open(*db, false)
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
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.Number, r.Time.UTC().Format(time.RFC3339), r.Author, r.Summary)
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
	if len(pos) != 1 || !isRevision(pos[0]) {
		fmt.Fprintln(c.stderr, "rollback: exactly one revision number N expected")
		return exitUsage
	}
	if !*pwStdin {
		fmt.Fprintln(c.stderr, "rollback: --password-stdin is required (the password is read from the first line of standard input)")
		return exitUsage
	}
	n, _ := strconv.Atoi(pos[0])
	s, code := c.open(*db, false)
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
