package persist

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// maxLinks is how many symbolic links WriteOutput follows, as Linux does (ELOOP).
const maxLinks = 40

// WriteOutput writes data to path the way `> path` in a shell would, but never leaves a
// half-written file or a file others can read. It writes exports (`idvset export -o`)
// and will write the documents the editor saves (`idvset edit FILE`).
//
//   - No file yet, or a regular file: data goes to a temporary file in the same
//     directory, synced and renamed over path, so a reader sees the old content or the
//     new, never a mix, and a crash leaves the old file. The file gets mode 0600: a
//     document describes a customer's setup.
//   - A symbolic link: followed, through any chain of links, to its target, which is
//     written as above (created when missing); the link stays a link.
//   - A character device (/dev/null, a terminal) or a FIFO: opened for writing and
//     truncated as the shell does, keeping the node and its mode.
//   - A directory, a socket or a block device: refused (a document written over a disk
//     is never what was meant).
//
// Errors are *fs.PathError values naming path, not the temporary file.
func WriteOutput(path string, data []byte) error {
	fail := func(err error) error {
		if err == nil {
			return nil
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &fs.PathError{Op: "write", Path: path, Err: err}
	}
	target, fi, err := resolveLinks(path)
	if err != nil {
		return fail(err)
	}
	switch mode := modeOf(fi); {
	case fi == nil || mode.IsRegular():
		return fail(replaceFile(target, data))
	case mode&(fs.ModeCharDevice|fs.ModeNamedPipe) != 0:
		return fail(writeStream(target, data))
	case mode.IsDir():
		return fail(syscall.EISDIR)
	default:
		return fail(fmt.Errorf("not a regular file, character device or FIFO (%v): refusing to write over it", mode.Type()))
	}
}

func modeOf(fi fs.FileInfo) fs.FileMode {
	if fi == nil {
		return 0
	}
	return fi.Mode()
}

// resolveLinks follows path through symbolic links to what they point at. fi is nil
// when that does not exist yet (a dangling link is written through, as the shell does).
func resolveLinks(path string) (string, fs.FileInfo, error) {
	for range maxLinks {
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil, nil
		}
		if err != nil {
			return "", nil, err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return path, fi, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", nil, err
		}
		if !filepath.IsAbs(link) {
			// Relative to the link's directory, as the kernel resolves it (that
			// directory itself resolved, so ".." in the link means what it means there).
			dir, err := filepath.EvalSymlinks(filepath.Dir(path))
			if err != nil {
				return "", nil, err
			}
			link = filepath.Join(dir, link)
		}
		path = link
	}
	return "", nil, syscall.ELOOP
}

// replaceFile writes data to a temporary file next to path and renames it over path.
func replaceFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*") // mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // fails harmlessly after the rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	// The rename is durable once the directory is synced; a failure here leaves a good
	// file, so it is not reported.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// writeStream writes data to a device or FIFO as `> path` does.
func writeStream(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
