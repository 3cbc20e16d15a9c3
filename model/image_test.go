package model

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readImage(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "images", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// pngChunk builds one PNG chunk with its CRC.
func pngChunk(typ string, body []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(len(body)))
	b.WriteString(typ)
	b.Write(body)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), body...)))
	return b.Bytes()
}

// withDims returns a PNG whose IHDR claims w×h (CRC fixed), keeping the original pixel
// data: what a decompression bomb or a damaged header looks like.
func withDims(p []byte, w, h uint32) []byte {
	out := bytes.Clone(p)
	// Signature (8), length (4), "IHDR" (4), then width and height.
	binary.BigEndian.PutUint32(out[16:], w)
	binary.BigEndian.PutUint32(out[20:], h)
	binary.BigEndian.PutUint32(out[29:], crc32.ChecksumIEEE(out[12:29]))
	return out
}

// paddedPNG returns a valid PNG of exactly size bytes: logo.png with a private ancillary
// chunk before IEND, which decoders skip.
func paddedPNG(t *testing.T, size int) []byte {
	p := readImage(t, "logo.png")
	iend := len(p) - 12
	pad := size - len(p) - 12
	if pad < 0 {
		t.Fatalf("cannot pad to %d", size)
	}
	out := append(bytes.Clone(p[:iend]), pngChunk("zzZz", make([]byte, pad))...)
	return append(out, p[iend:]...)
}

func encodeGray(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCheckImageAccepts(t *testing.T) {
	for _, c := range []struct {
		file      string
		mediaType string
		w, h      int
	}{
		{"logo.png", "image/png", 48, 16},
		{"paletted.png", "image/png", 8, 8},
		{"deep.png", "image/png", 4, 4},
		{"logo.jpg", "image/jpeg", 48, 16},
		{"gray.jpg", "image/jpeg", 16, 16},
		{"progressive.jpg", "image/jpeg", 150, 103},
		{"cmyk.jpg", "image/jpeg", 150, 103},
	} {
		t.Run(c.file, func(t *testing.T) {
			mt, w, h, err := CheckImage(readImage(t, c.file))
			if err != nil || mt != c.mediaType || w != c.w || h != c.h {
				t.Errorf("CheckImage = %q %d×%d %v, want %q %d×%d", mt, w, h, err, c.mediaType, c.w, c.h)
			}
		})
	}
}

func TestCheckImageRefuses(t *testing.T) {
	logo := readImage(t, "logo.png")
	prog := readImage(t, "progressive.jpg")
	badData := bytes.Clone(logo)
	badData[len(badData)-20] ^= 0xFF // inside IDAT's compressed data
	badCRC := bytes.Clone(logo)
	badCRC[len(badCRC)-13] ^= 0xFF // IDAT's CRC, just before IEND
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty file: not a PNG or JPEG image"},
		{"gif", readImage(t, "logo.gif"), `not a PNG or JPEG image (starts with "GIF89a"): it is a GIF`},
		{"webp", []byte("RIFF\x10\x00\x00\x00WEBPVP8 "), `not a PNG or JPEG image (starts with "RIFF"): it is a WebP`},
		{"bmp", []byte("BM\x3a\x00\x00\x00"), `(starts with "BM:"): it looks like a BMP`},
		{"pdf", []byte("%PDF-1.7\n"), `(starts with "%PDF-1.7"): it is a PDF`},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), `(starts with "<svg xml"): it is an SVG`},
		{"tiff", []byte("II*\x00\x08\x00\x00\x00"), `it is a TIFF`},
		{"heic", []byte("\x00\x00\x00\x18ftypheic"), `(starts with 0x00 0x00 0x00 0x18): it is a HEIC/AVIF or video`},
		{"text", []byte("hello world"), `not a PNG or JPEG image (starts with "hello wo")`},
		{"binary", []byte{0x01, 0x02}, `not a PNG or JPEG image (starts with 0x01 0x02)`},
		{"png signature only", logo[:8], "PNG is damaged: unexpected EOF"},
		{"truncated png", readImage(t, "truncated.png"), "PNG is damaged: not enough pixel data"},
		{"png cut before IEND", logo[:len(logo)-12], "PNG is damaged: unexpected EOF"},
		{"png with damaged pixel data", badData, "PNG is damaged: zlib: invalid checksum"},
		{"png with a bad chunk checksum", badCRC, "PNG is damaged: invalid checksum"},
		{"png header with zero width", withDims(logo, 0, 16), "PNG is damaged: non-positive dimension"},
		{"jpeg signature then junk", []byte("\xff\xd8\xffjunkjunkjunk"), "JPEG is damaged"},
		{"truncated jpeg", readImage(t, "truncated.jpg"), "JPEG is damaged: unexpected EOF"},
		{"truncated progressive jpeg", prog[:len(prog)/2], "JPEG is damaged"},
		{"progressive jpeg cut just before its end", prog[:len(prog)-2], "JPEG is damaged"},
		{"jpeg without its end", readImage(t, "logo.jpg")[:len(readImage(t, "logo.jpg"))-2], "JPEG is damaged"},
		{"png content under a jpeg signature", append([]byte{0xFF, 0xD8, 0xFF}, logo...), "JPEG is damaged"},
		{"wider than 10000", withDims(logo, 10001, 1), "PNG is too large: 10001×1 pixels (at most 10000 a side)"},
		{"taller than 10000", withDims(logo, 1, 20000), "PNG is too large: 1×20000 pixels (at most 10000 a side)"},
		{"huge both ways", withDims(logo, 100000, 100000), "PNG is too large: 100000×100000 pixels"},
		{"over the pixel limit", withDims(logo, 5000, 5000), "PNG is too large: 5000×5000 pixels (at most 16 megapixels)"},
		{"bomb: tiny file, big image", withDims(logo, 4000, 4000), "PNG is damaged: 109 bytes cannot hold 4000×4000 pixels"},
		{"header bigger than its pixel data", withDims(logo, 480, 160), "PNG is damaged"},
		{"one byte over 5 MiB", make([]byte, MaxImageBytes+1), "larger than 5 MiB (5242881 bytes)"},
		{"valid png one byte over 5 MiB", paddedPNG(t, MaxImageBytes+1), "larger than 5 MiB (5242881 bytes)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mt, w, h, err := CheckImage(c.data)
			if err == nil {
				t.Fatalf("CheckImage accepted it as %q %d×%d", mt, w, h)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want it to contain %q", err, c.want)
			}
			if mt != "" || w != 0 || h != 0 {
				t.Errorf("a refused image still reports %q %d×%d", mt, w, h)
			}
		})
	}
}

// TestCheckImageLimits shows the limits are where the spec puts them, and that the bomb
// guards leave real, well-compressed images alone.
func TestCheckImageLimits(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		w, h int
	}{
		{"exactly 5 MiB", paddedPNG(t, MaxImageBytes), 48, 16},
		{"exactly 10000 wide", encodeGray(t, 10000, 2), 10000, 2},
		{"a uniform 3000×3000 compresses 1000:1 and still passes", encodeGray(t, 3000, 3000), 3000, 3000},
	} {
		t.Run(c.name, func(t *testing.T) {
			mt, w, h, err := CheckImage(c.data)
			if err != nil || mt != "image/png" || w != c.w || h != c.h {
				t.Errorf("CheckImage = %q %d×%d %v, want image/png %d×%d", mt, w, h, err, c.w, c.h)
			}
		})
	}
}

// FuzzCheckImage: no input panics, hangs or allocates wildly, and an accepted image obeys
// every limit, its decode estimated within the budgets, with a media type that matches
// its signature. Seeds: testdata/fuzz/FuzzCheckImage (real images, damaged ones, a JPEG
// of 151 scans, PNG headers that decode into too much memory) and the builders' bombs.
func FuzzCheckImage(f *testing.F) {
	for _, name := range []string{"logo.png", "logo.jpg", "gray.jpg", "paletted.png", "deep.png", "progressive.jpg", "logo.gif", "truncated.png", "truncated.jpg"} {
		f.Add(readImage(f, name))
	}
	f.Add(withDims(readImage(f, "logo.png"), 4000, 4000))
	f.Add(progressiveBomb(64, 99))
	f.Add(progressiveBomb(512, 20))
	f.Add(pngWithHeader(2048, 2048, 16, 6, true, 300, 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		mt, w, h, err := CheckImage(data)
		if err != nil {
			if mt != "" || w != 0 || h != 0 {
				t.Fatalf("refused (%v) but reports %q %d×%d", err, mt, w, h)
			}
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		switch {
		case len(data) > MaxImageBytes:
			t.Fatalf("accepted %d bytes", len(data))
		case mt == "image/png" && !bytes.HasPrefix(data, pngSignature),
			mt == "image/jpeg" && !bytes.HasPrefix(data, jpegSignature),
			mt != "image/png" && mt != "image/jpeg":
			t.Fatalf("media type %q for content starting %q", mt, data[:min(8, len(data))])
		case w <= 0 || h <= 0 || w > MaxImageSide || h > MaxImageSide || w*h > MaxImagePixels:
			t.Fatalf("accepted %d×%d", w, h)
		}
		if hd, _ := inspectImage(data); hd.memory > MaxDecodeMemory || hd.cost > maxDecodeCost || hd.scans > MaxJPEGScans {
			t.Fatalf("accepted an image estimated at %d bytes, %d units, %d scans", hd.memory, hd.cost, hd.scans)
		}
	})
}
