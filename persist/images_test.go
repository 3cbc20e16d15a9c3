package persist

import (
	"bytes"
	"testing"

	"idvset/model"
)

// A revision is loaded without reading its images' bytes (a store keeps them once, by
// hash): each image comes with the media type and size recorded when it was saved, and
// its bytes are read when a preview, an export or a save needs them, the same bytes.
func TestHeadReadsImageBytesOnlyWhenNeeded(t *testing.T) {
	c := newClock()
	s, path := newStore(t, c)
	doc := fullDoc()
	if _, err := s.Save(doc, 1, testPassword, ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openTest(t, path, c)
	_, head, err := s.Head()
	if err != nil {
		t.Fatal(err)
	}
	img, want := head.Branding.Default.HeaderImage, doc.Branding.Default.HeaderImage
	if !img.Stored() || img.Data != nil {
		t.Fatalf("the head's image was read at load: stored %v, %d bytes of Data", img.Stored(), len(img.Data))
	}
	if img.MediaType != want.MediaType || img.Width != want.Width || img.Height != want.Height || img.Size() != len(want.Data) {
		t.Fatalf("stored image %s %d×%d, %d bytes; want %s %d×%d, %d bytes",
			img.MediaType, img.Width, img.Height, img.Size(), want.MediaType, want.Width, want.Height, len(want.Data))
	}
	if head.Branding.Locales["de"].HeaderImage != img {
		t.Error("an image used twice is read as two images")
	}
	if data, err := img.Bytes(); err != nil || !bytes.Equal(data, want.Data) {
		t.Fatalf("Bytes = %d bytes, %v; want the saved %d", len(data), err, len(want.Data))
	}
	mustEqualDoc(t, head, doc) // the export, byte for byte

	// Saving on top of it keeps the images without being handed their bytes again.
	next := head.Clone()
	next.Branding.Default.PrimaryColor = "#000000"
	next.Branding.Locales["de"] = model.BrandScope{SuccessImage: head.Branding.Locales["de"].SuccessImage}
	rev, err := s.Save(next, 2, testPassword, "")
	if err != nil {
		t.Fatalf("saving a revision of stored images: %v", err)
	}
	if got, err := s.Revision(rev); err != nil {
		t.Fatal(err)
	} else {
		mustEqualDoc(t, got, next)
	}
	if n := queryInt(t, rawDB(t, path), "SELECT count(*) FROM images"); n != 2 {
		t.Errorf("%d images stored, want the same 2", n)
	}

	// Carried into another database, a stored image brings its bytes along.
	other, _ := newStore(t, c)
	if _, err := other.Save(next, 1, testPassword, ""); err != nil {
		t.Fatalf("saving another store's images: %v", err)
	}
	_, copied, err := other.Head()
	if err != nil {
		t.Fatal(err)
	}
	mustEqualDoc(t, copied, next)
}
