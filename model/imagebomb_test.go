package model

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Image bombs (issue 7, point 2): the work per image is judged from its headers before
// any decode, and each distinct image of a run is decoded once.

// decodesDuring counts the full decodes fn causes.
func decodesDuring(fn func()) int64 {
	before := imageDecodes.Load()
	fn()
	return imageDecodes.Load() - before
}

func TestJPEGScanLimit(t *testing.T) {
	for _, c := range []struct {
		name  string
		data  []byte
		want  string // "" when accepted
		w, h  int
		decod int64
	}{
		{"3000 empty scans over 4096×4096 (the 30 s file)", progressiveBomb(4096, 3000),
			"JPEG has more than 100 scans: refused", 0, 0, 0},
		{"101 scans of a tiny image", progressiveBomb(64, 100), "JPEG has more than 100 scans", 0, 0, 0},
		{"100 scans of a tiny image are allowed", progressiveBomb(64, 99), "", 64, 64, 1},
		{"100 empty scans over 2048×2048 cost too much", progressiveBomb(2048, 99),
			"JPEG would take too long to decode (2048×2048 pixels, progressive in 100 scans); save it smaller or as a baseline (not progressive) JPEG", 0, 0, 0},
		{"100 scans over 1024×1024 are fine", progressiveBomb(1024, 99), "", 1024, 1024, 1},
		{"progressive 4096×4096 keeps 64 MiB of coefficients", progressiveBomb(4096, 1),
			"JPEG would need 80 MiB of memory to decode (4096×4096 pixels, progressive in 2 scans): at most 64 MiB", 0, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			var mt string
			var w, h int
			var err error
			n := decodesDuring(func() { mt, w, h, err = CheckImage(c.data) })
			if n != c.decod {
				t.Errorf("%d full decodes, want %d", n, c.decod)
			}
			if c.want == "" {
				if err != nil || mt != "image/jpeg" || w != c.w || h != c.h {
					t.Fatalf("CheckImage = %q %d×%d %v, want image/jpeg %d×%d", mt, w, h, err, c.w, c.h)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("CheckImage error %v, want %q", err, c.want)
			}
		})
	}
}

func TestPNGDecodeMemory(t *testing.T) {
	const pad = 1100 // 4096×4096 needs at least 1024 bytes to pass the bomb ratio
	for _, c := range []struct {
		name             string
		w, h             int
		depth, colorType byte
		interlaced       bool
		want             string
	}{
		{"16-bit RGBA 4096×4096 (134 MB decoded)", 4096, 4096, 16, 6, false,
			"PNG would need 128 MiB of memory to decode (4096×4096 pixels, 16-bit): at most 64 MiB; save it smaller or with 8-bit colour"},
		{"16-bit RGB decodes to RGBA64 too", 4096, 4096, 16, 2, false, "PNG would need 128 MiB of memory"},
		{"interlaced 16-bit", 4096, 4096, 16, 6, true,
			"PNG would need 256 MiB of memory to decode (4096×4096 pixels, 16-bit, interlaced): at most 64 MiB; save it smaller, with 8-bit colour, not interlaced"},
		{"interlaced 8-bit RGBA decodes twice", 4096, 4096, 8, 6, true, "PNG would need 128 MiB of memory to decode (4096×4096 pixels, interlaced)"},
		{"8-bit RGBA 4096×4096 is exactly the limit", 4096, 4096, 8, 6, false, "PNG is damaged"},
		{"16-bit grey 4096×4096 is 32 MiB", 4096, 4096, 16, 0, false, "PNG is damaged"},
		{"interlaced 16-bit 2048×2048 is 64 MiB", 2048, 2048, 16, 6, true, "PNG is damaged"},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := pngWithHeader(c.w, c.h, c.depth, c.colorType, c.interlaced, pad, 0)
			var err error
			n := decodesDuring(func() { _, _, _, err = CheckImage(data) })
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("CheckImage error %v, want %q", err, c.want)
			}
			// Refused from the header: never decoded. Within the budget: decoded (and
			// found damaged, as the pixel data is junk).
			if want := int64(0); strings.HasPrefix(c.want, "PNG is damaged") {
				want = 1
				if n != want {
					t.Errorf("%d decodes, want %d", n, want)
				}
			} else if n != want {
				t.Errorf("%d decodes of a refused image, want 0", n)
			}
		})
	}
}

// encode16 draws a real 16-bit RGBA PNG.
func encode16(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestEachImageDecodedOnce: a document naming one image 120 times, as a file or inline,
// reads it once, keeps one copy of its bytes and decodes it once, for Decode and
// Validate together (the 23 s / 420 MB document decoded it 240 times).
func TestEachImageDecodedOnce(t *testing.T) {
	deep := encode16(t, 300, 200)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "deep.png"), deep, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, ref string }{
		{"file", `{"file": "deep.png"}`},
		{"inline", fmt.Sprintf(`{"data": %q}`, base64.StdEncoding.EncodeToString(deep))},
	} {
		t.Run(c.name, func(t *testing.T) {
			resetImageMemo()
			var s Settings
			var vs Violations
			n := decodesDuring(func() {
				var err error
				s, err = Decode([]byte(everyImageSlot(c.ref)), DecodeOptions{BaseDir: dir})
				if err != nil {
					t.Fatal(err)
				}
				vs = Validate(s, Context{})
			})
			if len(vs) > 0 || n != 1 {
				t.Fatalf("%d decodes (want 1), violations %v", n, vs)
			}
			var refs int
			first := &s.Branding.Default.HeaderImage.Data[0]
			for _, sc := range append([]BrandScope{s.Branding.Default}, mapValues(s.Branding.Locales)...) {
				for _, img := range []*Image{sc.HeaderImage, sc.SuccessImage, sc.ErrorImage} {
					refs++
					if &img.Data[0] != first || img.Width != 300 || img.Height != 200 || img.MediaType != "image/png" {
						t.Fatalf("an image is a copy or lacks its size: %v %d×%d", img.MediaType, img.Width, img.Height)
					}
				}
			}
			if refs != 120 {
				t.Fatalf("%d references, want 120", refs)
			}
			if n := decodesDuring(func() { Validate(s, Context{}) }); n != 0 {
				t.Errorf("validating again decoded %d times", n)
			}
		})
	}
	t.Run("NewImage then Validate", func(t *testing.T) {
		resetImageMemo()
		n := decodesDuring(func() {
			s := Default()
			s.Branding.Default.HeaderImage = NewImage(deep)
			if vs := Validate(s, Context{}); len(vs) > 0 {
				t.Fatal(vs)
			}
		})
		if n != 1 {
			t.Errorf("%d decodes, want 1", n)
		}
	})
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// TestImageBombDocument: the document that names a 16-bit 4096×4096 PNG 120 times is
// refused with one message for the image and one short line for each other use, and
// nothing is decoded.
func TestImageBombDocument(t *testing.T) {
	resetImageMemo()
	dir := t.TempDir()
	bomb := pngWithHeader(4096, 4096, 16, 6, false, 1100, 0)
	if err := os.WriteFile(filepath.Join(dir, "deep.png"), bomb, 0o600); err != nil {
		t.Fatal(err)
	}
	var vs Violations
	n := decodesDuring(func() {
		s, err := Decode([]byte(everyImageSlot(`{"file": "deep.png"}`)), DecodeOptions{BaseDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		vs = Validate(s, Context{})
	})
	if n != 0 {
		t.Errorf("%d decodes, want 0", n)
	}
	if len(vs) != 120 {
		t.Fatalf("%d violations, want 120:\n%v", len(vs), vs)
	}
	if want := "branding.default.errorImage: PNG would need 128 MiB of memory to decode"; !strings.HasPrefix(vs[0].String(), want) {
		t.Errorf("first: %s\nwant %s…", vs[0], want)
	}
	for _, v := range vs[1:] {
		if v.Message != "the same image as branding.default.errorImage, refused there" {
			t.Fatalf("%s", v)
		}
	}
}

// TestDocumentDecodeBudget: the distinct images of one document may together cost at
// most maxDocumentDecodeCost to decode; past it, the rest (in path order) are refused
// undecoded. Six distinct 4096×4096 RGBA headers: five fit, the sixth does not.
func TestDocumentDecodeBudget(t *testing.T) {
	resetImageMemo()
	s := Default()
	set := func(code string, i int) {
		data := pngWithHeader(4096, 4096, 8, 6, false, 1100, i)
		img := &Image{MediaType: "image/png", SHA256: sha256Hex(data), Data: data}
		if code == "" {
			s.Branding.Default.HeaderImage = img
			return
		}
		s.Branding.Locales[code] = BrandScope{HeaderImage: img}
	}
	set("", 0)
	for i, code := range []string{"it", "de", "fr", "en", "es"} {
		set(code, i+1)
	}
	var vs Violations
	n := decodesDuring(func() { vs = Validate(s, Context{}) })
	if n != 5 {
		t.Errorf("%d decodes, want 5", n)
	}
	got := strings.Join(violationLines(vs), "\n")
	for _, p := range []string{"branding.default", "branding.locales.de", "branding.locales.en", "branding.locales.es", "branding.locales.fr"} {
		if !strings.Contains(got, p+".headerImage: PNG is damaged") {
			t.Errorf("%s was not decoded:\n%s", p, got)
		}
	}
	if !strings.Contains(got, "branding.locales.it.headerImage: not decoded: the images of this document together would take too long to decode") {
		t.Errorf("the last image in path order is not refused:\n%s", got)
	}
}

// TestDocumentImageBytes: the distinct images of a document hold at most
// MaxDocumentImageBytes, so "file" references cannot pull in 120 different 5 MiB files.
func TestDocumentImageBytes(t *testing.T) {
	dir := t.TempDir()
	var refs []string
	logo := readImage(t, "logo.png")
	iend := len(logo) - 12
	for i := range 7 {
		// logo.png padded to 5 MiB with a private chunk that differs per file.
		body := make([]byte, MaxImageBytes-len(logo)-12)
		body[0] = byte(i)
		p := append(append(bytes.Clone(logo[:iend]), pngChunk("zzZz", body)...), logo[iend:]...)
		name := fmt.Sprintf("big%d.png", i)
		if err := os.WriteFile(filepath.Join(dir, name), p, 0o600); err != nil {
			t.Fatal(err)
		}
		refs = append(refs, fmt.Sprintf(`%q: {"headerImage": {"file": %q}}`, Locales()[i].Code, name))
	}
	doc := `{"branding": {"locales": {` + strings.Join(refs, ", ") + `}}}`
	_, err := Decode([]byte(doc), DecodeOptions{BaseDir: dir})
	lines := violationLines(err)
	if len(lines) != 1 || !strings.Contains(lines[0], "headerImage.file: the distinct images of this document exceed 32 MiB in all (35 MiB with this one)") {
		t.Fatalf("got %q", lines)
	}
}

// TestDecodeRefusesNonRegularImageFiles: a named pipe given as an image file is refused
// at once (it used to block validate forever), as are directories and devices.
func TestDecodeRefusesNonRegularImageFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.png"), 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Symlink("pipe.png", filepath.Join(dir, "link.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.png"), 0o700); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"pipe.png": `image file "pipe.png" is not a regular file (a named pipe)`,
		"link.png": `image file "link.png" is not a regular file (a named pipe)`,
		"dir.png":  `image file "dir.png" is not a regular file (a directory)`,
	}
	if err := syscall.Mknod(filepath.Join(dir, "null.png"), syscall.S_IFCHR|0o600, 1<<8|3); err == nil {
		cases["null.png"] = `image file "null.png" is not a regular file (a character device)`
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			done := make(chan []string, 1)
			go func() {
				_, err := Decode([]byte(fmt.Sprintf(`{"branding": {"default": {"headerImage": {"file": %q}}}}`, name)), DecodeOptions{BaseDir: dir})
				done <- violationLines(err)
			}()
			select {
			case got := <-done:
				if len(got) != 1 || got[0] != "branding.default.headerImage.file: "+want {
					t.Errorf("got %q, want %q", got, want)
				}
			case <-time.After(30 * time.Second): // a hang, not a slow machine
				t.Fatal("Decode blocked on the file")
			}
		})
	}
}
