package model

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// MaxDocumentImageBytes bounds the bytes of all the distinct images of one document
// (32 MiB), however they are given: inline data is bounded by MaxDocumentBytes already,
// and this keeps a document of "file" references from pulling in 120 different 5 MiB
// files. It holds six images of the 5 MiB maximum, or all 120 image slots at 270 KB.
const MaxDocumentImageBytes = 32 << 20

// image reads a branding image in one of three shapes:
//
//	{"mediaType": "image/png", "sha256": "…", "data": "<base64>"}   as Encode writes it
//	{"file": "img/logo.png"}                                      on import, read from BaseDir
//	{"mediaType": "image/png", "sha256": "…"}                       as EncodeWithoutImageData writes it
//
// The third shape leaves Data nil: it is how a store that keeps image bytes once, by
// hash, stores a revision, and the store fills Data (and Width and Height, via
// NewImage or CheckImage) from its image table after decoding.
//
// When the bytes are at hand, SHA256 is computed from them unless the document gives one,
// and MediaType (unless given), Width and Height come from the image's headers when they
// pass inspectImage's checks (the pixels are decoded by Validate, once per image). A
// given sha256 or mediaType that does not match the bytes is kept as given, so that
// Validate reports the mismatch instead of it being papered over.
func (d *decoder) image(n node, path string) *Image {
	img := &Image{}
	errsBefore := d.errs.len()
	var data, file node = -1, -1
	var hasType, hasSHA bool
	ok := d.fields(n, path, imageKeys, func(k string, v node, p string) bool {
		switch k {
		case "mediaType":
			d.str(v, p, &img.MediaType)
			hasType = true
		case "sha256":
			d.str(v, p, &img.SHA256)
			hasSHA = true
		case "data":
			if d.want(v, jsonString, p) {
				data = v
			}
		case "file":
			if d.want(v, jsonString, p) {
				file = v
			}
		default:
			return false
		}
		return true
	})
	var src *imageSource
	switch {
	case !ok || d.errs.len() > errsBefore: // reported already; say nothing more about it
		return nil
	case data >= 0 && file >= 0:
		d.fail(path, `give either "data" or "file", not both`)
		return nil
	case data >= 0:
		src = d.inlineImage(data, path+".data")
	case file >= 0:
		src = d.fileImage(d.t.str(file), path+".file")
		d.recordImageFile(path, d.t.str(file), src)
	case !hasSHA:
		d.fail(path, `an image needs "data" (base64) or "file" (a path relative to the document)`)
		return nil
	default:
		return img // bytes kept elsewhere, by hash
	}
	if src == nil {
		return nil
	}
	img.Data = src.data
	if !hasSHA {
		img.SHA256 = src.sum
	}
	if info := src.info; info.headerErr == nil {
		if !hasType {
			img.MediaType = info.mediaType
		}
		img.Width, img.Height = info.width, info.height
	}
	return img
}

// imageSource is the bytes of one distinct image of a document, with what their
// headers say.
type imageSource struct {
	data []byte
	sum  string
	info imageInfo
}

// inlineImage decodes base64 image data, refusing more than MaxImageBytes before
// decoding it.
func (d *decoder) inlineImage(n node, path string) *imageSource {
	raw := d.t.raw(n)
	if d.t.nodes[n].flag { // escapes ("\/") are allowed in JSON, if unusual in base64
		raw = unescape(raw)
	}
	if base64.StdEncoding.DecodedLen(len(raw)) > MaxImageBytes+2 {
		d.fail(path, "image larger than the 5 MiB limit (about %s bytes)", groupThousands(base64.StdEncoding.DecodedLen(len(raw))))
		return nil
	}
	b := make([]byte, base64.StdEncoding.DecodedLen(len(raw)))
	m, err := base64.StdEncoding.Decode(b, raw)
	if err != nil {
		d.fail(path, "not valid base64 (standard alphabet, with padding): %v", err)
		return nil
	}
	return d.source(b[:m:m], path)
}

// source registers the bytes of an image: an image seen before in this document (the
// same bytes) shares its first copy; a new one counts against MaxDocumentImageBytes.
func (d *decoder) source(b []byte, path string) *imageSource {
	sum := sha256.Sum256(b)
	key := string(sum[:])
	if src, ok := d.images[key]; ok {
		return src
	}
	if d.imageBytes+int64(len(b)) > MaxDocumentImageBytes {
		d.fail(path, "the distinct images of this document exceed %s in all (%s with this one)",
			sizeName(MaxDocumentImageBytes), sizeName(d.imageBytes+int64(len(b))))
		return nil
	}
	d.imageBytes += int64(len(b))
	if b == nil {
		b = []byte{} // never nil: nil Data means "bytes kept elsewhere"
	}
	src := &imageSource{data: b, sum: hex.EncodeToString(sum[:]), info: imageMemo.header(sum, b)}
	if d.images == nil {
		d.images = map[string]*imageSource{}
	}
	d.images[key] = src
	return src
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// NewImage makes an image of the given bytes: SHA256 computed, and MediaType, Width and
// Height filled by CheckImage when the bytes are a valid image (left empty otherwise, for
// Validate to report). The editor uses it for a picked file, a store for bytes it kept.
// The verdict is remembered, so validating the image later does not decode it again.
func NewImage(data []byte) *Image {
	sum := sha256.Sum256(data)
	img := &Image{Data: data, SHA256: hex.EncodeToString(sum[:])}
	if info := imageMemo.full(sum, data); info.headerErr == nil && info.err == nil {
		img.MediaType, img.Width, img.Height = info.mediaType, info.width, info.height
	}
	return img
}

// fileImage reads an image file named relative to DecodeOptions.BaseDir, once per
// document however often it is named. Absolute paths and paths that leave the directory
// (also through symbolic links: os.Root) are refused, so a document can only pull in
// files that sit beside it; so is anything but a regular file (a named pipe would block
// the read forever, a device would never end), checked on the open file.
func (d *decoder) fileImage(name, path string) *imageSource {
	q := quoteCut(name, 200)
	local := filepath.FromSlash(name)
	switch {
	case d.opt.BaseDir == "":
		d.fail(path, `image files cannot be read here: give the image as "data" (base64)`)
		return nil
	case name == "":
		d.fail(path, "empty file name")
		return nil
	case filepath.IsAbs(local) || strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`):
		d.fail(path, "absolute path %s not allowed: give a path relative to the document's directory", q)
		return nil
	case !filepath.IsLocal(local):
		d.fail(path, "path %s leaves the document's directory", q)
		return nil
	}
	key := "file:" + filepath.Clean(local)
	if src, ok := d.images[key]; ok {
		return src
	}
	b, ok := d.readFile(local, q, path)
	if !ok {
		return nil
	}
	src := d.source(b, path)
	if src != nil {
		d.images[key] = src
	}
	return src
}

// readFile reads a regular file of at most MaxImageBytes from the base directory.
func (d *decoder) readFile(local, q, path string) ([]byte, bool) {
	if d.files == nil {
		d.files = &fileReader{}
		d.files.root, d.files.err = os.OpenRoot(d.opt.BaseDir)
	}
	if d.files.err != nil {
		d.fail(path, "cannot open the document's directory: %v", unwrapPathError(d.files.err))
		return nil, false
	}
	// O_NONBLOCK: opening a named pipe must not wait for a writer; the mode is checked
	// on what was opened, so nothing can be swapped in between.
	f, err := d.files.root.OpenFile(local, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			d.fail(path, "image file %s not found", q)
		} else {
			d.fail(path, "cannot read image file %s: %v", q, unwrapPathError(err))
		}
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		d.fail(path, "cannot read image file %s: %v", q, unwrapPathError(err))
		return nil, false
	case !fi.Mode().IsRegular():
		d.fail(path, "image file %s is not a regular file (%s)", q, fileKind(fi.Mode()))
		return nil, false
	case fi.Size() > MaxImageBytes:
		d.fail(path, "image file %s is larger than the 5 MiB limit (%s bytes)", q, groupThousands(int(fi.Size())))
		return nil, false
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxImageBytes+1))
	if err != nil {
		d.fail(path, "cannot read image file %s: %v", q, unwrapPathError(err))
		return nil, false
	}
	if len(b) > MaxImageBytes { // it grew while being read
		d.fail(path, "image file %s is larger than the 5 MiB limit", q)
		return nil, false
	}
	return b, true
}

// fileKind names what a file that is not a regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a plain file"
}

// fileReader holds the base directory, opened once per Decode.
type fileReader struct {
	root *os.Root
	err  error
}

func (d *decoder) close() {
	if d.files != nil && d.files.root != nil {
		d.files.root.Close()
	}
}

// unwrapPathError drops the *PathError's operation and path: the message already names
// the file the user wrote.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
