package persist

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// wantFile checks path's content and permissions and that it is a regular file.
func wantFile(t *testing.T, path, content string, perm fs.FileMode) {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm() != perm {
		t.Errorf("%s: mode %v, want a regular file %v", path, fi.Mode(), perm)
	}
	if got, _ := os.ReadFile(path); string(got) != content {
		t.Errorf("%s holds %q, want %q", path, got, content)
	}
}

// onlyEntries fails unless dir holds exactly names: no temporary file left behind.
func onlyEntries(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

func TestWriteOutputRegular(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := WriteOutput(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	wantFile(t, path, "new", 0o600)

	// An existing file readable by others is replaced by a private one.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteOutput(path, []byte("second")); err != nil {
		t.Fatal(err)
	}
	wantFile(t, path, "second", 0o600)
	onlyEntries(t, dir, "out.json")
}

func TestWriteOutputSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.Mkdir(real, 0o700); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(real, "settings.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A chain: latest.json → real/link.json → settings.json (relative links, resolved
	// from the directory each one is in).
	if err := os.Symlink("settings.json", filepath.Join(real, "link.json")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.json")
	if err := os.Symlink("real/link.json", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteOutput(link, []byte("exported")); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{link, filepath.Join(real, "link.json")} {
		if fi, err := os.Lstat(l); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link: %v %v", l, fi.Mode(), err)
		}
	}
	wantFile(t, target, "exported", 0o600)
	onlyEntries(t, dir, "latest.json", "real")
	onlyEntries(t, real, "link.json", "settings.json")

	// A dangling link: its target is created, as `>` would.
	dangling := filepath.Join(dir, "next.json")
	if err := os.Symlink("real/new.json", dangling); err != nil {
		t.Fatal(err)
	}
	if err := WriteOutput(dangling, []byte("fresh")); err != nil {
		t.Fatal(err)
	}
	wantFile(t, filepath.Join(real, "new.json"), "fresh", 0o600)

	// A loop is refused, naming the path given.
	loop := filepath.Join(dir, "loop")
	os.Symlink("loop", loop)
	err := WriteOutput(loop, []byte("x"))
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != loop || !errors.Is(err, syscall.ELOOP) {
		t.Errorf("link loop: err = %v, want ELOOP naming %s", err, loop)
	}
}

func TestWriteOutputFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o640); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo) // blocks until the writer opens its end
		if err != nil {
			got <- err.Error()
			return
		}
		data, _ := io.ReadAll(f)
		f.Close()
		got <- string(data)
	}()
	if err := WriteOutput(fifo, []byte("through the pipe")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(fifo)
	if err != nil || fi.Mode()&fs.ModeNamedPipe == 0 || fi.Mode().Perm() != 0o640 {
		// The reader may wait forever on the replaced FIFO: do not wait for it.
		t.Fatalf("after writing: %v %v, want the FIFO with mode 0640", fi.Mode(), err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("the reader got %q", s)
	}
	onlyEntries(t, dir, "pipe")
}

// TestWriteOutputDevNull writes to a null device. As root it makes its own node (1, 3)
// in a temporary directory rather than risk the system's /dev/null should WriteOutput
// ever break; others use /dev/null, which they cannot replace.
func TestWriteOutputDevNull(t *testing.T) {
	devNull := filepath.Join(t.TempDir(), "null")
	if err := syscall.Mknod(devNull, syscall.S_IFCHR|0o666, 1<<8|3 /* Linux makedev(1, 3) */); err != nil {
		if os.Geteuid() == 0 {
			t.Skipf("mknod: %v", err)
		}
		devNull = "/dev/null"
	}
	before, err := os.Stat(devNull)
	if err != nil {
		t.Skip(err)
	}
	if f, err := os.OpenFile(devNull, os.O_WRONLY, 0); err != nil {
		t.Skipf("%s is not writable here: %v", devNull, err)
	} else {
		f.Close()
	}
	if err := WriteOutput(devNull, []byte("discarded")); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(devNull)
	if err != nil || after.Mode() != before.Mode() || after.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("%s: mode %v after writing (was %v), %v", devNull, after.Mode(), before.Mode(), err)
	}
	// Through a link too: the device is written, not replaced.
	link := filepath.Join(t.TempDir(), "out.json")
	os.Symlink(devNull, link)
	if err := WriteOutput(link, []byte("discarded")); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(devNull); after.Mode() != before.Mode() {
		t.Errorf("%s: mode %v after writing through a link", devNull, after.Mode())
	}
}

func TestWriteOutputRefusals(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		path string
		want error
	}{
		{dir, syscall.EISDIR},
		{filepath.Join(dir, "missing", "out.json"), fs.ErrNotExist},
	} {
		err := WriteOutput(tc.path, []byte("x"))
		var pe *fs.PathError
		if !errors.Is(err, tc.want) || !errors.As(err, &pe) || pe.Path != tc.path {
			t.Errorf("%s: err = %v, want %v naming the path", tc.path, err, tc.want)
		}
	}
	onlyEntries(t, dir)
}
