package model

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ReadImageFile reads a branding image from a file someone named (the editor's image
// fields). It refuses, with a sentence that says why, anything but a regular file (a
// directory, a named pipe, a device: each checked on the file opened, so nothing can be
// swapped in between, and a pipe never blocks the read), a file over MaxImageBytes (from
// its size, before reading), and bytes CheckImage refuses: not PNG or JPEG by content,
// damaged, or too costly to decode. Reading a file is I/O: call it from a tea.Cmd, never
// while drawing.
func ReadImageFile(path string) (*Image, error) {
	if path == "" {
		return nil, errors.New("no file named")
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fileError(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, fileError(err)
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s, not an image file", fileKind(fi.Mode()))
	case fi.Size() > MaxImageBytes:
		return nil, fmt.Errorf("larger than the 5 MiB limit (%s bytes)", groupThousands(int(fi.Size())))
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxImageBytes+1))
	if err != nil {
		return nil, fileError(err)
	}
	if len(data) > MaxImageBytes { // it grew while being read
		return nil, fmt.Errorf("larger than the 5 MiB limit (more than %s bytes)", groupThousands(MaxImageBytes))
	}
	// The verdict is remembered (imageMemo), so validating the draft that holds the
	// image does not decode it again.
	sum := sha256.Sum256(data)
	if err := imageMemo.full(sum, data).verdict(); err != nil {
		return nil, err
	}
	return NewImage(data), nil
}

// DecodeImage decodes the pixels of image bytes for a preview, once CheckImage has
// accepted them: so an image is decoded only when its size and cost are known to be
// bounded. Like ReadImageFile, call it from a tea.Cmd.
func DecodeImage(data []byte) (image.Image, error) {
	info := imageMemo.full(sha256.Sum256(data), data)
	if err := info.verdict(); err != nil {
		return nil, err
	}
	if info.mediaType == mediaPNG {
		return png.Decode(bytes.NewReader(data))
	}
	return jpeg.Decode(bytes.NewReader(data))
}

// verdict is CheckImage's error for the bytes the info is about, nil when they are an
// image that decodes.
func (info imageInfo) verdict() error {
	if info.headerErr != nil {
		return info.headerErr
	}
	return info.err
}

// fileError says why a file could not be read, without the operation and path of the
// *PathError: the editor shows the path beside it already.
func fileError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	case errors.Is(err, syscall.EISDIR):
		return errors.New("a directory, not an image file")
	}
	return unwrapPathError(err)
}
