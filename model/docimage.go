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
)

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
// and MediaType (unless given), Width and Height come from CheckImage when the bytes are
// a valid image. A given sha256 or mediaType that does not match the bytes is kept as
// given, so that Validate reports the mismatch instead of it being papered over.
func (d *decoder) image(n *jsonNode, path string) *Image {
	img := &Image{}
	errsBefore := len(d.errs)
	var data, file string
	var hasData, hasFile, hasType, hasSHA bool
	ok := d.fields(n, path, imageKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "mediaType":
			d.str(v, p, &img.MediaType)
			hasType = true
		case "sha256":
			d.str(v, p, &img.SHA256)
			hasSHA = true
		case "data":
			d.str(v, p, &data)
			hasData = v.kind == jsonString
		case "file":
			d.str(v, p, &file)
			hasFile = v.kind == jsonString
		default:
			return false
		}
		return true
	})
	switch {
	case !ok || len(d.errs) > errsBefore: // reported already; say nothing more about it
		return nil
	case hasData && hasFile:
		d.fail(path, `give either "data" or "file", not both`)
		return nil
	case hasData:
		b, err := base64.StdEncoding.DecodeString(data)
		if err != nil {
			d.fail(path+".data", "not valid base64 (standard alphabet, with padding): %v", err)
			return nil
		}
		img.Data = append([]byte{}, b...) // never nil: nil means "bytes kept elsewhere"
	case hasFile:
		b, ok := d.readFile(file, path+".file")
		if !ok {
			return nil
		}
		img.Data = b
	case !hasSHA:
		d.fail(path, `an image needs "data" (base64) or "file" (a path relative to the document)`)
		return nil
	default:
		return img // bytes kept elsewhere, by hash
	}
	if !hasSHA {
		img.SHA256 = sha256Hex(img.Data)
	}
	if mt, w, h, err := CheckImage(img.Data); err == nil {
		if !hasType {
			img.MediaType = mt
		}
		img.Width, img.Height = w, h
	}
	return img
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// NewImage makes an image of the given bytes: SHA256 computed, and MediaType, Width and
// Height filled by CheckImage when the bytes are a valid image (left empty otherwise, for
// Validate to report). The editor uses it for a picked file, a store for bytes it kept.
func NewImage(data []byte) *Image {
	img := &Image{Data: data, SHA256: sha256Hex(data)}
	if mt, w, h, err := CheckImage(data); err == nil {
		img.MediaType, img.Width, img.Height = mt, w, h
	}
	return img
}

// readFile reads an image file named relative to DecodeOptions.BaseDir. Absolute paths
// and paths that leave the directory (also through symbolic links: os.Root) are refused,
// so a document can only pull in files that sit beside it.
func (d *decoder) readFile(name, path string) ([]byte, bool) {
	q := quoteCut(name, 200)
	local := filepath.FromSlash(name)
	switch {
	case d.opt.BaseDir == "":
		d.fail(path, `image files cannot be read here: give the image as "data" (base64)`)
		return nil, false
	case name == "":
		d.fail(path, "empty file name")
		return nil, false
	case filepath.IsAbs(local) || strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`):
		d.fail(path, "absolute path %s not allowed: give a path relative to the document's directory", q)
		return nil, false
	case !filepath.IsLocal(local):
		d.fail(path, "path %s leaves the document's directory", q)
		return nil, false
	}
	if d.files == nil {
		d.files = &fileReader{}
		d.files.root, d.files.err = os.OpenRoot(d.opt.BaseDir)
	}
	if d.files.err != nil {
		d.fail(path, "cannot open the document's directory: %v", d.files.err)
		return nil, false
	}
	f, err := d.files.root.Open(local)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			d.fail(path, "image file %s not found", q)
		} else {
			d.fail(path, "cannot read image file %s: %v", q, unwrapPathError(err))
		}
		return nil, false
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxImageBytes+1))
	if err != nil {
		d.fail(path, "cannot read image file %s: %v", q, unwrapPathError(err))
		return nil, false
	}
	if len(b) > MaxImageBytes {
		d.fail(path, "image file %s is larger than the 5 MiB limit (%d bytes)", q, MaxImageBytes)
		return nil, false
	}
	return b, true
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
