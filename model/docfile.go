package model

import (
	"crypto/sha256"
	"path/filepath"
	"slices"
)

// A settings document kept as a file (`idvset edit FILE`) may name its images as files
// beside it ({"file": "img/logo.png"}). Writing such a document back canonically keeps
// those references instead of inlining the images as base64: the person preparing it
// keeps editing img/logo.png with their own tools, the document stays small enough to
// read in a diff, and a set of large images that would not fit in MaxDocumentBytes inline
// still fits. An image the editor changed is written inline: the editor has its bytes,
// not a file the document could name.

// ImageFile is one image a document gave as a "file" reference.
type ImageFile struct {
	// Name is the reference, cleaned, with forward slashes ("img/logo.png").
	Name string
	// SHA256 is the lower-case hex SHA-256 of the bytes the file held when the document
	// was read.
	SHA256 string
}

// ImageFiles are a document's "file" image references by the image's path in the
// document ("branding.default.headerImage", "branding.locales.de.errorImage").
type ImageFiles map[string]ImageFile

// DocumentFile is a settings document read from a file: its settings, the bytes read
// (a store compares them to notice a change on disk), and its image references.
type DocumentFile struct {
	Settings   Settings
	Data       []byte
	ImageFiles ImageFiles
}

// Sum is the SHA-256 of the document's bytes and of every image file it named, as
// they were read: it changes when the document file or one of its images changes.
func (f DocumentFile) Sum() [32]byte {
	h := sha256.New()
	h.Write(f.Data)
	paths := make([]string, 0, len(f.ImageFiles))
	for p := range f.ImageFiles {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		ref := f.ImageFiles[p]
		h.Write([]byte("\x00" + p + "\x00" + ref.Name + "\x00" + ref.SHA256))
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// ReadDocumentFile reads and decodes a settings document file as DecodeFile does, and
// also returns the bytes it read and the images it gave as "file" references.
func ReadDocumentFile(path string) (DocumentFile, error) {
	data, err := readDocumentFile(path)
	if err != nil {
		return DocumentFile{}, err
	}
	s, files, err := decode(data, DecodeOptions{BaseDir: filepath.Dir(path)})
	if err != nil {
		return DocumentFile{}, err
	}
	return DocumentFile{Settings: s, Data: data, ImageFiles: files}, nil
}

// EncodeWithImageFiles is Encode, except that an image whose bytes are those a "file"
// reference of files named (at its own path in the document, else at any path) is
// written as that reference, {"file": "img/logo.png"}, rather than inline. The output
// is canonical (sorted keys, stable order); a document read with ReadDocumentFile and
// written back unchanged gives Encode's bytes with its references kept.
func EncodeWithImageFiles(s Settings, files ImageFiles) []byte {
	s = canonical(s)
	e := encoder{withData: true, files: files}
	return append(writeJSON(nil, e.document(s), 0), '\n')
}

// recordImageFile notes that the image at path was given as the file name, whose bytes
// src holds (nil when they could not be read: reported already).
func (d *decoder) recordImageFile(path, name string, src *imageSource) {
	if src == nil {
		return
	}
	if d.imageFiles == nil {
		d.imageFiles = ImageFiles{}
	}
	d.imageFiles[path] = ImageFile{Name: filepath.ToSlash(filepath.Clean(filepath.FromSlash(name))), SHA256: src.sum}
}

// reference returns the file reference to write for img at path: the one read at that
// path when the bytes are still the same, else the first (by name) that named the same
// bytes elsewhere. Images without bytes at hand are never references.
func (files ImageFiles) reference(path string, img *Image) (string, bool) {
	if len(files) == 0 || img.Data == nil {
		return "", false
	}
	if f, ok := files[path]; ok && f.SHA256 == img.SHA256 {
		return f.Name, true
	}
	name := ""
	for _, f := range files {
		if f.SHA256 == img.SHA256 && (name == "" || f.Name < name) {
			name = f.Name
		}
	}
	return name, name != ""
}
