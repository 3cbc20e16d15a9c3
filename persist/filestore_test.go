package persist

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"idvset/model"
)

// withCallback returns s with a callback URL set.
func withCallback(s model.Settings, url string) model.Settings {
	s = s.Clone()
	s.General.CallbackURL = url
	return s
}

// A missing file starts from the defaults and is created, canonical and 0600, by the
// first save.
func TestFileStoreNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.json")
	s, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.FileExists() {
		t.Fatal("a missing file exists")
	}
	gen, doc, err := s.Head()
	if err != nil || gen != 1 || len(model.Diff(model.Default(), doc)) != 0 {
		t.Fatalf("Head = %d, %v, changes %v; want generation 1 with the defaults", gen, err, model.Diff(model.Default(), doc))
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("opening created the file: %v", err)
	}
	edited := withCallback(doc, "https://example.com/cb")
	gen, err = s.Save(edited, 1, "", "")
	if err != nil || gen != 2 {
		t.Fatalf("Save = %d, %v", gen, err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, model.Encode(edited)) {
		t.Fatalf("not the canonical document:\n%s", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
	}
	if !s.FileExists() {
		t.Fatal("the saved file does not exist")
	}
}

// A canonical file round-trips byte-identically: saving it unchanged is refused as
// nothing to save (and writes nothing); an edit writes the canonical bytes; the edit
// undone writes back the very bytes the file had.
func TestFileStoreRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "settings.json")
	original := model.Encode(exampleSettings(t))
	if err := os.WriteFile(path, original, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gen, doc, err := s.Head()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Save(doc, gen, "", ""); !errors.Is(err, model.ErrNothingToSave) {
		t.Fatalf("unchanged save: %v, want ErrNothingToSave", err)
	}
	edited := withCallback(doc, "https://example.com/edited")
	if gen, err = s.Save(edited, gen, "", ""); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, model.Encode(edited)) {
		t.Fatalf("the edit is not written canonically:\n%s", got)
	}
	if _, err := s.Save(doc, gen, "", ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
		t.Fatalf("undoing the edit does not give the original bytes back:\n%s", got)
	}
}

// Image files stay references through a save (the offline preparer's images stay beside
// the document), and a changed image file is a change on disk.
func TestFileStoreKeepsImageFiles(t *testing.T) {
	dir := t.TempDir()
	logo, err := os.ReadFile(filepath.Join("..", "model", "testdata", "images", "logo.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "logo.png"), logo, 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "settings.json")
	if err := os.WriteFile(path, []byte(`{"branding": {"default": {"headerImage": {"file": "logo.png"}}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gen, doc, _ := s.Head()
	if gen, err = s.Save(withCallback(doc, "https://example.com/a"), gen, "", ""); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if !strings.Contains(string(got), `"file": "logo.png"`) || strings.Contains(string(got), `"data"`) {
		t.Fatalf("the image reference was not kept:\n%s", got)
	}
	// Someone replaces the logo: the document now means another image.
	jpg, _ := os.ReadFile(filepath.Join("..", "model", "testdata", "images", "logo.jpg"))
	if err := os.WriteFile(filepath.Join(dir, "logo.png"), jpg, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = s.Save(withCallback(doc, "https://example.com/b"), gen, "", "")
	var conflict *model.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("save after the image changed: %v, want a conflict", err)
	}
}

// A file changed on disk since it was read is a conflict: nothing is written, Head then
// reads the new content, and a save based on it succeeds.
func TestFileStoreConflict(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.json")
	if err := os.WriteFile(path, model.Encode(model.Default()), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gen, doc, _ := s.Head()
	theirs := model.Encode(withCallback(doc, "https://example.com/theirs"))
	if err := os.WriteFile(path, theirs, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = s.Save(withCallback(doc, "https://example.com/mine"), gen, "", "")
	var conflict *model.ConflictError
	if !errors.As(err, &conflict) || conflict.Base != 1 || conflict.Head != 2 {
		t.Fatalf("Save = %v, want a conflict of generation 1 against 2", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, theirs) {
		t.Fatal("the conflicting save wrote the file")
	}
	// A stale base stays a conflict.
	if _, err := s.Save(withCallback(doc, "https://example.com/mine"), 1, "", ""); !errors.As(err, &conflict) {
		t.Fatalf("stale base: %v", err)
	}
	gen, head, err := s.Head()
	if err != nil || gen != 2 || head.General.CallbackURL != "https://example.com/theirs" {
		t.Fatalf("Head = %d %q %v", gen, head.General.CallbackURL, err)
	}
	head.General.SuccessURL = "https://example.com/ok"
	if _, err := s.Save(head, gen, "", ""); err != nil {
		t.Fatal(err)
	}
}

// A document that breaks a rule opens (the editor shows why) but is not saved while it
// does; one that does not parse is refused with the path of the mistake.
func TestFileStoreInvalid(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"general": {"callbackUrl": "https://example.com:8443/cb"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := OpenFile(bad)
	if err != nil {
		t.Fatalf("a document breaking a rule does not open: %v", err)
	}
	gen, doc, _ := s.Head()
	if vs := model.Validate(doc, model.Context{}); !vs.HasErrors() {
		t.Fatal("no violation to show")
	}
	doc.General.SuccessURL = "https://example.com/ok"
	var vs model.Violations
	if _, err := s.Save(doc, gen, "", ""); !errors.As(err, &vs) || vs.At("general.callbackUrl") == nil {
		t.Fatalf("Save = %v, want the callback URL's violation", err)
	}

	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte(`{"general": {"tokenLifetimeMinutes": "thirty"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = OpenFile(broken)
	if !errors.As(err, &vs) || vs.At("general.tokenLifetimeMinutes") == nil {
		t.Fatalf("OpenFile = %v, want a violation at general.tokenLifetimeMinutes", err)
	}
	if _, err := OpenFile(filepath.Join(dir, "missing-dir", "x.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a missing directory: %v", err)
	}
}

// A save into a directory that cannot be written fails with the file system's error,
// leaves the file as it was, and can be retried once the directory is writable. Root
// ignores permissions, so as root the check runs in a child process as nobody.
func TestFileStoreReadOnlyDirectory(t *testing.T) {
	if dir, ok := childArg(t); ok {
		checkReadOnlySave(t, dir, false)
		return
	}
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "locked")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "settings.json")
	if err := os.WriteFile(path, model.Encode(model.Default()), 0o644); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		checkReadOnlySave(t, dir, true)
		return
	}
	os.Chmod(dir, 0o555)
	runAsNobody(t, tmp, dir)
}

func checkReadOnlySave(t *testing.T, dir string, canUnlock bool) {
	path := filepath.Join(dir, "settings.json")
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gen, doc, _ := s.Head()
	edited := withCallback(doc, "https://example.com/cb")
	_, err = s.Save(edited, gen, "", "")
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != path || !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("Save = %v, want a permission error naming %s", err, path)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("the file changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("left files behind: %v", entries)
	}
	if !canUnlock {
		return
	}
	os.Chmod(dir, 0o755)
	if _, err := s.Save(edited, gen, "", ""); err != nil {
		t.Fatalf("retry after the directory became writable: %v", err)
	}
}

// A symbolic link is followed and stays a link.
func TestFileStoreFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.json")
	if err := os.WriteFile(target, model.Encode(model.Default()), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	s, err := OpenFile(link)
	if err != nil {
		t.Fatal(err)
	}
	gen, doc, _ := s.Head()
	if _, err := s.Save(withCallback(doc, "https://example.com/l"), gen, "", ""); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatal("the link was replaced")
	}
	if got, _ := os.ReadFile(target); !strings.Contains(string(got), "https://example.com/l") {
		t.Fatal("the target was not written")
	}
}

// exampleSettings is a valid document with something set in every section.
func exampleSettings(t *testing.T) model.Settings {
	t.Helper()
	s, err := model.Decode([]byte(`{
  "general": {"callbackUrl": "https://example.com/cb", "ownedDomains": ["example.com"], "tokenLifetimeMinutes": 45},
  "client": {"captureMethod": "upload_only", "defaultLanguage": "de", "domainPrefix": "acme"},
  "branding": {"default": {"primaryColor": "#112233"}, "locales": {"fr": {"secondaryColor": "#abcdef"}}},
  "acceptedIds": {"mode": "country", "countries": {"DEU": ["PASSPORT", "ID_CARD"], "FRA": ["PASSPORT"]}},
  "dataSettings": {"retention": {"purgeAfterDays": 90}},
  "documents": [{"code": "UTILBILL", "name": "Utility bill", "label": "Utility bill", "translations": {"de": "Nebenkostenabrechnung"}}]
}`), model.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if vs := model.Validate(s, model.Context{}); vs.HasErrors() {
		t.Fatalf("the example breaks rules: %v", vs)
	}
	return s
}
