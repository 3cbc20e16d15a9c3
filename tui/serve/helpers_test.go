package serve

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"idvset/model"
	"idvset/tui"
	"idvset/tui/serve/servetest"
)

// testPassword is the portal password of the in-memory database.
const testPassword = "correct horse battery"

// memDB is a shared in-memory database for the server's own tests (main tests the
// server on SQLite): revisions with their authors, a password, conflicts. gate, when
// set, holds every save until the test sends on it.
type memDB struct {
	mu      sync.Mutex
	revs    []model.Settings
	authors []string
	gate    chan struct{}
	saving  chan struct{} // told when a save waits at the gate
}

func newMemDB() *memDB {
	return &memDB{revs: []model.Settings{model.Default()}, authors: []string{"init"}}
}

// store is one session's view of the database, saving as author.
type store struct {
	db     *memDB
	author string
}

func (s *store) Path() string                         { return "/var/lib/idvset/settings.db" }
func (s *store) NeedsPassword() (bool, error)         { return false, nil }
func (s *store) SetPassword(string) error             { return nil }
func (s *store) UsedCodes() ([]model.UsedCode, error) { return nil, nil }
func (s *store) Catalog() (*model.Catalog, error) {
	return model.DefaultCatalog(), nil
}

func (s *store) Head() (int, model.Settings, error) {
	s.db.mu.Lock()
	defer s.db.mu.Unlock()
	return len(s.db.revs), s.db.revs[len(s.db.revs)-1].Clone(), nil
}

func (s *store) Save(doc model.Settings, base int, pw, otp string) (int, error) {
	if s.db.gate != nil {
		s.db.saving <- struct{}{}
		<-s.db.gate
	}
	s.db.mu.Lock()
	defer s.db.mu.Unlock()
	if pw != testPassword {
		return 0, model.ErrWrongPassword
	}
	if base != len(s.db.revs) {
		return 0, &model.ConflictError{Base: base, Head: len(s.db.revs)}
	}
	s.db.revs = append(s.db.revs, doc.Clone())
	s.db.authors = append(s.db.authors, s.author)
	return len(s.db.revs), nil
}

func (db *memDB) head() (int, model.Settings, string) {
	db.mu.Lock()
	defer db.mu.Unlock()
	n := len(db.revs)
	return n, db.revs[n-1], db.authors[n-1]
}

// testServer is a server on 127.0.0.1 (a random port) with its files in a temporary
// directory.
type testServer struct {
	*Server
	addr string
	dir  string
	keys string // the authorized_keys path
	log  *servetest.Log
	db   *memDB
}

// startServer starts a server authorising the given keys; edit adjusts the config.
func startServer(t testing.TB, edit func(*Config), authorized ...string) *testServer {
	t.Helper()
	dir := t.TempDir()
	ts := &testServer{dir: dir, keys: filepath.Join(dir, "authorized_keys"), log: &servetest.Log{}, db: newMemDB()}
	if err := os.WriteFile(ts.keys, []byte(strings.Join(authorized, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		HostKey:        filepath.Join(dir, "host_key"),
		AuthorizedKeys: ts.keys,
		IdleTimeout:    time.Hour,
		Log:            ts.log,
		Store: func(author string) (tui.Store, error) {
			return &store{db: ts.db, author: author}, nil
		},
	}
	if edit != nil {
		edit(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.Server, ts.addr = srv, ln.Addr().String()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx, "the test is over")
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ts
}

// dial connects as user with key, in an 80x24 terminal.
func (ts *testServer) dial(t testing.TB, user string, key gossh.Signer, env ...string) *servetest.Client {
	t.Helper()
	return servetest.Dial(t, ts.addr, servetest.Options{User: user, Auth: []gossh.AuthMethod{gossh.PublicKeys(key)}, Env: env})
}

// setCallback types a callback URL into the General pane as a person would.
func setCallback(c *servetest.Client, url string) {
	c.Press("alt+1", "home", "enter")
	c.WaitFor("of 255 characters")
	c.Type(url).Press("enter")
	c.WaitFor("changed: callback URL")
}

// save saves with the portal password, through the review.
func save(c *servetest.Client) {
	c.Press("ctrl+s")
	c.WaitFor("Review: ")
	c.Press("enter")
	c.WaitFor("Portal password")
	c.Type(testPassword).Press("enter")
}
