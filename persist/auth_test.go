package persist

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"idvset/model"
)

func TestSetPasswordFirstRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.db")
	s := openTest(t, path, nil)
	if need, err := s.NeedsPassword(); err != nil || !need {
		t.Fatalf("fresh database: NeedsPassword = %v, %v; want true", need, err)
	}
	if rev, _, err := s.Head(); err != nil || rev != 0 {
		t.Fatalf("fresh database: Head = %d, %v; want 0", rev, err)
	}
	if err := s.SetPassword("short"); err == nil || !strings.Contains(err.Error(), "at least 12 characters") {
		t.Fatalf("weak password: err = %v, want the policy's message", err)
	}
	if err := s.SetPassword(testPassword); err != nil {
		t.Fatal(err)
	}
	if need, _ := s.NeedsPassword(); need {
		t.Error("NeedsPassword still true after SetPassword")
	}
	rev, doc, err := s.Head()
	if err != nil || rev != 1 {
		t.Fatalf("Head = %d, %v; want revision 1", rev, err)
	}
	mustEqualDoc(t, doc, model.Default())
	h, err := s.History()
	if err != nil || len(h) != 1 || h[0].Summary != "initial settings" || h[0].Author != "tester" {
		t.Fatalf("History = %+v, %v; want one revision \"initial settings\" by tester", h, err)
	}
	if err := s.SetPassword("another good password"); !errors.Is(err, ErrPasswordSet) {
		t.Fatalf("second SetPassword: err = %v, want ErrPasswordSet", err)
	}
	if _, err := s.Save(fullDoc(), 1, "another good password", ""); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("the refused second password works: %v", err)
	}
}

func TestSaveWithoutPassword(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "settings.db"), nil)
	if _, err := s.Save(fullDoc(), 0, testPassword, ""); !errors.Is(err, model.ErrNoPassword) {
		t.Fatalf("err = %v, want ErrNoPassword", err)
	}
}

func TestLockoutWait(t *testing.T) {
	for failures, want := range map[int]time.Duration{
		0: 0, 4: 0, 5: 30 * time.Second, 6: time.Minute, 7: 2 * time.Minute,
		11: 32 * time.Minute, 12: time.Hour, 13: time.Hour, 1000: time.Hour,
	} {
		if got := lockoutWait(failures); got != want {
			t.Errorf("lockoutWait(%d) = %v, want %v", failures, got, want)
		}
	}
}

// authState reads the failure count as a person would with the sqlite3 shell.
func authState(t *testing.T, path string) int {
	t.Helper()
	return queryInt(t, rawDB(t, path), "SELECT failures FROM auth_state")
}

func TestLockout(t *testing.T) {
	c := newClock()
	s, path := newStore(t, c)
	doc := fullDoc()
	save := func() error { _, err := s.Save(doc, 1, "wrong password!", ""); return err }

	for i := 1; i <= lockoutAfter; i++ {
		c.Advance(time.Second)
		if err := save(); !errors.Is(err, model.ErrWrongPassword) {
			t.Fatalf("attempt %d: err = %v, want ErrWrongPassword", i, err)
		}
	}
	lastFailure := c.Now()
	if got := queryString(t, rawDB(t, path), "SELECT locked_until FROM auth_state"); got != formatTime(lastFailure.Add(30*time.Second)) {
		t.Errorf("auth_state.locked_until = %s, want 30 s after the fifth failure", got)
	}

	// Attempt 6 within 30 s of the last failure is refused, even with the right password.
	c.Advance(29 * time.Second)
	_, err := s.Save(doc, 1, testPassword, "")
	var locked *model.LockedError
	if !errors.As(err, &locked) {
		t.Fatalf("attempt 6 after 29 s: err = %v, want *LockedError", err)
	}
	if want := lastFailure.Add(30 * time.Second); !locked.Until.Equal(want) || locked.Failures != 5 {
		t.Errorf("LockedError = %+v, want Until %v, Failures 5", locked, want)
	}
	if n := authState(t, path); n != 5 {
		t.Errorf("a locked attempt changed the count to %d", n)
	}

	// After the wait one attempt is considered; failing it doubles the wait, and the
	// wait survives closing and reopening the database.
	c.Advance(time.Second)
	if err := save(); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("attempt after 30 s: err = %v, want ErrWrongPassword", err)
	}
	s.Close()
	s = openTest(t, path, c)
	c.Advance(59 * time.Second)
	if _, err := s.Save(doc, 1, testPassword, ""); !errors.As(err, &locked) || locked.Failures != 6 {
		t.Fatalf("59 s after failure 6, reopened: err = %v, want *LockedError with 6 failures", err)
	}
	c.Advance(time.Second)
	rev, err := s.Save(doc, 1, testPassword, "")
	if err != nil || rev != 2 {
		t.Fatalf("right password after 60 s: %d, %v", rev, err)
	}
	if n := authState(t, path); n != 0 {
		t.Errorf("a success left the count at %d", n)
	}
	// The count starts over: one failure does not lock.
	if err := save(); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("err = %v, want ErrWrongPassword", err)
	}
	doc.Client.SkipIntro = false
	if _, err := s.Save(doc, 2, testPassword, ""); err != nil {
		t.Fatalf("right password after a single failure: %v", err)
	}

	db := rawDB(t, path)
	outcomes := queryString(t, db, "SELECT group_concat(outcome, ',') FROM (SELECT outcome FROM auth_log ORDER BY id)")
	want := "ok," + strings.Repeat("wrong password,", 5) + "locked,wrong password,locked,ok,wrong password,ok"
	if outcomes != want {
		t.Errorf("auth_log outcomes:\n got %s\nwant %s", outcomes, want)
	}
}

func TestWrongPasswordWritesNothing(t *testing.T) {
	s, path := newStore(t, nil)
	if _, err := s.Save(fullDoc(), 1, testPassword+"x", ""); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("err = %v, want ErrWrongPassword", err)
	}
	db := rawDB(t, path)
	if n := queryInt(t, db, "SELECT count(*) FROM revisions"); n != 1 {
		t.Errorf("%d revisions after a refused save, want 1", n)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM documents"); n != 0 {
		t.Errorf("%d documents after a refused save, want 0", n)
	}
}

func TestChangePassword(t *testing.T) {
	s, _ := newStore(t, nil)
	const newPW = "a brand new passphrase"
	if err := s.ChangePassword("not it at all!", newPW, ""); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("wrong old password: err = %v", err)
	}
	if err := s.ChangePassword(testPassword, "aaaaaaaaaaaaaaaa", ""); err == nil || !strings.Contains(err.Error(), "5 different characters") {
		t.Fatalf("weak new password: err = %v", err)
	}
	if err := s.ChangePassword(testPassword, newPW, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Save(fullDoc(), 1, testPassword, ""); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("old password still works: %v", err)
	}
	if err := s.authenticate(kindSave, newPW, ""); err != nil {
		t.Fatalf("new password refused: %v", err)
	}
}

// TestNoPasswordAtRest looks for the password anywhere in the database file and its WAL,
// after successful and failed attempts, and checks what auth_log records.
func TestNoPasswordAtRest(t *testing.T) {
	s, path := newStore(t, nil)
	const wrong = "guessing-wrongly-2026"
	s.authenticate(kindSave, wrong, "")
	s.authenticate(kindSave, testPassword, "")
	if err := s.ChangePassword(testPassword, "second passphrase 42", ""); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, pw := range []string{testPassword, wrong, "second passphrase 42"} {
			if bytes.Contains(data, []byte(pw)) {
				t.Errorf("%s contains the password %q", filepath.Base(f), pw)
			}
		}
	}
	db := rawDB(t, path)
	rows, err := db.Query("SELECT at, author, kind, outcome FROM auth_log ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var at, author, kind, outcome string
		if err := rows.Scan(&at, &author, &kind, &outcome); err != nil {
			t.Fatal(err)
		}
		got = append(got, author+"|"+kind+"|"+outcome)
	}
	want := []string{"tester|set password|ok", "tester|save|wrong password", "tester|save|ok", "tester|change password|ok"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("auth_log:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	phc := queryString(t, db, "SELECT value FROM secrets WHERE name = 'portal_password'")
	if !regexp.MustCompile(`^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$`).MatchString(phc) {
		t.Errorf("stored hash %q is not an argon2id PHC string", phc)
	}
}
