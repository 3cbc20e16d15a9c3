package tui

import (
	"slices"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"idvset/model"
	"idvset/tui/panetest"
)

// memStore is an in-memory Store: the interface's point is that the editor can run on
// it. It keeps revisions, a password with a lockout after five failures, and lets a test
// play a second editor that saves in between.
type memStore struct {
	mu       sync.Mutex
	path     string
	password string // "" until set: a fresh database
	revs     []model.Settings
	used     []model.UsedCode // codes saved outside revs (an older history), besides those of revs
	failures int
	locked   time.Time
	otp      string // the two-factor code, when two-factor is on
	saved    []int  // bases of the accepted saves
	calls    int    // Save calls, accepted or not
	catalog  *model.Catalog
	refuse   model.Violations // when set, Save refuses the document with these
	delay    time.Duration    // when set, Save takes this long (argon2 on a slow machine)
	notes    map[int]string   // the notes of noted saves, by revision (history_test.go)
	listed   int              // History calls (history_test.go)
}

// newMemStore returns a store with revision 1 (the defaults) and password pw, or a fresh
// one when pw is "".
func newMemStore(pw string) *memStore {
	s := &memStore{path: "/home/admin/.local/share/idvset/settings.db", catalog: defaultCatalog}
	if pw != "" {
		_ = s.SetPassword(pw)
	}
	return s
}

func (s *memStore) Path() string { return s.path }

func (s *memStore) NeedsPassword() (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.password == "", nil
}

func (s *memStore) SetPassword(pw string) error {
	if err := model.CheckPassword(pw); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.password = pw
	s.revs = []model.Settings{model.Default()}
	return nil
}

func (s *memStore) Head() (int, model.Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.revs) == 0 {
		return 0, model.Settings{}, model.ErrNoPassword
	}
	return len(s.revs), s.revs[len(s.revs)-1].Clone(), nil
}

// UsedCodes are the codes of s.used, then those of every revision, each with the first
// revision that saved it, as persist derives them.
func (s *memStore) UsedCodes() ([]model.UsedCode, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.usedCodes(), nil
}

func (s *memStore) usedCodes() []model.UsedCode {
	out := slices.Clone(s.used)
	seen := map[string]bool{}
	for _, u := range out {
		seen[u.Code] = true
	}
	for i, rev := range s.revs {
		for _, d := range rev.Documents {
			if !seen[d.Code] {
				seen[d.Code] = true
				out = append(out, model.UsedCode{Code: d.Code, Revision: i + 1})
			}
		}
	}
	return out
}

// defaultCatalog is parsed once for every test.
var defaultCatalog = model.DefaultCatalog()

func (s *memStore) Catalog() (*model.Catalog, error) { return s.catalog, nil }

func (s *memStore) Save(doc model.Settings, base int, pw, otp string) (int, error) {
	time.Sleep(s.delay)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if time.Now().Before(s.locked) {
		return 0, &model.LockedError{Until: s.locked, Failures: s.failures}
	}
	if pw != s.password {
		s.failures++
		if s.failures >= 5 {
			s.locked = time.Now().Add(time.Minute)
		}
		return 0, model.ErrWrongPassword
	}
	if s.otp != "" {
		if otp == "" {
			return 0, model.ErrOTPRequired
		}
		if otp != s.otp {
			return 0, model.ErrWrongOTP
		}
	}
	s.failures = 0
	if base != len(s.revs) {
		return 0, &model.ConflictError{Base: base, Head: len(s.revs)}
	}
	if s.refuse != nil {
		return 0, s.refuse
	}
	if vs := model.Validate(doc, model.Context{UsedCodes: s.usedCodes()}); vs.HasErrors() {
		return 0, vs.Errors()
	}
	s.revs = append(s.revs, doc.Clone())
	s.saved = append(s.saved, base)
	return len(s.revs), nil
}

// saveAsOther plays a second editor saving an edit: the head moves under the first.
func (s *memStore) saveAsOther(edit func(*model.Settings)) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.revs[len(s.revs)-1].Clone()
	edit(&next)
	s.revs = append(s.revs, next)
	return len(s.revs)
}

func (s *memStore) head() model.Settings {
	_, h, _ := s.Head()
	return h
}

// testPassword passes the password policy.
const testPassword = "correct horse battery"

// driver runs the editor without a terminal: it sends messages to Update and runs the
// commands that come back to completion, feeding their messages in, as the Bubble Tea
// runtime would (panetest.Run). Use it inside synctest.Test: timers then cost no time.
type driver struct {
	t    testing.TB
	m    *Model
	quit bool
}

// newDriver starts the editor on store at 80x24 and runs its start-up commands.
func newDriver(t testing.TB, store Store, opt Options) *driver {
	t.Helper()
	if opt.Theme == "" {
		opt.Theme = "mono" // assertions read text; colour is the themes' business
	}
	if opt.Now == nil {
		opt.Now = func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	}
	m, err := New(store, opt)
	if err != nil {
		t.Fatal(err)
	}
	d := &driver{t: t, m: m}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.run(m.Init())
	return d
}

// update is the editor's Update as panetest.Run wants it.
func (d *driver) update(msg tea.Msg) tea.Cmd {
	_, cmd := d.m.Update(msg)
	return cmd
}

// run runs cmd and everything it leads to.
func (d *driver) run(cmd tea.Cmd) {
	d.t.Helper()
	if panetest.Run(d.t, cmd, d.update) {
		d.quit = true
	}
}

// edit applies e as a pane would hand it over.
func (d *driver) edit(e model.Edit) *driver {
	d.m.ctx.Edit(e)
	d.m.applyEdits()
	d.m.updateKeys()
	return d
}

// send delivers one message and everything it leads to.
func (d *driver) send(msg tea.Msg) *driver {
	d.t.Helper()
	d.run(d.update(msg))
	return d
}

// press sends key presses, e.g. press("down", "enter", "ctrl+s", "alt+2").
func (d *driver) press(keys ...string) *driver {
	d.t.Helper()
	for _, k := range keys {
		d.send(keyMsg(k))
	}
	return d
}

// erase presses backspace n times in a field.
func (d *driver) erase(n int) *driver {
	d.t.Helper()
	for range n {
		d.send(keyMsg("backspace"))
	}
	return d
}

// typeText types text one key at a time, as a person would.
func (d *driver) typeText(s string) *driver {
	d.t.Helper()
	for _, k := range panetest.Typed(s) {
		d.send(k)
	}
	return d
}

// view is the screen as text, without styles.
func (d *driver) view() string {
	return ansi.Strip(d.m.View().Content)
}

// wantView fails unless every string appears on the screen.
func (d *driver) wantView(want ...string) {
	d.t.Helper()
	panetest.Want(d.t, d.view(), want...)
}

// notView fails if a string appears on the screen.
func (d *driver) notView(unwanted ...string) {
	d.t.Helper()
	panetest.Lacks(d.t, d.view(), unwanted...)
}

// keyMsg builds the key press a terminal would send for a key name.
func keyMsg(name string) tea.KeyPressMsg { return panetest.Key(name) }
