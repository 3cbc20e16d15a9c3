package model

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"runtime"
	"sync/atomic"
)

// MaxImageBytes is the size limit of a branding image in bytes (5 MiB).
const MaxImageBytes = 5 << 20

// Limits that keep a small file from decoding into a huge image (a decompression bomb).
// A branding image is shown in a web page header or result page; no real one comes near
// these, while a 5 MiB file claiming 100000×100000 pixels would need 40 GB to decode.
const (
	// MaxImageSide is the largest width or height accepted, in pixels.
	MaxImageSide = 10000
	// MaxImagePixels is the largest width×height accepted (16.7 megapixels, 4096×4096).
	// What the decode of so many pixels may cost is bounded separately (MaxDecodeMemory):
	// a 16-bit or progressive image of this size is refused by that.
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
// at most MaxImageBytes. It returns the media type and dimensions. Everything that can
// be known without decoding is checked first, from the headers (see inspectImage): the
// size, the dimensions, and what the decode would cost in memory and time. So neither a
// huge file, nor a decompression bomb, nor a JPEG of thousands of scans is ever decoded.
// Errors are sentences for a person.
func CheckImage(data []byte) (mediaType string, width, height int, err error) {
	h, err := inspectImage(data)
	if err == nil {
		err = decodeImage(h, data)
	}
	if err != nil {
		return "", 0, 0, err
	}
	return h.mediaType, h.width, h.height, nil
}

// inspectImage checks everything CheckImage checks short of decoding the pixels.
func inspectImage(data []byte) (imageHeader, error) {
	var h imageHeader
	if len(data) > MaxImageBytes {
		return h, fmt.Errorf("larger than 5 MiB (%d bytes)", len(data))
	}
	if len(data) == 0 {
		return h, errors.New("empty file: not a PNG or JPEG image")
	}
	var decodeConfig func(io.Reader) (image.Config, error)
	var err error
	switch {
	case bytes.HasPrefix(data, pngSignature):
		h, err = pngHeader(data)
		decodeConfig = png.DecodeConfig
	case bytes.HasPrefix(data, jpegSignature):
		h, err = jpegHeader(data)
		decodeConfig = jpeg.DecodeConfig
	default:
		return h, fmt.Errorf("not a PNG or JPEG image (starts with %s)%s", leadingBytes(data), otherFormat(data))
	}
	if err != nil {
		return h, err
	}
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return h, decodeError(h.name, err)
	}
	w, ht, name := cfg.Width, cfg.Height, h.name
	switch {
	case w <= 0 || ht <= 0:
		return h, fmt.Errorf("%s has no pixels (%d×%d)", name, w, ht)
	case w > MaxImageSide || ht > MaxImageSide:
		return h, fmt.Errorf("%s is too large: %d×%d pixels (at most %d a side)", name, w, ht, MaxImageSide)
	case w*ht > MaxImagePixels:
		return h, fmt.Errorf("%s is too large: %d×%d pixels (at most %d megapixels)", name, w, ht, MaxImagePixels/1_000_000)
	case w*ht > maxPixelsPerByte*len(data):
		return h, fmt.Errorf("%s is damaged: %d bytes cannot hold %d×%d pixels", name, len(data), w, ht)
	case w != h.width || ht != h.height:
		// The headers were read twice, by image/jpeg and by jpegHeader: they must agree,
		// or the estimates below would be about another image.
		return h, fmt.Errorf("%s is damaged: its headers disagree about its size", name)
	case h.memory > MaxDecodeMemory:
		return h, fmt.Errorf("%s would need %s of memory to decode (%d×%d pixels%s): at most %s; save it smaller%s",
			name, sizeName(h.memory), w, ht, h.detail(), sizeName(MaxDecodeMemory), h.advice())
	case h.cost > maxDecodeCost:
		return h, fmt.Errorf("%s would take too long to decode (%d×%d pixels%s); save it smaller%s", name, w, ht, h.detail(), h.advice())
	}
	return h, nil
}

// imageDecodes counts full decodes, so tests can see that each distinct image is
// decoded once.
var imageDecodes atomic.Int64

// decodeImage decodes the pixels of an image inspectImage accepted.
func decodeImage(h imageHeader, data []byte) error {
	imageDecodes.Add(1)
	var err error
	if h.mediaType == mediaPNG {
		_, err = png.Decode(bytes.NewReader(data))
	} else {
		_, err = jpeg.Decode(bytes.NewReader(data))
	}
	if h.memory > MaxDecodeMemory/4 {
		// The decoded pixels are garbage from here on. Without a collection now, the next
		// large decode would allocate its memory beside this one's, doubling the peak.
		runtime.GC()
	}
	if err != nil {
		return decodeError(h.name, err)
	}
	return nil
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
