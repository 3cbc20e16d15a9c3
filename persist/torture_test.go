package persist

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"idvset/model"
)

// The torture tests try hard to lose a save: kills in the middle of saves
// (TestCrashDuringSaves), writers racing on one file (TestConcurrentWriters), a disk
// that fills up during a save (TestFullDiskDuringSave). `make test` runs each small, in
// a few seconds; `make torture` (IDVSET_TORTURE=1) runs them at full size. Each prints a
// "figures:" line.

// tortureEnv, set to 1, runs the torture tests at full size.
const tortureEnv = "IDVSET_TORTURE"

// The sizes, each settable on its own.
const (
	writerSavesEnv    = "IDVSET_WRITER_SAVES"     // saves per writer (8 writers)
	fullDiskLevelsEnv = "IDVSET_FULL_DISK_LEVELS" // saves tried on a nearly full disk
	// injectEnv, set to 1, makes TestFullDiskDuringSave use the file size limit even
	// where a tmpfs can be mounted: what runs on a machine that may not mount.
	injectEnv = "IDVSET_FULL_DISK_INJECT"
)

// tortureSize is the number in the variable env when it is set, else full under make
// torture, else small.
func tortureSize(t *testing.T, env string, small, full int) int {
	t.Helper()
	if v := os.Getenv(env); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a number ≥ 1", env, v)
		}
		return n
	}
	if os.Getenv(tortureEnv) == "1" {
		return full
	}
	return small
}

// checkConsistent opens the database at path as the next command would and fails t
// unless it passes PRAGMA integrity_check, its revisions are numbered 1..head without a
// gap and each was saved on the one before (base = number - 1: no save overwrote
// another), the normalised tables hold the head revision, and every stored image belongs
// to a revision (a save cut short adds none). It returns the head.
func checkConsistent(t *testing.T, path, when string) (int, model.Settings) {
	t.Helper()
	s, err := Open(path, Options{Author: "checker", params: testParams, NoCreate: true})
	if err != nil {
		t.Fatalf("%s: the database does not open: %v", when, err)
	}
	defer s.Close()
	var check string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("%s: integrity_check = %q, %v", when, check, err)
	}
	rev, head, err := s.Head()
	if err == nil {
		err = model.LoadImages(head) // the store closes on return
	}
	if err != nil {
		t.Fatalf("%s: head: %v", when, err)
	}
	var shape string
	s.db.QueryRow(`SELECT count(*) || '/' || min(number) || '/' || max(number) || '/' ||
		(SELECT count(*) FROM revisions WHERE base <> number - 1) FROM revisions`).Scan(&shape)
	if want := fmt.Sprintf("%d/1/%d/0", rev, rev); shape != want {
		t.Fatalf("%s: revisions count/min/max/bases-not-previous = %s, want %s", when, shape, want)
	}
	var callback, deu, header string
	s.db.QueryRow("SELECT callback_url FROM general").Scan(&callback)
	s.db.QueryRow("SELECT coalesce(group_concat(id_type, ','), '') FROM (SELECT id_type FROM accepted_country_types WHERE country = 'DEU' ORDER BY id_type)").Scan(&deu)
	s.db.QueryRow("SELECT coalesce(max(value), '') FROM branding WHERE scope = 'default' AND field = ?", string(model.HeaderImage)).Scan(&header)
	var wantDEU []string
	for _, ty := range head.AcceptedIDs.Countries["DEU"] {
		wantDEU = append(wantDEU, string(ty))
	}
	slices.Sort(wantDEU)
	wantHeader := ""
	if img := head.Branding.Default.HeaderImage; img != nil {
		wantHeader = img.SHA256
	}
	if callback != head.General.CallbackURL || deu != strings.Join(wantDEU, ",") || header != wantHeader {
		t.Fatalf("%s: the tables (callback %q, DEU %q, header image %q) are not head revision %d's (%q, %q, %q)",
			when, callback, deu, header, rev, head.General.CallbackURL, strings.Join(wantDEU, ","), wantHeader)
	}
	// Every revision reads back (its chain of deltas is whole), and every image belongs
	// to one of them. Reading each revision by itself costs its whole chain, which after
	// every kill of make torture made the check quadratic; one pass down from the head
	// applies each delta once, and the revisions a save rewrites (the head, the one
	// before it, the chain up to the nearest keyframe) are read as the store reads them.
	var all []byte
	var newer []byte
	for n := rev; n >= 1; n-- {
		var deltaOf sql.NullInt64
		var packed []byte
		if err := s.db.QueryRow("SELECT delta_of, packed FROM revisions WHERE number = ?", n).Scan(&deltaOf, &packed); err != nil {
			t.Fatalf("%s: revision %d: %v", when, n, err)
		}
		var doc []byte
		switch {
		case !deltaOf.Valid:
			doc, err = inflate(packed, maxPackedBytes)
		case deltaOf.Int64 == int64(n+1) && newer != nil:
			doc, err = applyDelta(newer, packed)
		default:
			err = fmt.Errorf("stored as changes from revision %d", deltaOf.Int64)
		}
		if err == nil && n > rev-keyframeEvery-1 {
			var byStore []byte
			if byStore, err = document(t.Context(), s.db, n); err == nil && !bytes.Equal(byStore, doc) {
				err = errors.New("read by itself, it differs from the pass down from the head")
			}
		}
		if err != nil {
			t.Fatalf("%s: revision %d: %v", when, n, err)
		}
		all = append(all, doc...)
		newer = doc
	}
	rows, err := s.db.Query("SELECT sha256 FROM images")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var sum string
		if err := rows.Scan(&sum); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(all, []byte(sum)) {
			t.Fatalf("%s: stored image %s belongs to no revision", when, sum)
		}
	}
	return rev, head
}

// writerDomain is what writer w's k-th save adds to general.ownedDomains.
func writerDomain(w, k int) string { return fmt.Sprintf("w%dk%d.example.com", w, k) }

// runWriter makes n saves on its own connection to path, each adding its domain to
// ownedDomains on top of the head; a save refused as a conflict is re-applied on the new
// head, as the editor offers. Any other refusal ends it: neither "database is locked" nor
// a lockout (no password is wrong; an attempt waits for those being verified) may reach
// a user. It returns how many conflicts it re-applied.
func runWriter(path string, w, n int) (conflicts int, err error) {
	s, err := Open(path, Options{Author: fmt.Sprintf("writer %d", w), params: testParams, NoCreate: true})
	if err != nil {
		return 0, err
	}
	defer s.Close()
	for k := range n {
		for {
			rev, head, err := s.Head()
			if err != nil {
				return conflicts, fmt.Errorf("save %d: reading the head: %w", k, err)
			}
			doc := head.Clone()
			doc.General.OwnedDomains = append(doc.General.OwnedDomains, writerDomain(w, k))
			_, err = s.Save(doc, rev, testPassword, "")
			var ce *model.ConflictError
			if errors.As(err, &ce) {
				conflicts++
				continue
			}
			if err != nil {
				return conflicts, fmt.Errorf("save %d: %w", k, err)
			}
			break
		}
	}
	return conflicts, nil
}

var writerResult = regexp.MustCompile(`writer (\d+): conflicts=(\d+)`)

// TestConcurrentWriters: 8 writers on separate connections (separate processes under
// make torture) make 10 saves each (100 under make torture), re-applying on conflict.
// Every save is there, in a revision of its own on top of the one before, the head holds
// all of them, and no writer met any error but a conflict.
func TestConcurrentWriters(t *testing.T) {
	if arg, ok := childArg(t); ok { // one writer process: "path|w|saves|start"
		parts := strings.Split(arg, "|")
		w, _ := strconv.Atoi(parts[1])
		n, _ := strconv.Atoi(parts[2])
		start, _ := strconv.ParseInt(parts[3], 10, 64)
		time.Sleep(time.Until(time.Unix(0, start)))
		conflicts, err := runWriter(parts[0], w, n)
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
		t.Logf("writer %d: conflicts=%d", w, conflicts)
		return
	}
	const writers = 8
	saves := tortureSize(t, writerSavesEnv, 10, 100)
	processes := os.Getenv(tortureEnv) == "1"
	_, path := newStore(t, nil)
	conflicts := make([]int, writers)
	errs := make([]error, writers)
	start := time.Now()
	var wg sync.WaitGroup
	if processes {
		// Each process starts saving at the same moment, once all have started.
		at := strconv.FormatInt(time.Now().Add(2*time.Second).UnixNano(), 10)
		for w := range writers {
			cmd := childCmd(t, os.Args[0], fmt.Sprintf("%s|%d|%d|%s", path, w, saves, at), nil)
			wg.Go(func() {
				out, err := cmd.CombinedOutput()
				m := writerResult.FindSubmatch(out)
				if err != nil || m == nil {
					errs[w] = fmt.Errorf("%v\n%s", err, out)
					return
				}
				conflicts[w], _ = strconv.Atoi(string(m[2]))
			})
		}
	} else {
		for w := range writers {
			wg.Go(func() { conflicts[w], errs[w] = runWriter(path, w, saves) })
		}
	}
	wg.Wait()
	elapsed := time.Since(start)
	for w, err := range errs {
		if err != nil {
			t.Errorf("writer %d: %v", w, err)
		}
	}
	if t.Failed() {
		return
	}
	rev, head := checkConsistent(t, path, "after the writers")
	if want := 1 + writers*saves; rev != want {
		t.Errorf("head revision %d, want %d: saves were lost", rev, want)
	}
	got := map[string]bool{}
	for _, d := range head.General.OwnedDomains {
		got[d] = true
	}
	for w := range writers {
		for k := range saves {
			if !got[writerDomain(w, k)] {
				t.Errorf("the head lacks %s: writer %d's save %d was lost", writerDomain(w, k), w, k)
			}
		}
	}
	total := 0
	for _, c := range conflicts {
		total += c
	}
	how := "goroutines, one connection each"
	if processes {
		how = "processes"
		elapsed -= 2 * time.Second // the wait for every process to start
	}
	t.Logf("figures: %d writers (%s) × %d saves = %d saves in %v, %.0f saves/s; %d conflicts re-applied; no other error reached a writer",
		writers, how, saves, writers*saves, elapsed.Round(time.Millisecond), float64(writers*saves)/elapsed.Seconds(), total)
}

// TestFullDiskDuringSave saves on a disk filled to leave a little less, then a little
// more, room than a save needs: a save that does not fit is refused as a full disk (with
// what to do), and once space is freed the database opens and is consistent, its head
// the last save that fitted, nothing of the refused one in it. On a 16 MiB tmpfs mounted
// in a mount namespace of its own (as TestFullDisk); where that is not allowed, a file
// size limit makes the writes fail instead (an injected write error).
func TestFullDiskDuringSave(t *testing.T) {
	if mode, ok := childArg(t); ok {
		fullDiskSaves(t, mode)
		return
	}
	if os.Getenv(injectEnv) == "1" {
		runChild(t, os.Args[0], "rlimit", nil)
		return
	}
	if why, skipped := tryChild(t, os.Args[0], "tmpfs", &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}); skipped {
		t.Logf("no tmpfs here (%s): file size limits instead", why)
		runChild(t, os.Args[0], "rlimit", nil)
	}
}

// fullDiskSaves is the child of TestFullDiskDuringSave: mode "tmpfs" or "rlimit".
func fullDiskSaves(t *testing.T, mode string) {
	levels := tortureSize(t, fullDiskLevelsEnv, 8, 80)
	dir := t.TempDir()
	if mode == "tmpfs" {
		dir = tmpfs(t, "16m")
	}
	path := filepath.Join(dir, "settings.db")
	s, err := Open(path, Options{Author: "tester", params: testParams})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetPassword(testPassword); err != nil {
		t.Fatal(err)
	}
	doc := fullDoc()
	head, err := s.Save(doc, 1, testPassword, "")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	// A save writes its image (~45 kB of noise), the tables and the revision to the WAL:
	// the room left runs from none to twice that.
	const most = 400 << 10
	refused, saved, openRefused := 0, 0, 0
	start := time.Now()
	// No time passes between tries: a save the disk refused is not a failed password
	// attempt, so however many are refused none meets the lockout.
	clk := newClock()
	for i := range levels {
		room := int64(i) * most / int64(max(levels-1, 1))
		when := fmt.Sprintf("save %d with %d bytes of room (%s)", i, room, mode)
		undo := limitRoom(t, mode, dir, path, room)
		s, err := Open(path, Options{Author: "tester", params: testParams, NoCreate: true, Now: clk.Now})
		if err != nil {
			storageRefusal(t, mode, err, when+": open")
			openRefused++
		} else {
			next := doc.Clone()
			next.General.CallbackURL = fmt.Sprintf("https://hooks.example.com/save/%d", i)
			next.Branding.Default.HeaderImage = randomImage(t, 120, 120)
			rev, err := s.Save(next, head, testPassword, "")
			if err != nil {
				storageRefusal(t, mode, err, when)
				refused++
			} else {
				head, doc = rev, next
				saved++
			}
			s.Close()
		}
		undo()
		rev, got := checkConsistent(t, path, when)
		if rev != head {
			t.Fatalf("%s: head revision %d, want %d", when, rev, head)
		}
		mustEqualDoc(t, got, doc)
	}
	refusal := "a full disk"
	if mode == "rlimit" {
		refusal = "an I/O error (EFBIG)"
	}
	t.Logf("figures: %d saves with %d–%d kB of room (%s) in %v: %d refused as %s, %d opens refused, %d saved; consistent after each",
		levels, 0, most>>10, mode, time.Since(start).Round(time.Millisecond), refused, refusal, openRefused, saved)
	if refused+openRefused == 0 {
		t.Error("no save met a full disk")
	}
}

// TestFullDiskThenRightPassword: saves refused for a full disk, space freed, then a save
// with the right password goes through. Found by TestFullDiskDuringSave under make
// torture: each refused save had taken its lockout slot (a failure, counted before the
// password is checked) and could not record its success, so after five the right
// password was locked out. Now finish records the outcome again without the save, and
// when even that cannot be written (the disk filled to the last byte while the password
// was being checked), the store records it before its next attempt.
func TestFullDiskThenRightPassword(t *testing.T) {
	if _, ok := childArg(t); !ok {
		runChild(t, os.Args[0], "tmpfs", &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS})
		return
	}
	dir := tmpfs(t, "16m")
	path := filepath.Join(dir, "settings.db")
	s, err := Open(path, Options{Author: "tester", params: testParams})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SetPassword(testPassword); err != nil {
		t.Fatal(err)
	}
	doc := fullDoc()
	save := func(when string) {
		next := doc.Clone()
		next.Branding.Default.HeaderImage = randomImage(t, 120, 120)
		_, err := s.Save(next, 1, testPassword, "")
		storageRefusal(t, "tmpfs", err, when)
	}
	for i := range 5 {
		// Room for the attempt's slot, not for the save (a full disk refuses the slot too).
		filler := fillLeaving(t, dir, int64(i+1)*12<<10)
		save(fmt.Sprintf("save %d on a nearly full disk", i))
		os.Remove(filler)
	}
	// Full to the last byte once the slot is taken: not even the outcome can be written.
	var filler string
	s.beforeVerify = func() { filler = fillLeaving(t, dir, 0) }
	for i := range 5 {
		save(fmt.Sprintf("save %d on a disk filled while the password was checked", i))
		os.Remove(filler)
	}
	s.beforeVerify = nil
	start := time.Now()
	if _, err := s.Save(doc, 1, testPassword, ""); err != nil {
		t.Fatalf("the right password, with room again, after %v: %v", time.Since(start).Round(time.Millisecond), err)
	}
	var verifying, failures int
	if err := s.db.QueryRow("SELECT count(*) FROM auth_log WHERE outcome = ?", outcomeVerifying).Scan(&verifying); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow("SELECT failures FROM auth_state").Scan(&failures); err != nil {
		t.Fatal(err)
	}
	if verifying != 0 || failures != 0 {
		t.Errorf("after the save: %d attempts left as being verified, %d failures counted; want 0 and 0", verifying, failures)
	}
}

// limitRoom leaves about room bytes for the database to grow: by filling the tmpfs, or
// by a file size limit on this process. The returned function gives the space back.
func limitRoom(t *testing.T, mode, dir, path string, room int64) func() {
	t.Helper()
	if mode == "tmpfs" {
		filler := fillLeaving(t, dir, room)
		return func() { os.Remove(filler) }
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	// A save writes its pages to the -wal file from its start (the -shm file takes 32
	// kB); the database file itself is written at the checkpoint, which SQLite may leave
	// for later. Only the soft limit: it can be raised again. Go ignores SIGXFSZ, so
	// writes past it fail with EFBIG.
	lim := old
	lim.Cur = uint64(32<<10 + room)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Skipf("setrlimit: %v", err)
	}
	return func() {
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
			t.Fatal(err)
		}
	}
}

// storageRefusal fails t unless err is the refusal of a storage failure: a full disk on
// the tmpfs, an I/O error under a file size limit, worded on one line with what to do
// and without a word of damage (as notDamaged).
func storageRefusal(t *testing.T, mode string, err error, when string) {
	t.Helper()
	want, advice := ErrDiskFull, "free some space and try again"
	if mode == "rlimit" {
		want, advice = ErrIO, "check the device and try again"
	}
	msg := err.Error()
	damage := errors.Is(err, ErrDamaged) || strings.Contains(msg, "damaged database") || strings.Contains(msg, "backup")
	if !errors.Is(err, want) || !strings.Contains(msg, advice) || strings.Contains(msg, "\n") || damage {
		t.Fatalf("%s: %v; want %v with %q", when, err, want, advice)
	}
}
