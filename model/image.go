package model

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
)

// MaxImageBytes is the size limit of a branding image in bytes (5 MiB).
const MaxImageBytes = 5 << 20

// Limits that keep a small file from decoding into a huge image (a decompression bomb).
// A branding image is shown in a web page header or result page; no real one comes near
// these, while a 5 MiB file claiming 100000×100000 pixels would need 40 GB to decode.
const (
	// MaxImageSide is the largest width or height accepted, in pixels.
	MaxImageSide = 10000
	// MaxImagePixels is the largest width×height accepted (16.7 megapixels, 4096×4096):
	// at most about 250 MB while decoding even a 16-bit or progressive image.
	MaxImagePixels = 1 << 24
	// maxPixelsPerByte bounds how far a real file can compress: deflate expands at most
	// 1032:1 (≤ 8256 one-bit pixels per byte) and a Huffman-coded JPEG spends at least one
	// bit per 8×8 block of each component (≤ 8192 pixels per byte with 4×4 subsampling).
	// A file claiming more pixels than this cannot hold them: it is damaged or a bomb, and
	// is refused before the decoder allocates the image.
	maxPixelsPerByte = 16384
)

// The media types CheckImage returns.
const (
	mediaPNG  = "image/png"
	mediaJPEG = "image/jpeg"
)

var (
	pngSignature  = []byte("\x89PNG\r\n\x1a\n")
	jpegSignature = []byte{0xFF, 0xD8, 0xFF}
)

// CheckImage validates image bytes by content: a PNG or JPEG signature, a full decode and
// at most MaxImageBytes. It returns the media type and dimensions. The size is checked
// first and the dimensions (from the header) before the full decode, so neither a huge
// file nor a decompression bomb is ever decoded. Errors are sentences for a person.
func CheckImage(data []byte) (mediaType string, width, height int, err error) {
	if len(data) > MaxImageBytes {
		return "", 0, 0, fmt.Errorf("larger than 5 MiB (%d bytes)", len(data))
	}
	if len(data) == 0 {
		return "", 0, 0, errors.New("empty file: not a PNG or JPEG image")
	}
	var name string
	var decodeConfig func(io.Reader) (image.Config, error)
	var decode func(io.Reader) (image.Image, error)
	switch {
	case bytes.HasPrefix(data, pngSignature):
		mediaType, name, decodeConfig, decode = mediaPNG, "PNG", png.DecodeConfig, png.Decode
	case bytes.HasPrefix(data, jpegSignature):
		mediaType, name, decodeConfig, decode = mediaJPEG, "JPEG", jpeg.DecodeConfig, jpeg.Decode
	default:
		return "", 0, 0, fmt.Errorf("not a PNG or JPEG image (starts with %s)%s", leadingBytes(data), otherFormat(data))
	}
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return "", 0, 0, decodeError(name, err)
	}
	w, h := cfg.Width, cfg.Height
	switch {
	case w <= 0 || h <= 0:
		return "", 0, 0, fmt.Errorf("%s has no pixels (%d×%d)", name, w, h)
	case w > MaxImageSide || h > MaxImageSide:
		return "", 0, 0, fmt.Errorf("%s is too large: %d×%d pixels (at most %d a side)", name, w, h, MaxImageSide)
	case w*h > MaxImagePixels:
		return "", 0, 0, fmt.Errorf("%s is too large: %d×%d pixels (at most %d megapixels)", name, w, h, MaxImagePixels/1_000_000)
	case w*h > maxPixelsPerByte*len(data):
		return "", 0, 0, fmt.Errorf("%s is damaged: %d bytes cannot hold %d×%d pixels", name, len(data), w, h)
	}
	if _, err := decode(bytes.NewReader(data)); err != nil {
		return "", 0, 0, decodeError(name, err)
	}
	return mediaType, w, h, nil
}

// decodeError turns a decoder's error into a sentence without the package's jargon
// prefixes ("png: invalid format: …").
func decodeError(name string, err error) error {
	var (
		pf png.FormatError
		pu png.UnsupportedError
		jf jpeg.FormatError
		ju jpeg.UnsupportedError
	)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Errorf("%s is damaged: unexpected EOF (the file is cut short)", name)
	case errors.As(err, &pf):
		return fmt.Errorf("%s is damaged: %s", name, string(pf))
	case errors.As(err, &jf):
		return fmt.Errorf("%s is damaged: %s", name, string(jf))
	case errors.As(err, &pu):
		return fmt.Errorf("%s uses a feature that cannot be read: %s", name, string(pu))
	case errors.As(err, &ju):
		return fmt.Errorf("%s uses a feature that cannot be read: %s", name, string(ju))
	}
	return fmt.Errorf("%s is damaged: %v", name, err)
}

// otherFormat names a few formats people try instead, so the message says what the file
// is rather than only what it is not.
func otherFormat(data []byte) string {
	has := func(off int, sig string) bool {
		return len(data) >= off+len(sig) && string(data[off:off+len(sig)]) == sig
	}
	switch {
	case has(0, "GIF87a") || has(0, "GIF89a"):
		return ": it is a GIF"
	case has(0, "RIFF") && has(8, "WEBP"):
		return ": it is a WebP"
	case has(0, "BM"):
		return ": it looks like a BMP"
	case has(0, "II*\x00") || has(0, "MM\x00*"):
		return ": it is a TIFF"
	case has(0, "%PDF"):
		return ": it is a PDF"
	case has(4, "ftyp"):
		return ": it is a HEIC/AVIF or video"
	case bytes.Contains(data[:min(len(data), 512)], []byte("<svg")):
		return ": it is an SVG"
	}
	return ""
}

// leadingBytes shows how a file starts: its printable ASCII prefix when there is one
// ("GIF89a"), else its first bytes in hex.
func leadingBytes(data []byte) string {
	n := 0
	for n < len(data) && n < 8 && data[n] >= 0x20 && data[n] < 0x7f {
		n++
	}
	if n >= 2 {
		return fmt.Sprintf("%q", data[:n])
	}
	head := data[:min(len(data), 4)]
	s := ""
	for i, b := range head {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("0x%02X", b)
	}
	return s
}
