package tui

import (
	"errors"
	"io/fs"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/synctest"

	"idvset/model"
)

// memFileStore plays the file store of `idvset edit FILE` (persist.FileStore): no
// password, a document file that may not exist yet, and a save that can fail as a
// read-only directory makes it fail.
type memFileStore struct {
	*memStore
	exists    bool
	err       error    // when set, Save fails with it
	passwords []string // what Save was given as the password
}

func newMemFileStore(doc model.Settings) *memFileStore {
	s := newMemStore(testPassword)
	s.path = "/home/prep/acme.json"
	s.revs = []model.Settings{doc}
	return &memFileStore{memStore: s, exists: true}
}

func (s *memFileStore) SavesWithoutPassword() bool { return true }
func (s *memFileStore) FileExists() bool           { return s.exists }

func (s *memFileStore) Save(doc model.Settings, base int, pw, otp string) (int, error) {
	s.passwords = append(s.passwords, pw)
	if s.err != nil {
		return 0, s.err
	}
	return s.memStore.Save(doc, base, testPassword, "")
}

// On a document file the header says FILE (not a revision), the status line says that it
// is not the database and how it gets there, and saving goes from the review straight
// to the file: no password is asked for or passed on.
func TestFileSavesWithoutPassword(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemFileStore(model.Default())
		d := newDriver(t, store, Options{Home: "/home/prep"})
		d.wantView("~/acme.json", "FILE", "no unsaved changes",
			"a file, not the database: idvset import acme.json puts it there")
		d.notView("rev 1")

		setCallback(d, "https://example.com/cb")
		d.press("ctrl+s")
		d.wantView("Review: 1 change to acme.json", "enter save acme.json", "Saving writes acme.json in canonical form", "No password: a file is not the")
		d.press("enter")
		d.notView("Portal password")
		d.wantView("✓ saved acme.json; idvset import acme.json puts it in the database", "no unsaved changes")
		if len(store.passwords) != 1 || store.passwords[0] != "" {
			t.Fatalf("Save got passwords %q, want one empty", store.passwords)
		}
		if got := store.head().General.CallbackURL; got != "https://example.com/cb" {
			t.Fatalf("saved callback URL %q", got)
		}
	})
}

// A file that does not exist yet says so, and one that breaks rules says how many and
// where the first is.
func TestFileGreeting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemFileStore(model.Default())
		store.exists = false
		d := newDriver(t, store, Options{})
		d.wantView("acme.json does not exist yet: these are the defaults; saving creates it")

		bad := model.Default()
		bad.General.CallbackURL = "https://example.com:8443/cb"
		bad.General.TokenLifetimeMinutes = 1
		d = newDriver(t, newMemFileStore(bad), Options{})
		d.wantView("acme.json breaks 2 rules, shown where they are (first: general.callbackUrl)",
			`✗ port not allowed (":8443")`)
	})
}

// A file changed on disk is the conflict screen in the file's words; re-applying saves
// both changes.
func TestFileConflictReapply(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemFileStore(model.Default())
		d := newDriver(t, store, Options{})
		setCallback(d, "https://example.com/cb")
		store.saveAsOther(func(s *model.Settings) { s.General.SuccessURL = "https://example.com/theirs" })

		d.press("ctrl+s", "enter")
		d.wantView("✗ Conflict: acme.json changed on disk after you opened it.",
			"reload the file as it is now and discard your 1 change",
			"re-apply your 1 change on top of the file as it is now, then review again")
		d.notView("revision")
		d.press("a")
		d.wantView("re-applied 1 change on top of the file: review them again", "Review: 1 change to acme.json")
		d.press("enter")
		d.wantView("✓ saved acme.json")
		head := store.head().General
		if head.CallbackURL != "https://example.com/cb" || head.SuccessURL != "https://example.com/theirs" {
			t.Fatalf("a change was lost: %+v", head)
		}
	})
}

// A save the file system refuses (a read-only directory) says why and keeps the draft.
func TestFileSaveFailureKeepsTheDraft(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemFileStore(model.Default())
		store.err = &fs.PathError{Op: "write", Path: "/home/prep/acme.json", Err: syscall.EACCES}
		d := newDriver(t, store, Options{})
		setCallback(d, "https://example.com/cb")
		d.press("ctrl+s", "enter")
		d.wantView("✗ save failed: write /home/prep/acme.json: permission denied; your changes are",
			"● 1 unsaved change")
		d.press("esc")
		if !d.m.draft.Dirty() || d.m.draft.Current().General.CallbackURL != "https://example.com/cb" {
			t.Fatal("the draft was lost")
		}
		store.err = nil
		d.press("ctrl+s", "enter")
		d.wantView("✓ saved acme.json")
	})
}

// fakePresence is a presence list a test changes.
type fakePresence struct {
	mu      sync.Mutex
	names   []string
	version uint64
}

func (p *fakePresence) Others() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.names...)
}

func (p *fakePresence) Version() uint64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.version
}

func (p *fakePresence) set(names ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.names = names
	p.version++
}

// The header shows who else is connected, read when it is drawn: a user connected twice
// once with a count, escaped names, and "+N" for those that do not fit.
func TestPresenceInTheHeader(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := &fakePresence{}
		d := newDriver(t, newMemStore(testPassword), Options{Presence: p})
		header := func() string { return strings.SplitN(d.view(), "\n", 2)[0] }
		if h := header(); strings.Contains(h, "with") {
			t.Fatalf("nobody else is connected, yet: %q", h)
		}
		p.set("bob", "carol", "bob")
		d.send(PresenceMsg{})
		if h := header(); !strings.Contains(h, "with bob ×2, carol") || !strings.Contains(h, "rev 1") {
			t.Fatalf("header %q", h)
		}
		p.set("eve\x1b[2J\nforged", "a-very-long-user-name-indeed", "dave", "erin", "frank", "grace")
		d.send(PresenceMsg{})
		h := header()
		if strings.ContainsAny(h, "\x1b\n") || !strings.Contains(h, `with "eve\x1b`) || !strings.Contains(h, "+") {
			t.Fatalf("header %q", h)
		}
		if w := len([]rune(h)); w > 80 {
			t.Fatalf("header %d wide: %q", w, h)
		}
		p.set()
		d.send(PresenceMsg{})
		if h := header(); strings.Contains(h, "with") {
			t.Fatalf("everyone left, yet: %q", h)
		}
	})
}

// OnSave hears every save's outcome, refusals included; Saving is true while the store
// works.
func TestOnSaveAndSaving(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		type outcome struct {
			base, rev int
			err       error
		}
		var got []outcome
		store := newMemStore(testPassword)
		d := newDriver(t, store, Options{OnSave: func(base, rev int, err error) { got = append(got, outcome{base, rev, err}) }})
		setCallback(d, "https://example.com/cb")
		saveWith(d, "wrong password")
		d.typeText(testPassword)
		_, cmd := d.m.Update(keyMsg("enter"))
		if !d.m.Saving() {
			t.Fatal("Saving is false while the store works")
		}
		d.run(cmd)
		if d.m.Saving() {
			t.Fatal("Saving is still true after the save")
		}
		if len(got) != 2 || !errors.Is(got[0].err, model.ErrWrongPassword) || got[1] != (outcome{1, 2, nil}) {
			t.Fatalf("OnSave heard %+v", got)
		}
	})
}
