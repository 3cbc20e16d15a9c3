package model

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeDocDir makes a directory with the two test images and a document naming them.
func writeDocDir(t *testing.T, doc string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"logo.png", "logo.jpg"} {
		b, err := os.ReadFile(filepath.Join("testdata", "images", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "img", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "settings.json")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const refDoc = `{"branding": {"default": {"headerImage": {"file": "img/./logo.png"}},
  "locales": {"de_de": {"errorImage": {"file": "img/logo.jpg"}}, "fr": {"successImage": {"file": "img/logo.png"}}}}}`

// An offline document keeps its image files: written back, each image that still has the
// bytes its file named stays a reference (cleaned), while the output is otherwise
// Encode's canonical form; written again, it is byte-identical.
func TestEncodeWithImageFilesKeepsReferences(t *testing.T) {
	path := writeDocDir(t, refDoc)
	f, err := ReadDocumentFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.ImageFiles) != 3 || f.ImageFiles["branding.locales.de-DE.errorImage"].Name != "img/logo.jpg" ||
		f.ImageFiles["branding.default.headerImage"].Name != "img/logo.png" {
		t.Fatalf("image files %+v", f.ImageFiles)
	}
	if f.Settings.Branding.Default.HeaderImage.Data == nil {
		t.Fatal("the referenced image was not read")
	}
	out := EncodeWithImageFiles(f.Settings, f.ImageFiles)
	for _, want := range []string{`"headerImage": {
        "file": "img/logo.png"
      }`, `"errorImage": {
          "file": "img/logo.jpg"
        }`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), `"data"`) {
		t.Errorf("an unchanged image was inlined:\n%s", out)
	}
	// The output reads back to the same settings and writes the same bytes.
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	again, err := ReadDocumentFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if out2 := EncodeWithImageFiles(again.Settings, again.ImageFiles); !bytes.Equal(out, out2) {
		t.Fatalf("not stable:\n%s\n---\n%s", out, out2)
	}
	if !bytes.Equal(Encode(again.Settings), Encode(f.Settings)) {
		t.Fatal("the references changed the settings")
	}
}

// An image the editor replaced is written inline; one moved to another slot keeps the
// file that named its bytes.
func TestEncodeWithImageFilesInlinesChangedImages(t *testing.T) {
	path := writeDocDir(t, refDoc)
	f, err := ReadDocumentFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := f.Settings.Clone()
	jpg := s.Branding.Locales["de-DE"].ErrorImage
	s.Branding.Default.HeaderImage = jpg // the JPEG, now also in the default scope
	fr := s.Branding.Locales["fr"]
	fr.SuccessImage = NewImage(append([]byte(nil), jpg.Data...)) // same bytes, new image value
	s.Branding.Locales["fr"] = fr
	gif, err := os.ReadFile(filepath.Join("testdata", "images", "logo.gif"))
	if err != nil {
		t.Fatal(err)
	}
	de := s.Branding.Locales["de-DE"]
	de.ErrorImage = NewImage(gif)
	s.Branding.Locales["de-DE"] = de

	out := string(EncodeWithImageFiles(s, f.ImageFiles))
	if n := strings.Count(out, `"file": "img/logo.jpg"`); n != 2 {
		t.Errorf("want the JPEG as a reference twice, got %d:\n%s", n, out)
	}
	if strings.Contains(out, "logo.png") {
		t.Errorf("the PNG is no longer used, yet named:\n%s", out)
	}
	if n := strings.Count(out, `"data"`); n != 1 {
		t.Errorf("want the new image inline (1 data field), got %d:\n%s", n, out)
	}
}

// Without references EncodeWithImageFiles is Encode.
func TestEncodeWithImageFilesWithoutFiles(t *testing.T) {
	s := Default()
	s.Branding.Default.HeaderImage = NewImage(mustRead(t, filepath.Join("testdata", "images", "logo.png")))
	if !bytes.Equal(EncodeWithImageFiles(s, nil), Encode(s)) {
		t.Fatal("differs from Encode")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
