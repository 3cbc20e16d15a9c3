package model

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
)

// Builders of hostile inputs, made in the test rather than committed: image bombs and
// documents that try to exhaust memory, time or the terminal.

// bitWriter writes a JPEG entropy-coded segment: bits MSB first, 0xFF stuffed.
type bitWriter struct {
	buf []byte
	acc byte
	n   uint
}

func (w *bitWriter) put(bits uint32, n uint) {
	for i := int(n) - 1; i >= 0; i-- {
		w.acc = w.acc<<1 | byte(bits>>uint(i)&1)
		if w.n++; w.n == 8 {
			w.buf = append(w.buf, w.acc)
			if w.acc == 0xFF {
				w.buf = append(w.buf, 0)
			}
			w.acc, w.n = 0, 0
		}
	}
}

func (w *bitWriter) bytes() []byte {
	for w.n != 0 {
		w.put(1, 1) // pad with 1-bits, as encoders do
	}
	return w.buf
}

func jpegSegment(marker byte, body []byte) []byte {
	return append([]byte{0xFF, marker, byte((len(body) + 2) >> 8), byte(len(body) + 2)}, body...)
}

// progressiveBomb builds a valid progressive greyscale JPEG of side×side pixels: one DC
// scan, then scans empty scans that each cost a few bytes (an end-of-band run over every
// block) but make a decoder walk all the blocks again. At 4096 and 3000 scans it is the
// 140 KB file that took 30 s to validate.
func progressiveBomb(side, scans int) []byte {
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xD8})
	b.Write(jpegSegment(0xDB, append([]byte{0}, bytes.Repeat([]byte{1}, 64)...)))
	b.Write(jpegSegment(0xC2, []byte{8, byte(side >> 8), byte(side), byte(side >> 8), byte(side), 1, 1, 0x11, 0}))
	// One Huffman code of length 1 in each table: DC symbol 0 (no difference), AC symbol
	// 0xE0 (an end-of-band run of 2^14 + 14 extra bits).
	oneCode := make([]byte, 16)
	oneCode[0] = 1
	dht := append(append([]byte{0x00}, oneCode...), 0)
	dht = append(append(append(dht, 0x10), oneCode...), 0xE0)
	b.Write(jpegSegment(0xC4, dht))
	blocks := (side + 7) / 8 * ((side + 7) / 8)
	b.Write(jpegSegment(0xDA, []byte{1, 1, 0x00, 0, 0, 0}))
	var dc bitWriter
	for range blocks {
		dc.put(0, 1)
	}
	b.Write(dc.bytes())
	var ac bitWriter
	for left := blocks; left > 0; left -= 1<<15 - 1 {
		ac.put(0, 1)
		ac.put(1<<14-1, 14)
	}
	empty := ac.bytes()
	for range scans {
		b.Write(jpegSegment(0xDA, []byte{1, 1, 0x00, 1, 63, 0}))
		b.Write(empty)
	}
	b.Write([]byte{0xFF, 0xD9})
	return b.Bytes()
}

// pngWithHeader builds a PNG whose IHDR says w×h pixels of the given depth and colour
// type, followed by an IDAT of pad bytes of junk (distinct per seed): enough to pass the
// bomb ratio check, and a header whose decode cost CheckImage must judge before
// decoding. image/png fails on the junk at once, before allocating anything.
func pngWithHeader(w, h int, depth, colorType byte, interlaced bool, pad, seed int) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = depth, colorType
	if interlaced {
		ihdr[12] = 1
	}
	junk := bytes.Repeat([]byte(fmt.Sprintf("junk%08d", seed)), pad/12+1)[:pad]
	out := append([]byte{}, pngSignature...)
	out = append(out, pngChunk("IHDR", ihdr)...)
	out = append(out, pngChunk("IDAT", junk)...)
	return append(out, pngChunk("IEND", nil)...)
}

// everyImageSlot returns a document that sets the image v (a JSON value) in all three
// image fields of the default scope and of every locale: 120 references.
func everyImageSlot(v string) string {
	sc := fmt.Sprintf(`{"headerImage": %s, "successImage": %s, "errorImage": %s}`, v, v, v)
	var locs []string
	for _, l := range Locales() {
		locs = append(locs, fmt.Sprintf("%q: %s", l.Code, sc))
	}
	return fmt.Sprintf(`{"branding": {"default": %s, "locales": {%s}}}`, sc, strings.Join(locs, ", "))
}

// resetImageMemo forgets every image verdict, so a test counts its own decodes.
func resetImageMemo() {
	imageMemo.Lock()
	clear(imageMemo.m)
	imageMemo.Unlock()
}
