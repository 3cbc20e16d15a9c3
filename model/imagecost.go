package model

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// What decoding an image will cost, read from its headers before any pixel is decoded.
// Go's image/jpeg and image/png cannot be told to stop after so many scans or bytes, so
// idvset walks the file's structure itself (cheap and linear in the file size) and
// refuses an image whose decode would take too much memory or time: a 100 KB progressive
// JPEG of thousands of empty scans, or a 130 KB 16-bit PNG that decodes into 134 MB.

// Decode budgets of one image, and of all the distinct images of one document.
const (
	// MaxJPEGScans is the most scans a JPEG may have. Encoders write 1 (baseline) to about
	// 10 (progressive: libjpeg's default script has 10 for colour, 6 for grey); each scan
	// walks the whole image again, so thousands of empty ones are a denial of service.
	// libjpeg-turbo offers the same guard (TJPARAM_SCANLIMIT; its fuzzers use 500 on
	// images of at most 1 megapixel).
	MaxJPEGScans = 100
	// MaxDecodeMemory bounds what the decoder may allocate for one image (64 MiB): a
	// 4096×4096 RGBA PNG or baseline JPEG fits; a 16-bit 4096×4096 PNG (134 MB) does not.
	MaxDecodeMemory = 64 << 20
	// maxDecodeCost bounds the work of decoding one image, in units of roughly a
	// nanosecond of this machine's decoders (see decodeCost): about half a second.
	maxDecodeCost = 500_000_000
	// maxDocumentDecodeCost bounds the work for all the distinct images of one document
	// (about a second and a half), so that validating any document takes seconds.
	maxDocumentDecodeCost = 1_500_000_000
)

// imageHeader is what the headers say, and the estimates made from them.
type imageHeader struct {
	mediaType, name string // "image/png", "PNG"
	width, height   int
	memory          int64 // bytes the decoder will allocate, an upper estimate
	cost            int64 // work units (about nanoseconds) the decode will take
	// What the estimates come from, for messages.
	deep, interlaced, progressive bool
	scans                         int
}

// Work units per 8×8 block of one component: a sequential scan decodes and transforms
// each block; a progressive scan only refines its coefficients, which are transformed
// once at the end. Per output byte of a PNG: inflating, unfiltering and converting.
const (
	costSequentialBlock  = 600
	costProgressiveBlock = 100
	costFinalBlock       = 500
	costPNGByte          = 4
)

// jpegHeader walks a JPEG's markers: the frame header (size, components, sampling), the
// scans and the APP markers that decide the colour conversion. It refuses what
// image/jpeg would decode at too high a cost. Entropy-coded data is skipped the way
// image/jpeg reads it, up to the next marker, so every scan the decoder would run is
// counted.
func jpegHeader(data []byte) (imageHeader, error) {
	h := imageHeader{mediaType: mediaJPEG, name: "JPEG"}
	type comp struct {
		id   byte
		h, v int
	}
	var (
		comps               []comp
		progressive, frame  bool
		jfif, adobe, adobe0 bool // adobe0: Adobe transform 0 (RGB or CMYK as stored)
		scans               int
		scanBlocks          int64 // blocks walked by all scans
		mxx, myy            int
		hmax, vmax          = 1, 1
	)
	blocks := func(c comp) int64 { return int64(mxx*c.h) * int64(myy*c.v) }
	pos := 2 // after SOI
	for pos+1 < len(data) {
		if data[pos] != 0xFF { // extraneous bytes: image/jpeg skips them, as libjpeg does
			pos++
			continue
		}
		m := data[pos+1]
		pos += 2
		switch {
		case m == 0xFF: // a fill byte before a marker
			pos--
			continue
		case m == 0x00, m >= 0xD0 && m <= 0xD7, m == 0x01, m == 0xD8: // no segment follows
			continue
		case m == 0xD9: // EOI
			pos = len(data)
			continue
		}
		if pos+2 > len(data) {
			break
		}
		n := int(binary.BigEndian.Uint16(data[pos:]))
		if n < 2 || pos+n > len(data) {
			break // image/jpeg reports the damage
		}
		seg := data[pos+2 : pos+n]
		pos += n
		switch {
		case m == 0xC0 || m == 0xC1 || m == 0xC2: // SOF0, SOF1, SOF2: what image/jpeg decodes
			if frame {
				return h, fmt.Errorf("JPEG is damaged: more than one frame header")
			}
			frame, progressive = true, m == 0xC2
			if len(seg) < 6 || len(seg) < 6+3*int(seg[5]) {
				return h, fmt.Errorf("JPEG is damaged: short frame header")
			}
			h.height, h.width = int(binary.BigEndian.Uint16(seg[1:])), int(binary.BigEndian.Uint16(seg[3:]))
			for i := range int(seg[5]) {
				c := seg[6+3*i:]
				ch, cv := max(int(c[1]>>4), 1), max(int(c[1]&15), 1)
				comps = append(comps, comp{c[0], ch, cv})
				hmax, vmax = max(hmax, ch), max(vmax, cv)
			}
			mxx, myy = (h.width+8*hmax-1)/(8*hmax), (h.height+8*vmax-1)/(8*vmax)
		case m == 0xDA: // SOS
			scans++
			if scans > MaxJPEGScans {
				return h, fmt.Errorf("JPEG has more than %d scans: refused, as decoding each one walks the whole image again", MaxJPEGScans)
			}
			if len(seg) < 1 || len(seg) < 1+2*int(seg[0]) {
				return h, fmt.Errorf("JPEG is damaged: short scan header")
			}
			for i := range int(seg[0]) {
				for _, c := range comps {
					if c.id == seg[1+2*i] {
						scanBlocks += blocks(c)
					}
				}
			}
			pos = skipEntropyData(data, pos)
		case m == 0xE0 && bytes.HasPrefix(seg, []byte("JFIF\x00")):
			jfif = true
		case m == 0xEE && len(seg) >= 12 && bytes.HasPrefix(seg, []byte("Adobe")):
			adobe, adobe0 = true, seg[11] == 0
		}
	}
	h.progressive, h.scans = progressive, scans
	if !frame {
		return h, nil // image/jpeg's DecodeConfig says what is missing
	}
	// Memory: the component planes, padded to whole blocks, as image/jpeg allocates
	// them; the coefficients of every block for a progressive image; and a 4-byte
	// RGBA or CMYK copy when the colours are converted (RGB and 4-component images).
	var planes, allBlocks int64
	for _, c := range comps {
		planes += blocks(c) * 64
		allBlocks += blocks(c)
	}
	h.memory = planes
	if progressive {
		h.memory += allBlocks * 256
	}
	rgb := len(comps) == 3 && !jfif && (adobe && adobe0 || comps[0].id == 'R' && comps[1].id == 'G' && comps[2].id == 'B')
	if len(comps) == 4 || rgb {
		h.memory += int64(mxx*8*hmax) * int64(myy*8*vmax) * 4
	}
	if progressive {
		h.cost = scanBlocks*costProgressiveBlock + allBlocks*costFinalBlock
	} else {
		h.cost = scanBlocks * costSequentialBlock
	}
	return h, nil
}

// skipEntropyData returns the position of the marker that ends the entropy-coded data
// starting at pos: the first 0xFF followed by neither a stuffed 0x00, a restart marker,
// nor another fill byte.
func skipEntropyData(data []byte, pos int) int {
	for {
		i := bytes.IndexByte(data[pos:], 0xFF)
		if i < 0 {
			return len(data)
		}
		pos += i
		if pos+1 >= len(data) {
			return len(data)
		}
		if next := data[pos+1]; next == 0x00 || next >= 0xD0 && next <= 0xD7 || next == 0xFF {
			pos++
			continue
		}
		return pos
	}
}

// pngHeader reads a PNG's IHDR and the chunks before its image data, and estimates what
// image/png allocates: one image in the format it decodes to (16-bit samples and
// transparency widen it), twice over for an interlaced image, whose seven passes are
// decoded into images of their own before being merged.
func pngHeader(data []byte) (imageHeader, error) {
	h := imageHeader{mediaType: mediaPNG, name: "PNG"}
	pos := len(pngSignature)
	var depth, colorType, interlace byte
	trns := false
	for pos+8 <= len(data) {
		n := int(binary.BigEndian.Uint32(data[pos:]))
		typ := string(data[pos+4 : pos+8])
		if n < 0 || n > len(data)-pos-12 {
			break // image/png reports the damage
		}
		body := data[pos+8 : pos+8+n]
		pos += 12 + n
		switch typ {
		case "IHDR":
			if n < 13 {
				return h, nil
			}
			h.width, h.height = int(binary.BigEndian.Uint32(body)), int(binary.BigEndian.Uint32(body[4:]))
			depth, colorType, interlace = body[8], body[9], body[12]
		case "tRNS":
			trns = true
		}
		if typ == "IDAT" || typ == "IEND" {
			break
		}
	}
	var perPixel int64
	switch {
	case colorType == 3: // palette
		perPixel = 1
	case colorType == 0 && !trns: // grey
		perPixel = 1
		if depth == 16 {
			perPixel = 2
		}
	default: // RGB, grey with alpha, RGBA, or grey with a transparent colour
		perPixel = 4
		if depth == 16 {
			perPixel = 8
		}
	}
	h.deep, h.interlaced = depth == 16, interlace != 0
	h.memory = int64(h.width) * int64(h.height) * perPixel
	h.cost = h.memory * costPNGByte
	if interlace != 0 {
		h.memory *= 2
		h.cost += h.cost / 2
	}
	return h, nil
}

// sizeName writes a byte count as a person reads it: "64 MiB", "5 MiB", "1.5 GiB".
func sizeName(n int64) string {
	switch {
	case n >= 1<<30:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<30))) + " GiB"
	case n >= 1<<20:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<20))) + " MiB"
	case n >= 1<<10:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<10))) + " KiB"
	}
	return fmt.Sprintf("%d bytes", n)
}

func trimZero(s string) string {
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}

// detail names what makes an image costly, for messages: ", 16-bit, interlaced".
func (h imageHeader) detail() string {
	d := ""
	if h.deep {
		d += ", 16-bit"
	}
	if h.interlaced {
		d += ", interlaced"
	}
	if h.progressive {
		d += fmt.Sprintf(", progressive in %d scans", h.scans)
	} else if h.scans > 1 {
		d += fmt.Sprintf(", %d scans", h.scans)
	}
	return d
}

// advice says what to change besides the size.
func (h imageHeader) advice() string {
	switch {
	case h.deep && h.interlaced:
		return ", with 8-bit colour, not interlaced"
	case h.deep:
		return " or with 8-bit colour"
	case h.interlaced:
		return " or not interlaced"
	case h.progressive:
		return " or as a baseline (not progressive) JPEG"
	}
	return ""
}
