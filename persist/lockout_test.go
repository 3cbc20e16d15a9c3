package persist

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"idvset/model"
)

// The lockout under parallel attempts: however many stores or processes try at once, at
// most lockoutAfter passwords are verified before the wait begins.

// countVerified counts the attempts whose password (and code) was checked (ok, wrong
// password, wrong code) and those refused by the lockout, from auth_log as a person would
// read it.
func countVerified(t *testing.T, path string) (checked, locked int) {
	t.Helper()
	db := rawDB(t, path)
	checked = queryInt(t, db, "SELECT count(*) FROM auth_log WHERE kind = 'save' AND outcome IN ('ok', 'wrong password', 'wrong code')")
	locked = queryInt(t, db, "SELECT count(*) FROM auth_log WHERE kind = 'save' AND outcome = 'locked'")
	return checked, locked
}

// barrier holds every attempt that reaches the password check until each of n attempts
// has either reached it or returned: without the slot, all n would be verified.
type barrier struct{ wg sync.WaitGroup }

func newBarrier(n int) *barrier {
	b := &barrier{}
	b.wg.Add(n)
	return b
}

// attempt runs f on s, holding it at the password check until every attempt is in. An
// attempt that waits for others being verified (see inFlightWait) is in, unheld: it
// goes on once they are settled.
func (b *barrier) attempt(s *Store, f func() error) error {
	reached := false
	arrive := func(hold bool) {
		if reached {
			return
		}
		reached = true
		b.wg.Done()
		if hold {
			b.wg.Wait()
		}
	}
	s.beforeVerify = func() { arrive(true) }
	s.whileInFlight = func() { arrive(false) }
	err := f()
	arrive(false)
	return err
}

// atOnce opens n stores on path (one connection pool each, as separate processes have)
// and runs attempt on each at once, holding every attempt at the password check until
// all have reached it or returned. It returns their errors, in order.
func atOnce(t *testing.T, path string, c *clock, n int, attempt func(s *Store, i int) error) []error {
	t.Helper()
	stores := make([]*Store, n)
	for i := range stores {
		stores[i] = openTest(t, path, c)
	}
	b := newBarrier(n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, s := range stores {
		wg.Go(func() { errs[i] = b.attempt(s, func() error { return attempt(s, i) }) })
	}
	wg.Wait()
	return errs
}

// tally counts the errors that are want and the lockout refusals; any other fails.
func tally(t *testing.T, errs []error, want error) (matched, locked int) {
	t.Helper()
	for i, err := range errs {
		var le *model.LockedError
		switch {
		case errors.Is(err, want):
			matched++
		case errors.As(err, &le):
			locked++
		default:
			t.Errorf("attempt %d: err = %v", i, err)
		}
	}
	return matched, locked
}

func TestLockoutParallelStores(t *testing.T) {
	const n = 20
	_, path := newStore(t, nil)
	errs := atOnce(t, path, nil, n, func(s *Store, i int) error {
		_, err := s.Save(fullDoc(), 1, fmt.Sprintf("wrong password %d", i), "")
		return err
	})
	wrong, locked := tally(t, errs, model.ErrWrongPassword)
	checked, loggedLocked := countVerified(t, path)
	t.Logf("%d parallel attempts: %d verified, %d refused as locked", n, checked, loggedLocked)
	if checked != lockoutAfter || wrong != lockoutAfter {
		t.Errorf("%d passwords verified (%d wrong), want %d", checked, wrong, lockoutAfter)
	}
	if loggedLocked != n-lockoutAfter || locked != n-lockoutAfter {
		t.Errorf("%d attempts refused as locked (%d logged), want %d", locked, loggedLocked, n-lockoutAfter)
	}
	if f := authState(t, path); f != lockoutAfter {
		t.Errorf("auth_state.failures = %d, want %d", f, lockoutAfter)
	}
}

// TestLockoutParallelRightPassword: 12 wrong passwords and the right one at once. The
// right one saves only when it took one of the first five slots, before the lockout.
// Never are more than five guesses verified in a row: without the right one among the
// first five, exactly five are; with it, it forgives those before it (the policy is five
// failures in a row), and the wrong ones that waited meanwhile get at most five more.
func TestLockoutParallelRightPassword(t *testing.T) {
	for round := range 3 {
		t.Run(fmt.Sprint(round), func(t *testing.T) {
			const wrongs = 12
			_, path := newStore(t, nil)
			b := newBarrier(wrongs + 1)
			var wg sync.WaitGroup
			var rightErr error
			right := openTest(t, path, nil)
			for i := range wrongs {
				s := openTest(t, path, nil)
				wg.Go(func() {
					b.attempt(s, func() error { _, err := s.Save(fullDoc(), 1, fmt.Sprintf("wrong password %d", i), ""); return err })
				})
			}
			wg.Go(func() {
				rightErr = b.attempt(right, func() error { _, err := right.Save(fullDoc(), 1, testPassword, ""); return err })
			})
			wg.Wait()

			checked, _ := countVerified(t, path)
			db := rawDB(t, path)
			revs := queryInt(t, db, "SELECT count(*) FROM revisions")
			// The attempts in slot order: the right one is the only "ok" among the saves.
			slots := queryString(t, db, `SELECT group_concat(outcome, ',') FROM
				(SELECT outcome FROM auth_log WHERE kind = 'save' AND outcome <> 'locked' ORDER BY id)`)
			for _, run := range strings.Split(slots, "ok") {
				if n := strings.Count(run, "wrong"); n > lockoutAfter {
					t.Errorf("%d guesses verified in a row: %s", n, slots)
				}
			}
			var le *model.LockedError
			switch {
			case rightErr == nil:
				before, _, _ := strings.Cut(slots, "ok")
				if revs != 2 || !strings.Contains(slots, "ok") || strings.Count(before, "wrong") >= lockoutAfter {
					t.Errorf("the right password saved (%d revisions) without one of the five slots: %s", revs, slots)
				}
			case errors.As(rightErr, &le):
				if revs != 1 || strings.Contains(slots, "ok") || checked != lockoutAfter {
					t.Errorf("refused as locked, yet %d revisions, %d verified and slots %s", revs, checked, slots)
				}
			default:
				t.Fatalf("the right password: err = %v", rightErr)
			}
			t.Logf("right password: %v; slots: %s", rightErr, slots)
		})
	}
}

// held starts a save with password on s and holds it after it took its slot, until
// release is called; wait returns its result.
func held(t *testing.T, s *Store, password string) (release func(), wait func() error) {
	t.Helper()
	return heldAttempt(t, s, func() error { _, err := s.Save(fullDoc(), 1, password, ""); return err })
}

// heldAttempt starts attempt on s and holds it after it took its slot, until release is
// called; wait returns its result.
func heldAttempt(t *testing.T, s *Store, attempt func() error) (release func(), wait func() error) {
	t.Helper()
	in, out := make(chan struct{}), make(chan struct{})
	s.beforeVerify = func() {
		in <- struct{}{}
		<-out
	}
	done := make(chan error, 1)
	go func() { done <- attempt() }()
	select {
	case <-in:
	case err := <-done:
		t.Fatalf("the attempt did not get a slot: %v", err)
	}
	return func() { close(out) }, func() error { return <-done }
}

// waiting starts attempt on s and returns once it waits for attempts being verified
// (it neither took a slot nor was refused); wait returns its result.
func waiting(t *testing.T, s *Store, attempt func() error) (wait func() error) {
	t.Helper()
	in := make(chan struct{}, 1)
	s.whileInFlight = func() {
		select {
		case in <- struct{}{}:
		default:
		}
	}
	done := make(chan error, 1)
	go func() { done <- attempt() }()
	select {
	case <-in:
	case err := <-done:
		t.Fatalf("the attempt did not wait for those being verified: %v", err)
	}
	return func() error { return <-done }
}

// TestLockoutCountsAttemptsInFlight: five attempts still being verified hold back a
// sixth, even with the right password, before any of the five is known to be wrong; once
// they are wrong, it is refused as locked, its password never looked at.
func TestLockoutCountsAttemptsInFlight(t *testing.T) {
	_, path := newStore(t, nil)
	var releases []func()
	var waits []func() error
	for i := range lockoutAfter {
		r, w := held(t, openTest(t, path, nil), fmt.Sprintf("wrong password %d", i))
		releases, waits = append(releases, r), append(waits, w)
	}
	sixth := openTest(t, path, nil)
	result := waiting(t, sixth, func() error { _, err := sixth.Save(fullDoc(), 1, testPassword, ""); return err })
	for i := range releases {
		releases[i]()
		if err := waits[i](); !errors.Is(err, model.ErrWrongPassword) {
			t.Errorf("attempt %d: err = %v, want ErrWrongPassword", i, err)
		}
	}
	var le *model.LockedError
	if err := result(); !errors.As(err, &le) {
		t.Fatalf("sixth attempt after five wrong ones: err = %v, want *LockedError", err)
	}
	if checked, locked := countVerified(t, path); checked != lockoutAfter || locked != 1 {
		t.Errorf("%d verified and %d locked, want %d and 1", checked, locked, lockoutAfter)
	}
}

// TestLockoutWaitsForRightPasswords: six admins saving at once with the right password
// all get through: the sixth waits while the five before it are verified, instead of
// being told to wait 30 s for failures that never happen.
func TestLockoutWaitsForRightPasswords(t *testing.T) {
	_, path := newStore(t, nil)
	var releases []func()
	var waits []func() error
	for range lockoutAfter {
		s := openTest(t, path, nil)
		r, w := heldAttempt(t, s, func() error { return s.authenticate(kindSave, testPassword, "") })
		releases, waits = append(releases, r), append(waits, w)
	}
	sixth := openTest(t, path, nil)
	result := waiting(t, sixth, func() error { return sixth.authenticate(kindSave, testPassword, "") })
	for i := range releases {
		releases[i]()
		if err := waits[i](); err != nil {
			t.Errorf("attempt %d: %v", i, err)
		}
	}
	if err := result(); err != nil {
		t.Fatalf("the sixth right password: %v", err)
	}
	if checked, locked := countVerified(t, path); checked != lockoutAfter+1 || locked != 0 {
		t.Errorf("%d verified and %d locked, want %d and none", checked, locked, lockoutAfter+1)
	}
	if f := authState(t, path); f != 0 {
		t.Errorf("failures = %d after six right passwords, want 0", f)
	}
}

// TestLockoutSuccessRacingFailures: a success forgives the failures that took their slot
// before it, not those that came after it while it was being verified.
func TestLockoutSuccessRacingFailures(t *testing.T) {
	_, path := newStore(t, nil)
	wrong := func() error { _, err := openTest(t, path, nil).Save(fullDoc(), 1, "wrong password!", ""); return err }
	if err := wrong(); !errors.Is(err, model.ErrWrongPassword) { // slot 1, forgiven below
		t.Fatal(err)
	}
	release, wait := held(t, openTest(t, path, nil), testPassword) // slot 2
	for range 3 {                                                  // slots 3, 4, 5
		if err := wrong(); !errors.Is(err, model.ErrWrongPassword) {
			t.Fatal(err)
		}
	}
	release()
	if err := wait(); err != nil {
		t.Fatalf("the right password: %v", err)
	}
	if f := authState(t, path); f != 3 {
		t.Fatalf("after the success: %d failures counted, want the 3 that came after it", f)
	}
	if err := wrong(); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatal(err)
	}
	if err := wrong(); !errors.Is(err, model.ErrWrongPassword) { // the fifth in a row after the success
		t.Fatal(err)
	}
	var le *model.LockedError
	if err := wrong(); !errors.As(err, &le) || le.Failures != lockoutAfter {
		t.Fatalf("err = %v, want locked after %d failures", err, lockoutAfter)
	}
}

// TestLockoutCrashWhileVerifying: an attempt whose process dies between taking its slot
// and recording the result stays counted as a failure and logged as "verifying".
func TestLockoutCrashWhileVerifying(t *testing.T) {
	s, path := newStore(t, nil)
	if _, err := s.takeSlot(kindSave, false, true); err != nil { // and never finish
		t.Fatal(err)
	}
	if f := authState(t, path); f != 1 {
		t.Errorf("failures = %d after an unfinished attempt, want 1", f)
	}
	if o := queryString(t, rawDB(t, path), "SELECT outcome FROM auth_log ORDER BY id DESC LIMIT 1"); o != outcomeVerifying {
		t.Errorf("outcome %q, want %q", o, outcomeVerifying)
	}
}

// attemptChildEnv, when set to a database path, makes the test binary one of the
// processes of TestLockoutParallelProcesses: it opens the store, says "ready", waits for
// a line on stdin and makes one attempt with a wrong password.
const attemptChildEnv = "IDVSET_TEST_ATTEMPT_CHILD"

// attemptBarrierEnv names a directory where the children meet, as the barrier type does
// in one process: a child that reaches the password check writes a file there and waits
// until each of the attemptChildrenEnv children has written one (on reaching the check or
// on returning without reaching it).
const (
	attemptBarrierEnv  = "IDVSET_TEST_ATTEMPT_BARRIER"
	attemptChildrenEnv = "IDVSET_TEST_ATTEMPT_CHILDREN"
)

// childParams cost a few milliseconds, as cheap as the barrier allows.
var childParams = &argonParams{Memory: 4 * 1024, Time: 1, Threads: 1}

func attemptChild(path string) {
	dir := os.Getenv(attemptBarrierEnv)
	n, _ := strconv.Atoi(os.Getenv(attemptChildrenEnv))
	arrive := func(what string) {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s.%d", what, os.Getpid())), nil, 0o600); err != nil {
			panic(err)
		}
	}
	s, err := Open(path, Options{Author: "child", params: childParams, NoCreate: true})
	if err != nil {
		fmt.Println(err)
		os.Exit(3)
	}
	reached := false
	s.whileInFlight = func() { // in, unheld: it goes on once those being verified are settled
		if !reached {
			reached = true
			arrive("waiting")
		}
	}
	s.beforeVerify = func() {
		if reached {
			return
		}
		reached = true
		arrive("reached")
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if entries, _ := os.ReadDir(dir); len(entries) >= n {
				return
			}
		}
		panic("the other children never arrived")
	}
	fmt.Println("ready")
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		os.Exit(3)
	}
	_, err = s.Save(fullDoc(), 1, fmt.Sprintf("wrong password %d", os.Getpid()), "")
	if !reached {
		arrive("returned")
	}
	fmt.Println(err)
	s.Close()
}

func TestLockoutParallelProcesses(t *testing.T) {
	const n = 20
	_, path := newStore(t, nil)
	type child struct {
		cmd   *exec.Cmd
		stdin io.WriteCloser
		out   *bufio.Scanner
	}
	children := make([]child, n)
	barrier := t.TempDir()
	for i := range children {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), attemptChildEnv+"="+path, attemptBarrierEnv+"="+barrier, attemptChildrenEnv+"="+strconv.Itoa(n))
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		children[i] = child{cmd, stdin, bufio.NewScanner(stdout)}
	}
	for i, c := range children {
		if !c.out.Scan() || c.out.Text() != "ready" {
			t.Fatalf("child %d: %q", i, c.out.Text())
		}
	}
	for _, c := range children { // go, all at once
		c.stdin.Write([]byte("go\n"))
	}
	results := map[string]int{}
	for _, c := range children {
		c.out.Scan()
		r := c.out.Text()
		if strings.HasPrefix(r, "locked after") {
			r = "locked"
		}
		results[r]++
		c.cmd.Wait()
	}
	checked, locked := countVerified(t, path)
	t.Logf("%d processes at once: %d verified, %d refused as locked; results %v", n, checked, locked, results)
	if checked > lockoutAfter || checked+locked != n {
		t.Errorf("%d verified and %d locked of %d, want at most %d verified", checked, locked, n, lockoutAfter)
	}
	if results[model.ErrWrongPassword.Error()] != checked || results["locked"] != locked {
		t.Errorf("results %v disagree with auth_log", results)
	}
}
