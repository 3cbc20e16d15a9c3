// Package servetest is an SSH client for tests of `idvset serve`, in process: it
// connects with golang.org/x/crypto/ssh, asks for a terminal, and draws what the server
// sends on a virtual terminal (charmbracelet/x/vt), so that a test reads the screen as an
// admin would see it, and types keys as a terminal sends them.
package servetest

import (
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// NewKey returns a fresh ed25519 key for a test user.
func NewKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// AuthorizedLine is key's line for an authorized_keys file, with options ("" for
// none) and a comment.
func AuthorizedLine(key gossh.Signer, options, comment string) string {
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key.PublicKey()))) + " " + comment
	if options != "" {
		line = options + " " + line
	}
	return line + "\n"
}

// Options configure a connection.
type Options struct {
	User string
	// Auth is how the client authenticates: a key (gossh.PublicKeys) or a password.
	Auth []gossh.AuthMethod
	// Env is sent before the shell starts ("NO_COLOR=1").
	Env []string
	// Width and Height are the terminal's size (80x24 when 0).
	Width, Height int
	// Term is TERM (xterm-256color when "").
	Term string
	// NoPTY asks for no terminal.
	NoPTY bool
	// Command runs a command instead of a shell.
	Command string
}

// Connect opens a connection: the error of a refused authentication, or nil.
func Connect(addr string, opt Options) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            opt.User,
		Auth:            opt.Auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // tests check the host key themselves
		Timeout:         10 * time.Second,
	})
}

// Client is one admin's connection and terminal.
type Client struct {
	t     testing.TB
	conn  *gossh.Client
	sess  *gossh.Session
	stdin io.WriteCloser
	term  *vt.SafeEmulator
	done  chan struct{} // closed when the session ended
	err   error         // the session's end (Wait)

	mu  sync.Mutex
	raw strings.Builder // everything the server wrote
}

// Dial connects, starts the session (a shell, in a terminal unless opt.NoPTY) and
// fails the test when that is refused.
func Dial(t testing.TB, addr string, opt Options) *Client {
	t.Helper()
	c, err := Open(t, addr, opt)
	if err != nil {
		t.Fatalf("ssh %s@%s: %v", opt.User, addr, err)
	}
	return c
}

// Open is Dial returning its error.
func Open(t testing.TB, addr string, opt Options) (*Client, error) {
	if opt.Width == 0 {
		opt.Width, opt.Height = 80, 24
	}
	if opt.Term == "" {
		opt.Term = "xterm-256color"
	}
	conn, err := Connect(addr, opt)
	if err != nil {
		return nil, err
	}
	sess, err := conn.NewSession()
	if err != nil {
		conn.Close()
		return nil, err
	}
	c := &Client{t: t, conn: conn, sess: sess, term: vt.NewSafeEmulator(opt.Width, opt.Height), done: make(chan struct{})}
	t.Cleanup(c.Close)
	for _, e := range opt.Env {
		k, v, _ := strings.Cut(e, "=")
		if err := sess.Setenv(k, v); err != nil {
			return nil, err
		}
	}
	if !opt.NoPTY {
		if err := sess.RequestPty(opt.Term, opt.Height, opt.Width, gossh.TerminalModes{}); err != nil {
			return nil, err
		}
	}
	if c.stdin, err = sess.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		return nil, err
	}
	sess.Stderr = writerFunc(c.write)
	if opt.Command != "" {
		err = sess.Start(opt.Command)
	} else {
		err = sess.Shell()
	}
	if err != nil {
		return nil, err
	}
	// The terminal's answers to the program's queries go back as input, as a real
	// terminal's would.
	go func() {
		buf := make([]byte, 256)
		for {
			n, err := c.term.Read(buf)
			if n > 0 {
				c.stdin.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		io.Copy(writerFunc(c.write), out)
		c.err = sess.Wait()
		conn.Close() // as OpenSSH does once its session is over
		close(c.done)
	}()
	return c, nil
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func (c *Client) write(p []byte) (int, error) {
	c.mu.Lock()
	c.raw.Write(p)
	c.mu.Unlock()
	return c.term.Write(p)
}

// Raw is everything the server wrote, escape sequences included.
func (c *Client) Raw() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.raw.String()
}

// Screen is what the terminal shows, as text.
func (c *Client) Screen() string {
	return ansi.Strip(c.term.Render())
}

// WaitFor waits until the screen shows every string, and returns it; it fails the test
// after a deadline.
func (c *Client) WaitFor(want ...string) string {
	c.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = c.Screen()
		if containsAll(s, want) {
			return s
		}
		select {
		case <-c.done:
			// The session ended: what it shows now is final.
			if s = c.Screen(); containsAll(s, want) {
				return s
			}
			c.t.Fatalf("the session ended (%v) without showing %q:\n%s", c.err, want, s)
		case <-time.After(20 * time.Millisecond):
		}
	}
	c.t.Fatalf("the screen never showed %q:\n%s", want, s)
	return ""
}

func containsAll(s string, want []string) bool {
	for _, w := range want {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// keys are the bytes a terminal sends for key names.
var keys = map[string]string{
	"enter": "\r", "esc": "\x1b", "tab": "\t", "backspace": "\x7f", "space": " ",
	"up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D",
	"home": "\x1b[H", "end": "\x1b[F", "ctrl+s": "\x13", "ctrl+c": "\x03", "ctrl+z": "\x1a",
}

// Press sends keys by name: "enter", "esc", "ctrl+s", "alt+2", or a single character.
// An esc is read as alt+ with what follows it at once: wait for the screen in between.
func (c *Client) Press(names ...string) *Client {
	c.t.Helper()
	for _, n := range names {
		b, ok := keys[n]
		switch {
		case ok:
		case strings.HasPrefix(n, "alt+"):
			b = "\x1b" + strings.TrimPrefix(n, "alt+")
		default:
			b = n
		}
		c.send(b)
	}
	return c
}

// Type types text.
func (c *Client) Type(s string) *Client {
	c.t.Helper()
	c.send(s)
	return c
}

func (c *Client) send(b string) {
	c.t.Helper()
	if _, err := io.WriteString(c.stdin, b); err != nil {
		c.t.Fatalf("typing %q: %v", b, err)
	}
}

// Ended waits until the server ends the session and returns the final screen; it fails
// the test after a deadline.
func (c *Client) Ended() string {
	c.t.Helper()
	select {
	case <-c.done:
	case <-time.After(20 * time.Second):
		c.t.Fatalf("the session did not end:\n%s", c.Screen())
	}
	return c.Screen()
}

// Done is closed when the session has ended.
func (c *Client) Done() <-chan struct{} { return c.done }

// Close ends the connection.
func (c *Client) Close() {
	c.sess.Close()
	c.conn.Close()
	// Ends the goroutine reading the terminal's answers (vt's own Close races with it).
	if pw, ok := c.term.InputPipe().(*io.PipeWriter); ok {
		pw.Close()
	}
}

// LocalAddr is the client's end of the connection.
func (c *Client) LocalAddr() net.Addr { return c.conn.LocalAddr() }
