package model

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// memImages is a store's table of images, counting its reads.
type memImages struct {
	data  map[string][]byte
	reads int
}

func (m *memImages) load(sha string) ([]byte, error) {
	m.reads++
	d, ok := m.data[sha]
	if !ok {
		return nil, errors.New("no such image")
	}
	return d, nil
}

// stored keeps data in the table and returns it as a store would load it.
func (m *memImages) stored(t testing.TB, data []byte) *Image {
	t.Helper()
	fresh := NewImage(data)
	if m.data == nil {
		m.data = map[string][]byte{}
	}
	m.data[fresh.SHA256] = data
	return StoredImage(fresh.MediaType, fresh.SHA256, fresh.Width, fresh.Height, len(data), m.load)
}

// Loading a stored revision costs neither reading nor decoding its images: Validate
// trusts what the store recorded when it saved them, and their bytes are read once,
// when first needed.
func TestStoredImagesAreNeitherReadNorDecodedByValidate(t *testing.T) {
	var table memImages
	data := testPNG(t, 40, 20)
	s := Default()
	img := table.stored(t, data)
	s.Branding.Default.HeaderImage = img
	s.Branding.Locales = map[string]BrandScope{"de": {SuccessImage: img}}
	imageMemo.Lock()
	clear(imageMemo.m) // forget NewImage's verdict: a new process knows none
	imageMemo.Unlock()

	if n := decodesDuring(func() {
		if vs := Validate(s, Context{}); vs.HasErrors() {
			t.Fatalf("a stored image is refused: %v", vs)
		}
	}); n != 0 {
		t.Errorf("Validate decoded %d stored images, want 0", n)
	}
	if table.reads != 0 {
		t.Errorf("Validate read %d images' bytes, want 0", table.reads)
	}
	if img.Data != nil || img.Size() != len(data) || img.Width != 40 || img.Height != 20 {
		t.Errorf("stored image: %d bytes of Data, size %d, %d×%d", len(img.Data), img.Size(), img.Width, img.Height)
	}

	// The export has the bytes, read once for both uses of the image.
	doc := Encode(s)
	if table.reads != 1 {
		t.Errorf("Encode read the image %d times, want 1", table.reads)
	}
	want := s.Clone()
	fresh := NewImage(data)
	want.Branding.Default.HeaderImage = fresh
	want.Branding.Locales = map[string]BrandScope{"de": {SuccessImage: fresh}}
	if !bytes.Equal(doc, Encode(want)) {
		t.Errorf("the export of stored images differs from that of the same images in memory")
	}
}

// An image brought in from a document (or a file) is judged by its bytes, however the
// rest of the document came: a bad one is refused.
func TestBadImageFromDocumentStillRefused(t *testing.T) {
	var table memImages
	s := Default()
	s.Branding.Default.HeaderImage = table.stored(t, testPNG(t, 8, 8))
	truncated := readTestdata(t, "images/truncated.png")
	s.Branding.Locales = map[string]BrandScope{"fr": {ErrorImage: NewImage(truncated)}}
	// The media type and size a document may claim do not make it a stored image.
	claimed := *NewImage(truncated)
	claimed.MediaType, claimed.Width, claimed.Height = "image/png", 8, 8
	s.Branding.Locales["it"] = BrandScope{HeaderImage: &claimed}
	vs := Validate(s, Context{}).Errors()
	var paths []string
	for _, v := range vs {
		paths = append(paths, v.Path)
	}
	if got := strings.Join(paths, " "); got != "branding.locales.fr.errorImage branding.locales.it.headerImage" {
		t.Fatalf("errors at %q, want the two images from the document: %v", got, vs)
	}
}

// A store whose bytes no longer hash to the image's SHA-256 does not pass them off as
// the image: Bytes and LoadImages refuse them, naming the path, and Encode leaves them
// out rather than exporting other bytes.
func TestStoredImageBytesMustMatchTheirHash(t *testing.T) {
	var table memImages
	s := Default()
	img := table.stored(t, testPNG(t, 8, 8))
	s.Branding.Locales = map[string]BrandScope{"de": {HeaderImage: img}}
	table.data[img.SHA256] = testPNG(t, 9, 9)
	if _, err := img.Bytes(); err == nil || !strings.Contains(err.Error(), "do not match their sha256") {
		t.Fatalf("Bytes of damaged bytes: %v", err)
	}
	err := LoadImages(s)
	if err == nil || !strings.HasPrefix(err.Error(), "branding.locales.de.headerImage: ") {
		t.Fatalf("LoadImages = %v, want the path of the damaged image", err)
	}
	if bytes.Contains(Encode(s), []byte(`"data"`)) {
		t.Fatal("Encode wrote bytes that are not the image's")
	}
	// A failed read is not remembered: once the store answers right, the bytes come.
	good := testPNG(t, 8, 8)
	table.data[img.SHA256] = good
	if data, err := img.Bytes(); err != nil || !bytes.Equal(data, good) {
		t.Fatalf("Bytes after the store recovered: %d bytes, %v", len(data), err)
	}
}
