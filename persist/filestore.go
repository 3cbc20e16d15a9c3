package persist

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"idvset/model"
)

// FileStore is a settings document file (JSON, PRODUCT.md §4) opened as the editor's
// store, for `idvset edit FILE`: the same panes, rules, undo and review as on the
// database, with saving writing the file instead of a revision. It lives in persist
// because it is storage (reading, conflict detection, atomic writes) and shares
// WriteOutput with `export -o`; it needs no SQLite.
//
// A file is not the portal: saving asks for no password (SavesWithoutPassword), keeps no
// history and no security state (the editor's History and Security panes get nil and say
// so). `idvset import FILE` is how its content reaches the database.
//
// Revisions here are generations of the file: 1 as opened, one more each time the store
// writes it or finds that someone else changed it. A save names the generation it was
// based on, so a change on disk since then (the document or an image file it names,
// compared by SHA-256 when saving) is refused as a *model.ConflictError, never silently
// overwritten; the editor then offers to reload the file or to re-apply its changes on
// top of it. Between that check and the rename of the new file there is a window of a
// few system calls in which another writer's change would be lost: there is no file
// locking that every editor of a JSON file honours.
//
// It is safe for concurrent use.
type FileStore struct {
	path string
	cat  *model.Catalog

	mu  sync.Mutex
	gen int
	cur docState
}

// docState is the document as last read or written.
type docState struct {
	exists bool
	sum    [32]byte // model.DocumentFile.Sum; zero when the file does not exist
	doc    model.Settings
	files  model.ImageFiles
}

// OpenFile opens the settings document at path. A file that does not exist starts from
// the defaults (model.Default) and is created by the first save; its directory must
// exist. A document that cannot be read is refused: model.Violations for its mistakes
// (each with its path in the document), or the *fs.PathError of the file.
//
// Rules that the document breaks but that do not stop it being read (a port in a
// callback URL) are not refused here: the editor opens it and shows them.
func OpenFile(path string) (*FileStore, error) {
	if dir := filepath.Dir(path); dir != "" {
		fi, err := os.Stat(dir)
		switch {
		case err != nil:
			return nil, err
		case !fi.IsDir():
			return nil, &fs.PathError{Op: "open", Path: dir, Err: errors.New("not a directory")}
		}
	}
	cur, err := readFileState(path)
	if err != nil {
		return nil, err
	}
	return &FileStore{path: path, cat: model.DefaultCatalog(), gen: 1, cur: cur}, nil
}

// readFileState reads the document at path, or the defaults when there is none.
func readFileState(path string) (docState, error) {
	f, err := model.ReadDocumentFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return docState{doc: model.Default()}, nil
	case err != nil:
		return docState{}, err
	}
	return docState{exists: true, sum: f.Sum(), doc: f.Settings, files: f.ImageFiles}, nil
}

// Path is the document's path, as given.
func (s *FileStore) Path() string { return s.path }

// FileExists reports whether the document existed when opened or last saved: a new
// file starts from the defaults. (It also tells the editor that it edits a file.)
func (s *FileStore) FileExists() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur.exists
}

// SavesWithoutPassword is true: a file is not the portal (see FileStore).
func (s *FileStore) SavesWithoutPassword() bool { return true }

// NeedsPassword is false: a file has no password to set.
func (s *FileStore) NeedsPassword() (bool, error) { return false, nil }

// errNoPassword refuses SetPassword.
var errNoPassword = errors.New("a settings file has no password: the database's is set with idvset init")

// SetPassword is refused: a file has no password.
func (s *FileStore) SetPassword(string) error { return errNoPassword }

// Head reads the file again and returns its generation and settings: a change on disk
// since the last read or write counts as a new generation. A file that can no longer be
// read is an error (the editor keeps its draft); one that was deleted reads as the
// defaults.
func (s *FileStore) Head() (int, model.Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refresh(); err != nil {
		return 0, model.Settings{}, err
	}
	return s.gen, s.cur.doc.Clone(), nil
}

// refresh reads the file and starts a new generation when it changed.
func (s *FileStore) refresh() error {
	cur, err := readFileState(s.path)
	if err != nil {
		return err
	}
	if cur.exists != s.cur.exists || cur.sum != s.cur.sum {
		s.gen++
		s.cur = cur
	}
	return nil
}

// UsedCodes returns the codes of the document's custom document types: a document is
// never deleted, so its codes are the ones ever used, as far as a file can tell (with
// no revision: a file has none).
func (s *FileStore) UsedCodes() ([]model.UsedCode, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.usedCodes(), nil
}

// usedCodes are the codes of the file as last read or written. Called with mu held.
func (s *FileStore) usedCodes() []model.UsedCode {
	codes := make([]model.UsedCode, 0, len(s.cur.doc.Documents))
	for _, d := range s.cur.doc.Documents {
		codes = append(codes, model.UsedCode{Code: d.Code})
	}
	return codes
}

// Catalog is the embedded default catalog: a file carries none.
func (s *FileStore) Catalog() (*model.Catalog, error) { return s.cat, nil }

// Save writes doc to the file, canonically (model.EncodeWithImageFiles: images the
// document gave as files stay references when their bytes are unchanged; other images
// are inline), atomically and with mode 0600 (WriteOutput: a symbolic link is followed
// and stays a link). password and otp are ignored.
//
// It refuses, writing nothing: a *model.ConflictError when base is not the current
// generation or the file (or an image file it names) changed on disk since; model
// Violations when doc breaks a rule (model.Validate with the catalog and the file's
// codes); model.ErrNothingToSave when doc equals the file; a document over
// model.MaxDocumentBytes (its inline images would make it unreadable); and any error of
// the file system, such as a read-only directory, as the *fs.PathError naming the file.
func (s *FileStore) Save(doc model.Settings, base int, _, _ string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if base != s.gen {
		return 0, &model.ConflictError{Base: base, Head: s.gen}
	}
	before := s.gen
	if err := s.refresh(); err != nil {
		return 0, fmt.Errorf("%s changed on disk and cannot be read any more (nothing was written): %w", s.path, err)
	}
	if s.gen != before {
		return 0, &model.ConflictError{Base: base, Head: s.gen}
	}
	if s.cur.exists && len(model.Diff(s.cur.doc, doc)) == 0 {
		return 0, model.ErrNothingToSave
	}
	if vs := model.Validate(doc, model.Context{Catalog: s.cat, UsedCodes: s.usedCodes()}).Errors(); len(vs) > 0 {
		return 0, vs
	}
	data := model.EncodeWithImageFiles(doc, s.cur.files)
	if len(data) > model.MaxDocumentBytes {
		return 0, fmt.Errorf("the document would be %d bytes, over the %d-byte limit of a settings document: give large images as \"file\" references (an image file beside %s, named in the document as {\"file\": \"logo.png\"})",
			len(data), model.MaxDocumentBytes, filepath.Base(s.path))
	}
	if err := WriteOutput(s.path, data); err != nil {
		return 0, err
	}
	// Read back what was written: the new generation's sum covers the image files its
	// references name, exactly as the next comparison will read them.
	cur, err := readFileState(s.path)
	if err != nil {
		return 0, fmt.Errorf("%s was written but does not read back: %w", s.path, err)
	}
	s.gen++
	s.cur = cur
	return s.gen, nil
}
