// Package serve runs the editor over SSH for a team of admins (`idvset serve`): one
// editor per session on a shared store, with public-key authentication against an
// authorized_keys file, a session limit, an idle timeout and a graceful stop.
//
// It is built on charm.land/wish/v2 and its Bubble Tea middleware. Each session gets
// its own tui.Model (its own draft) on a store from Config.Store, made for that session's
// author, "alice (SHA256:…)": the user name the client gave and the fingerprint of the key
// that authenticated it. It imports tui, never persist: main wires the store in.
//
// Two sessions saving at once is the store's conflict case: the second gets the editor's
// conflict screen and can re-apply its changes. A session that disconnects loses only
// its unsaved draft.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"idvset/tui"
)

// Defaults of the command line (`idvset serve`).
const (
	DefaultListen      = "127.0.0.1:23234"
	DefaultMaxSessions = 32
	DefaultIdleTimeout = 30 * time.Minute
)

// handshakeTimeout bounds how long a connection may take to authenticate: a client that
// connects and says nothing holds nothing for long.
const handshakeTimeout = 30 * time.Second

// maxConnections bounds the connections open at once, most of them not yet
// authenticated: each holds a goroutine and buffers until its handshake times out.
func (s *Server) maxConnections() int64 { return int64(2*s.cfg.MaxSessions + 16) }

// closeGrace is how long Shutdown waits for clients to close their connections once
// their sessions ended, before it closes them.
const closeGrace = 5 * time.Second

// maxUserBytes bounds the user name a client gives, as kept in revisions and the log.
const maxUserBytes = 64

// Config configures a server.
type Config struct {
	// HostKey is the path of the server's private key; an ed25519 key is generated there
	// (mode 0600) when the file does not exist.
	HostKey string
	// AuthorizedKeys is the path of the authorized_keys file (OpenSSH format). It must
	// exist; it is read again whenever it changes.
	AuthorizedKeys string
	// MaxSessions is how many editors may run at once (DefaultMaxSessions when 0).
	MaxSessions int
	// IdleTimeout closes a session that had no key for that long (0: never).
	IdleTimeout time.Duration
	// Store opens the store of one session, whose saves are by author. The server closes
	// it when the session ends if it is an io.Closer.
	Store func(author string) (tui.Store, error)
	// Log receives the server's log, one line per event (nil: discarded).
	Log io.Writer
	// Now is the clock (nil: time.Now).
	Now func() time.Time
}

// Server is an SSH server running one editor per session.
type Server struct {
	cfg      Config
	now      func() time.Time
	ssh      *ssh.Server
	keys     *authorizedKeys
	log      *logger
	hostKey  gossh.PublicKey
	created  bool
	reg      registry
	stopOnce sync.Once
	// attempts remembers, per remote address, who is authenticating and with what, for
	// the log line of a connection that fails (whose callback knows only the address).
	attempts sync.Map // string → *attempt
	conns    atomic.Int64
}

// attempt is a connection's authentication so far.
type attempt struct {
	user    string
	methods []string // tried, "none" aside
}

// sessionKey finds a session's state in its ssh.Context.
type sessionKey struct{}

// New prepares a server: it reads (or creates) the host key and reads the authorized
// keys, so that mistakes in either are reported before anyone connects.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("serve: no store")
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	s := &Server{cfg: cfg, now: cfg.Now, reg: registry{max: cfg.MaxSessions}}
	if s.now == nil {
		s.now = time.Now
	}
	signer, created, err := loadHostKey(cfg.HostKey)
	if err != nil {
		return nil, err
	}
	s.hostKey, s.created = signer.PublicKey(), created
	s.log = newLogger(cfg.Log, s.now)
	if s.keys, err = newAuthorizedKeys(cfg.AuthorizedKeys, s.log, s.now); err != nil {
		s.log.close()
		return nil, err
	}
	s.ssh, err = wish.NewServer(
		func(srv *ssh.Server) error { srv.AddHostKey(signer); return nil },
		wish.WithPublicKeyAuth(s.checkKey),
		// The Bubble Tea middleware runs inside the guard: the last given is outermost.
		wish.WithMiddleware(bubbletea.MiddlewareWithProgramHandler(s.program), s.guard),
		func(srv *ssh.Server) error {
			srv.HandshakeTimeout = handshakeTimeout
			// A backstop for connections that open no session: the editor's own idle
			// timeout closes sessions, and says why.
			if cfg.IdleTimeout > 0 {
				srv.IdleTimeout = cfg.IdleTimeout + time.Minute
			}
			srv.ConnCallback = s.admit
			srv.ConnectionCloseCallback = func(net.Conn) { s.conns.Add(-1) }
			srv.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig {
				return &gossh.ServerConfig{AuthLogCallback: s.authLog}
			}
			srv.ConnectionFailedCallback = s.connectionFailed
			return nil
		},
	)
	if err != nil {
		s.log.close()
		return nil, err
	}
	return s, nil
}

// HostKey is the host key's SHA-256 fingerprint, and whether New generated the key.
func (s *Server) HostKey() (fingerprint string, created bool) {
	return gossh.FingerprintSHA256(s.hostKey), s.created
}

// HostPublicKey is the host's public key as OpenSSH writes it ("ssh-ed25519 AAAA…"),
// for the admins' known_hosts files.
func (s *Server) HostPublicKey() string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.hostKey)))
}

// AuthorizedKeys is the number of usable keys in the authorized_keys file.
func (s *Server) AuthorizedKeys() int { return s.keys.Len() }

// Logf writes a line to the server's log (main's start and stop lines).
func (s *Server) Logf(format string, args ...any) { s.log.printf(format, args...) }

// Serve accepts connections on ln until Shutdown, when it returns nil.
func (s *Server) Serve(ln net.Listener) error {
	err := s.ssh.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops the server gracefully: it stops accepting connections and sessions,
// tells every session why it closes (reason, e.g. "the server is shutting down"), lets
// saves in flight finish, and waits for the sessions to end, until ctx is done. Then it
// closes the connections that remain and flushes the log. It returns ctx's error if
// sessions had to be cut off.
func (s *Server) Shutdown(ctx context.Context, reason string) error {
	var err error
	s.stopOnce.Do(func() {
		sessions, done := s.reg.stop()
		s.log.printf("stopping: %s; %s told to close", reason, plural(len(sessions), "session"))
		for _, ss := range sessions {
			ss.close(reason)
		}
		// Closes the listeners at once, then waits for the clients to close their
		// connections, as they do once their session has said goodbye.
		closed := make(chan struct{})
		go func() { s.ssh.Shutdown(context.Background()); close(closed) }()
		select {
		case <-done:
			// Closing a connection under a client still writing to it resets it, and the
			// client may lose the goodbye: give clients a moment to close themselves.
			select {
			case <-closed:
			case <-ctx.Done():
			case <-time.After(closeGrace):
			}
		case <-ctx.Done():
			err = ctx.Err()
			s.log.printf("stopping: sessions cut off: %v", err)
		}
		s.ssh.Close()
		s.log.printf("stopped")
		s.log.close()
	})
	return err
}

// admit refuses a connection beyond maxConnections, before its handshake.
func (s *Server) admit(_ ssh.Context, conn net.Conn) net.Conn {
	if s.conns.Add(1) > s.maxConnections() {
		s.conns.Add(-1)
		s.log.printf("refused connection from %s: %d connections are open already", conn.RemoteAddr(), s.maxConnections())
		conn.Close()
		return nil
	}
	return conn
}

// checkKey authenticates a client's key against the authorized_keys file, logging a
// refusal with its reason. (The SSH library asks once per key and connection.)
func (s *Server) checkKey(ctx ssh.Context, key ssh.PublicKey) bool {
	k, why := s.keys.check(key, ctx.RemoteAddr())
	if k == nil {
		s.log.printf("refused key %s (%s) for %s from %s: %s", gossh.FingerprintSHA256(key), key.Type(),
			q(clipUser(ctx.User())), ctx.RemoteAddr(), q(why))
		return false
	}
	ctx.SetValue(keyLineKey{}, k)
	return true
}

// keyLineKey finds the authorized_keys line that authenticated a connection.
type keyLineKey struct{}

// authLog notes each authentication attempt, and logs attempts at methods the server
// does not offer (a client that tries a password although only public keys are
// offered): a password is never looked at, let alone logged.
func (s *Server) authLog(conn gossh.ConnMetadata, method string, err error) {
	addr := conn.RemoteAddr().String()
	if err == nil {
		s.attempts.Delete(addr)
		return
	}
	v, _ := s.attempts.LoadOrStore(addr, &attempt{})
	a := v.(*attempt)
	a.user = clipUser(conn.User())
	if method != "none" && !slices.Contains(a.methods, method) {
		a.methods = append(a.methods, method)
	}
	if method != "none" && method != "publickey" {
		s.log.printf("refused %s attempt for %s from %s: only public keys are accepted", q(method), q(a.user), addr)
	}
}

// connectionFailed logs a connection that did not get through the handshake: who it
// said it was and what it tried (key refusals have their own lines, with why).
func (s *Server) connectionFailed(conn net.Conn, err error) {
	addr := conn.RemoteAddr().String()
	v, tried := s.attempts.LoadAndDelete(addr)
	var auth *gossh.ServerAuthError
	if !errors.As(err, &auth) || !tried {
		s.log.printf("refused connection from %s: %s", addr, q(err.Error()))
		return
	}
	a := v.(*attempt)
	why := "no authorized key"
	if len(a.methods) == 0 {
		why = "offered no public key (only public keys are accepted; a password is never asked for)"
	} else if !slices.Contains(a.methods, "publickey") {
		why = "tried " + strings.Join(a.methods, ", ") + ": only public keys are accepted"
	}
	s.log.printf("refused connection for %s from %s: %s", q(a.user), addr, why)
}

// guard admits a session or refuses it with a message the client reads; it opens the
// session's store, logs the connection and its end, and says goodbye.
func (s *Server) guard(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss := &session{
			user: clipUser(sess.User()), key: gossh.FingerprintSHA256(sess.PublicKey()),
			remote: sess.RemoteAddr().String(), start: s.now(),
		}
		if k, ok := sess.Context().Value(keyLineKey{}).(*authorizedKey); ok {
			ss.comment = k.comment
		}
		ss.author = fmt.Sprintf("%s (%s)", ss.user, ss.key)
		refuse := func(msg string) {
			s.log.printf("refused %s from %s: %s", q(ss.author), ss.remote, q(msg))
			wish.Fatalln(sess, "idvset: "+msg)
		}
		switch _, _, pty := sess.Pty(); {
		case !pty:
			refuse("the editor needs a terminal: connect with ssh -t")
			return
		case len(sess.Command()) > 0 || sess.Subsystem() != "":
			refuse("only the editor runs here: connect without a command")
			return
		}
		switch err := s.reg.add(ss); {
		case errors.Is(err, errStopping):
			refuse("the server is shutting down; try again when it is back")
			return
		case errors.Is(err, errFull):
			open := plural(s.cfg.MaxSessions, "session") + " are open"
			if s.cfg.MaxSessions == 1 {
				open = "1 session is open"
			}
			refuse(open + ", the most this server allows; try again later")
			return
		}
		// Last out: Shutdown waits for the registry to empty, so the store is closed
		// and the goodbye logged first.
		defer func() {
			s.reg.remove(ss)
			s.reg.changed()
		}()
		store, err := s.cfg.Store(ss.author)
		if err != nil {
			refuse("cannot open the settings: " + err.Error())
			return
		}
		if c, ok := store.(io.Closer); ok {
			defer c.Close()
		}
		ss.store = store
		sess.Context().SetValue(sessionKey{}, ss)
		comment := ""
		if ss.comment != "" {
			comment = " with key " + q(ss.comment)
		}
		s.log.printf("connect %s from %s%s (%d of %d sessions)", q(ss.author), ss.remote, comment, s.reg.count(), s.cfg.MaxSessions)
		s.reg.changed()

		next(sess)

		s.log.printf("disconnect %s after %s: %s", q(ss.author), s.now().Sub(ss.start).Round(time.Second), ss.endReason(sess))
		if msg := ss.farewell(); msg != "" {
			wish.Println(sess, msg)
		}
	}
}

// program makes the session's Bubble Tea program: its own editor on its own store, with
// the client's terminal size, TERM and colour profile (wish's MakeOptions), and NO_COLOR
// when the client sends it. It returns nil when the session was told to close before
// it started.
func (s *Server) program(sess ssh.Session) *tea.Program {
	ss, ok := sess.Context().Value(sessionKey{}).(*session)
	if !ok {
		return nil
	}
	var m *sessionModel
	editor, err := tui.New(ss.store, tui.Options{
		NoColor:  environ(sess.Environ(), "NO_COLOR"),
		Remote:   true, // the server's files are not the client's to browse
		Presence: presence{r: &s.reg, self: ss},
		OnSave: func(base, rev int, err error) {
			s.logSave(ss, base, rev, err)
			m.onSave(rev, err)
			if err == nil {
				s.reg.announce(ss, rev) // the others show it, or learn theirs is stale
			}
		},
	})
	if err != nil {
		return nil // only an unknown theme fails, and none is given
	}
	m = newSessionModel(editor, s.cfg.IdleTimeout, s.now)
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.closing != "" {
		return nil
	}
	// Without its own signal handler: a SIGTERM to the server must not quit every editor
	// at once, mid-save; Shutdown closes them.
	opts := append(bubbletea.MakeOptions(sess), tea.WithoutSignalHandler())
	ss.program, ss.model = tea.NewProgram(m, opts...), m
	return ss.program
}

// logSave writes one line per save: the revision written, or why it was refused (a
// wrong password is logged as such; the password itself never is).
func (s *Server) logSave(ss *session, base, rev int, err error) {
	if err == nil {
		s.log.printf("save %s: revision %d (on %d)", q(ss.author), rev, base)
		return
	}
	s.log.printf("save refused %s (on %d): %s", q(ss.author), base, q(err.Error()))
}

// endReason says why a session ended, for the log.
func (ss *session) endReason(sess ssh.Session) string {
	ss.mu.Lock()
	m, closing := ss.model, ss.closing
	ss.mu.Unlock()
	switch {
	case m == nil && closing != "":
		return closing
	case m == nil:
		return "no editor"
	case m.closing != "":
		return m.closing + unsavedNote(m)
	case sess.Context().Err() != nil:
		return "connection closed" + unsavedNote(m)
	}
	return "quit"
}

// unsavedNote counts the changes a closing session loses, for the log.
func unsavedNote(m *sessionModel) string {
	if n := m.editor.Unsaved(); n > 0 && m.saved == 0 {
		return fmt.Sprintf(" (%d unsaved lost)", n)
	}
	return ""
}

// farewell is the session's last words to the client.
func (ss *session) farewell() string {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.model == nil {
		if ss.closing != "" {
			return "idvset: " + ss.closing + "."
		}
		return ""
	}
	return ss.model.farewell()
}

// environ returns the value of name in env ("NAME=value" entries), the last if repeated.
func environ(env []string, name string) string {
	v := ""
	for _, e := range env {
		if k, val, ok := strings.Cut(e, "="); ok && k == name {
			v = val
		}
	}
	return v
}

// clipUser bounds a user name the client gave (maxUserBytes, on a character boundary).
func clipUser(u string) string {
	if len(u) <= maxUserBytes {
		return u
	}
	cut := maxUserBytes
	for cut > 0 && !utf8.RuneStart(u[cut]) {
		cut--
	}
	return u[:cut] + "…"
}
