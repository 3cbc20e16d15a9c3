package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"idvset/persist"
)

// cli carries what every database subcommand needs.
type cli struct {
	db             string // --db given before the command name, or ""
	stdin          io.Reader
	stdout, stderr io.Writer
	lines          *bufio.Reader // stdin, read line by line (readLine)
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

// isTerminal reports whether f, a stdin or stdout run was given, is a terminal: those of
// in-process callers (tests) never are.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

// password reads a password (readLine, without echo at a terminal) after prompt. A
// failed read is printed as "what: error" and is a usage error.
func (c *cli) password(prompt, what string) (string, int) {
	pw, err := c.readLine(prompt, true)
	if err != nil {
		fmt.Fprintln(c.stderr, what+":", err)
		return "", exitUsage
	}
	return pw, exitOK
}

// portalPassword reads the portal password from the next line of stdin (password).
func (c *cli) portalPassword() (string, int) { return c.password("portal password: ", "password") }

// readLine reads the next line of stdin, without its line ending. Lines are read through
// one buffer, so that several commands' lines (a password, then a code) can come on one
// stdin. When stdin is a terminal, prompt goes to stderr first, and secret input is read
// without echo.
func (c *cli) readLine(prompt string, secret bool) (string, error) {
	if isTerminal(c.stdin) {
		f := c.stdin.(*os.File)
		fmt.Fprint(c.stderr, prompt)
		if secret {
			b, err := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(c.stderr)
			return string(b), err
		}
	}
	if c.lines == nil {
		c.lines = bufio.NewReader(c.stdin)
	}
	line, err := c.lines.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	if err == io.EOF && line == "" {
		return "", errors.New("nothing on standard input")
	}
	line = strings.TrimSuffix(line, "\n")
	return strings.TrimSuffix(line, "\r"), nil
}
