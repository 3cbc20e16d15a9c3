package persist

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/mattn/go-sqlite3"

	"idvset/model"
)

// A full disk, a directory we may not write to and a device error are failures of the
// file system, not damage: the messages say what to do, never "restore it from a backup".

func TestStorageProblem(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want error
	}{
		{sqlite3.Error{Code: sqlite3.ErrFull}, ErrDiskFull},
		{sqlite3.Error{Code: sqlite3.ErrIoErr, SystemErrno: syscall.ENOSPC}, ErrDiskFull},
		{sqlite3.Error{Code: sqlite3.ErrIoErr, SystemErrno: syscall.EDQUOT}, ErrDiskFull},
		{sqlite3.Error{Code: sqlite3.ErrCantOpen, SystemErrno: syscall.ENOENT}, ErrNoAccess},
		{sqlite3.Error{Code: sqlite3.ErrReadonly}, ErrNoAccess},
		{sqlite3.Error{Code: sqlite3.ErrIoErr, SystemErrno: syscall.EACCES}, ErrNoAccess},
		{sqlite3.Error{Code: sqlite3.ErrIoErr, SystemErrno: syscall.EIO}, ErrIO},
		{sqlite3.Error{Code: sqlite3.ErrIoErr}, ErrIO},
		{fmt.Errorf("migrating: %w", sqlite3.Error{Code: sqlite3.ErrFull}), ErrDiskFull},
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.EACCES}, ErrNoAccess},
		{&fs.PathError{Op: "mkdir", Path: "x", Err: syscall.ENOSPC}, ErrDiskFull},
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.EROFS}, ErrNoAccess},
		// Damage and everything else are not storage problems.
		{sqlite3.Error{Code: sqlite3.ErrCorrupt}, nil},
		{sqlite3.Error{Code: sqlite3.ErrNotADB}, nil},
		{sqlite3.Error{Code: sqlite3.ErrConstraint}, nil},
		{model.ErrWrongPassword, nil},
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}, nil},
	} {
		if got := storageProblem(tc.err); got != tc.want {
			t.Errorf("storageProblem(%#v) = %v, want %v", tc.err, got, tc.want)
		}
	}
	msg := storageError("/srv/idv/settings.db", sqlite3.Error{Code: sqlite3.ErrCantOpen}).Error()
	want := "/srv/idv/settings.db: permission denied (unable to open database file): check the permissions of /srv/idv and of the files in it: " +
		"SQLite needs to write settings.db-wal and settings.db-shm there, even to read (the database is not damaged)"
	if msg != want {
		t.Errorf("message\n%s\nwant\n%s", msg, want)
	}
}

// notDamaged fails unless err is the storage failure want, worded on one line with its
// advice and without a word of damage.
func notDamaged(t *testing.T, err, want error, advice string) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("err = %v, want %v", err, want)
	}
	msg := err.Error()
	if errors.Is(err, ErrDamaged) || strings.Contains(msg, "damaged database") || strings.Contains(msg, "backup") {
		t.Errorf("a storage failure reported as damage: %s", msg)
	}
	if !strings.Contains(msg, advice) || strings.Contains(msg, "\n") {
		t.Errorf("message %q: want one line containing %q", msg, advice)
	}
}

// walCopy makes, in a new directory, a database whose last saves are still in its -wal
// file and that has no -shm file: what a crash or a copy of a live database leaves.
func walCopy(t *testing.T, into string) string {
	t.Helper()
	s, path := newStore(t, nil)
	if _, err := s.commit(fullDoc(), 1, ""); err != nil {
		t.Fatal(err)
	}
	// While s is open the WAL is not folded back into the file.
	dst := filepath.Join(into, "settings.db")
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst+suffix, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// childTestEnv, set to a test's name, makes the re-executed test binary run that test as
// the child half of itself (see runChild); childArgEnv passes it a path.
const (
	childTestEnv = "IDVSET_TEST_CHILD"
	childArgEnv  = "IDVSET_TEST_CHILD_ARG"
)

// childArg returns the child's argument when this test runs as a child.
func childArg(t *testing.T) (string, bool) {
	if os.Getenv(childTestEnv) != t.Name() {
		return "", false
	}
	return os.Getenv(childArgEnv), true
}

// childCmd is the command that runs t again in a new process of bin (the test binary or
// a copy) with attr, passing arg.
func childCmd(t *testing.T, bin, arg string, attr *syscall.SysProcAttr) *exec.Cmd {
	cmd := exec.Command(bin, "-test.run=^"+t.Name()+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), childTestEnv+"="+t.Name(), childArgEnv+"="+arg)
	cmd.SysProcAttr = attr
	return cmd
}

// runChild runs t as a child (childCmd); it fails t when the child fails and skips it
// when the child skipped.
func runChild(t *testing.T, bin, arg string, attr *syscall.SysProcAttr) {
	t.Helper()
	if why, skipped := tryChild(t, bin, arg, attr); skipped {
		t.Skip(why)
	}
}

// tryChild is runChild that reports a skipped child (and why) instead of skipping t.
func tryChild(t *testing.T, bin, arg string, attr *syscall.SysProcAttr) (string, bool) {
	t.Helper()
	cmd := childCmd(t, bin, arg, attr)
	out, err := cmd.CombinedOutput()
	switch {
	case bytes.Contains(out, []byte("--- SKIP")):
		return fmt.Sprintf("child skipped:\n%s", out), true
	case err != nil && cmd.ProcessState == nil:
		return fmt.Sprintf("cannot start the child: %v", err), true
	case err != nil || !bytes.Contains(out, []byte("--- PASS")):
		t.Fatalf("child: %v\n%s", err, out)
	}
	t.Logf("child:\n%s", out)
	return "", false
}

// TestOpenUnwritableDirectory: a database with a -wal file in a directory we may not
// write to. SQLite cannot create the -shm file it needs even to read; that is a matter
// of permissions, not damage. Root ignores permissions, so as root the check runs in a
// child process as the user nobody.
func TestOpenUnwritableDirectory(t *testing.T) {
	if path, ok := childArg(t); ok {
		checkUnwritable(t, path)
		return
	}
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "locked")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := walCopy(t, dir)
	if os.Geteuid() != 0 {
		os.Chmod(dir, 0o500)
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		checkUnwritable(t, path)
		return
	}
	for _, f := range []string{dir, path, path + "-wal"} {
		if err := os.Chown(f, nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}
	os.Chmod(dir, 0o555)
	runAsNobody(t, tmp, path)
}

// nobody is the user a root test runs its child as, for permissions to count.
const nobody = 65534

// runAsNobody runs t again as nobody with arg (see runChild). nobody must reach what is
// inside tmp (t.TempDir makes private directories) and run a copy of the test binary (go
// test keeps it in a private directory too).
func runAsNobody(t *testing.T, tmp, arg string) {
	t.Helper()
	os.Chmod(tmp, 0o755)
	os.Chmod(filepath.Dir(tmp), 0o755)
	binDir, err := os.MkdirTemp("", "idvset-test-bin-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(binDir) })
	os.Chmod(binDir, 0o755)
	bin := filepath.Join(binDir, "persist.test")
	if err := copyFile(os.Args[0], bin, 0o755); err != nil {
		t.Fatal(err)
	}
	runChild(t, bin, arg, &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}})
}

func checkUnwritable(t *testing.T, path string) {
	if f, err := os.OpenFile(filepath.Join(filepath.Dir(path), "probe"), os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
		f.Close()
		t.Skip("the directory is writable after all")
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, opt := range []Options{{ReadOnly: true}, {NoCreate: true}, {}} {
		_, err := Open(path, opt)
		notDamaged(t, err, ErrNoAccess, "check the permissions of "+filepath.Dir(path))
		t.Logf("%+v: %v", opt, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the file changed")
	}
}

func copyFile(from, to string, perm fs.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// randomImage is a PNG of noise, which does not compress: w×h×3 bytes and more.
func randomImage(t *testing.T, w, h int) *model.Image {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rand.Read(img.Pix)
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 0xff
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	return &model.Image{MediaType: "image/png", SHA256: hex.EncodeToString(sum[:]), Data: buf.Bytes(), Width: w, Height: h}
}

// fill writes a file into dir until the file system is full and returns its path.
func fill(t *testing.T, dir string) string {
	t.Helper()
	return fillLeaving(t, dir, 0)
}

// fillLeaving fills the file system of dir, then gives back about free bytes (whole
// pages), and returns the filler's path.
func fillLeaving(t *testing.T, dir string, free int64) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 4096)
	size := int64(0)
	for {
		n, err := f.Write(block)
		size += int64(n)
		if err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			break
		}
	}
	if free > 0 {
		if err := f.Truncate(max(size-free, 0)); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// tmpfs mounts a tmpfs of size ("16m", as mount takes it) on a new directory and
// returns it; it is unmounted when the test ends. The test is skipped where mounting is
// not allowed. Callers run in a child process in a mount namespace of its own (runChild
// with CLONE_NEWNS), so nothing outlives them.
func tmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	os.Mkdir(dir, 0o700)
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("mount tmpfs: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, 0) })
	return dir
}

// TestFullDisk runs on a 4 MiB tmpfs, mounted by a child process in a mount namespace of
// its own (so nothing outlives it); it is skipped where mounting is not allowed.
func TestFullDisk(t *testing.T) {
	if _, ok := childArg(t); !ok {
		runChild(t, os.Args[0], "", &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS})
		return
	}
	disk := tmpfs(t, "4m")
	// Room kept for step 2, which copies a database in.
	reserve := filepath.Join(disk, "reserve")
	if err := os.WriteFile(reserve, make([]byte, 2<<20), 0o600); err != nil {
		t.Fatal(err)
	}

	// 1. Saves until the disk is full: refused as a full disk, every earlier save kept.
	s, err := Open(filepath.Join(disk, "settings.db"), Options{Author: "tester", params: testParams})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetPassword(testPassword); err != nil {
		t.Fatal(err)
	}
	doc, head := model.Default(), 1
	for {
		doc.Branding.Default.HeaderImage = randomImage(t, 120, 120)
		rev, err := s.Save(doc, head, testPassword, "")
		if err != nil {
			notDamaged(t, err, ErrDiskFull, "free some space and try again")
			t.Logf("save %d: %v", head+1, err)
			break
		}
		head = rev
	}
	s.Close()
	if head < 3 {
		t.Fatalf("only %d revisions fitted", head)
	}

	// 2. Later commands, the disk still full and the -wal file without its -shm (which
	// SQLite must create, even to read): a full disk, not damage.
	walDir := filepath.Join(disk, "wal")
	os.Mkdir(walDir, 0o700)
	os.Remove(reserve)
	walPath := walCopy(t, walDir)
	filler := fill(t, disk)
	for _, opt := range []Options{{ReadOnly: true}, {NoCreate: true}} {
		_, err := Open(walPath, opt)
		notDamaged(t, err, ErrDiskFull, "free some space and try again")
		t.Logf("%+v: %v", opt, err)
	}

	// 3. init on the full disk: refused, and no file or directory left behind.
	newDir := filepath.Join(disk, "new", "idvset")
	_, err = Create(filepath.Join(newDir, "settings.db"), testPassword, Options{params: testParams})
	notDamaged(t, err, ErrDiskFull, "free some space and try again")
	if _, err := os.Stat(filepath.Join(disk, "new")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed init left %s behind", filepath.Join(disk, "new"))
	}

	// 4. Space freed: everything saved before the disk filled up is there.
	os.Remove(filler)
	s, err = Open(filepath.Join(disk, "settings.db"), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if rev, _, err := s.Head(); err != nil || rev != head {
		t.Errorf("after freeing space: head %d, %v; want %d", rev, err, head)
	}
}

// TestCreateLeavesNothingBehind: init fails half-way (a file size limit cuts the schema
// off) and leaves neither the file nor the directories it made. The limit applies to a
// child process only (SIGXFSZ is ignored by Go programs, so writes fail with EFBIG).
func TestCreateLeavesNothingBehind(t *testing.T) {
	if dir, ok := childArg(t); ok {
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: 8192, Max: 8192}); err != nil {
			t.Skipf("setrlimit: %v", err)
		}
		path := filepath.Join(dir, "data", "idvset", "settings.db")
		_, err := Create(path, testPassword, Options{params: testParams})
		t.Logf("Create: %v", err)
		notDamaged(t, err, ErrIO, "check the device and try again")
		return
	}
	dir := t.TempDir()
	runChild(t, os.Args[0], dir, nil)
	onlyEntries(t, dir)

	// A weak password is refused before anything is made.
	_, err := Create(filepath.Join(dir, "x", "settings.db"), "short", Options{params: testParams})
	if err == nil || !strings.Contains(err.Error(), "at least 12 characters") {
		t.Errorf("weak password: %v", err)
	}
	onlyEntries(t, dir)
}

func TestStorageErrorNamesTheFailingCall(t *testing.T) {
	err := storageError("/srv/idv/settings.db", &fs.PathError{Op: "mkdir", Path: "/srv/idv", Err: syscall.EACCES})
	want := "/srv/idv/settings.db: permission denied (mkdir /srv/idv: permission denied): check the permissions of /srv/idv"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v\nwant it to start with %s", err, want)
	}
}
