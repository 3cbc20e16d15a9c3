package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
)

// ImageLoader reads the bytes of an image a store keeps, by the lower-case hex SHA-256
// of those bytes.
type ImageLoader func(sha256 string) ([]byte, error)

// storedBytes are the bytes of a stored image, read once when first needed. It is shared
// by every copy of the Image, so an image read for a preview is not read again for an
// export.
type storedBytes struct {
	load ImageLoader
	size int

	mu   sync.Mutex
	data []byte
	err  error
	read bool
}

// StoredImage returns an image a store keeps: its media type, width, height and size
// in bytes are what the store recorded when it saved the image, after Validate had
// judged its bytes; the bytes themselves are read by load when first needed (Bytes).
// Loading a stored revision so costs neither reading nor decoding its images: Validate
// trusts a stored image's verdict, and only images newly brought in (from a file or a
// document, with Data) are decoded. Only a store may make one, from its own table of
// images.
func StoredImage(mediaType, sha string, width, height, size int, load ImageLoader) *Image {
	return &Image{MediaType: mediaType, SHA256: sha, Width: width, Height: height,
		stored: &storedBytes{load: load, size: size}}
}

// Stored reports an image made by StoredImage: judged when it was saved, its bytes in
// the store.
func (img *Image) Stored() bool { return img != nil && img.stored != nil }

// Size is the image's size in bytes, known without reading a stored image's bytes.
func (img *Image) Size() int {
	if img.stored != nil && img.Data == nil {
		return img.stored.size
	}
	return len(img.Data)
}

// Bytes returns the image's bytes: Data, or for a stored image the bytes read from its
// store the first time (and kept). Bytes that do not hash to SHA256 are refused, so a
// damaged store never passes for the image it recorded. Safe for concurrent use.
func (img *Image) Bytes() ([]byte, error) {
	sb := img.stored
	if sb == nil || img.Data != nil {
		return img.Data, nil
	}
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if !sb.read {
		sb.read = true
		sb.data, sb.err = sb.load(img.SHA256)
		if sb.err == nil {
			if sum := sha256.Sum256(sb.data); hex.EncodeToString(sum[:]) != img.SHA256 {
				sb.data, sb.err = nil, fmt.Errorf("image %s: the stored bytes do not match their sha256", img.SHA256)
			}
		}
		if sb.err != nil {
			sb.read = false // a store that failed once (busy, closed) may answer next time
		}
	}
	return sb.data, sb.err
}

// LoadImages reads the bytes of every stored image of s (see Bytes), so that Encode can
// write them; the error names the image's path. Exports call it first: Encode itself
// cannot fail, and would write a stored image it cannot read without its data.
func LoadImages(s Settings) error {
	var err error
	s.Branding.eachImage(func(path string, img *Image) {
		if err == nil && img.Stored() {
			if _, e := img.Bytes(); e != nil {
				err = fmt.Errorf("%s: %w", path, e)
			}
		}
	})
	return err
}

// eachImage calls f with every image of b and its path, the default scope first, then
// the locales in no particular order.
func (b Branding) eachImage(f func(path string, img *Image)) {
	scope := func(path string, sc BrandScope) {
		for _, im := range [...]struct {
			name string
			img  *Image
		}{{".headerImage", sc.HeaderImage}, {".successImage", sc.SuccessImage}, {".errorImage", sc.ErrorImage}} {
			if im.img != nil {
				f(path+im.name, im.img)
			}
		}
	}
	scope("branding.default", b.Default)
	for code, sc := range b.Locales {
		scope(keyPath("branding.locales", code), sc)
	}
}
