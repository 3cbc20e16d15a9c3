package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"
)

func (v *validator) branding(b Branding) {
	var imgs []placedImage
	imgs = v.brandScope("branding.default", b.Default, imgs)
	for code, sc := range b.Locales {
		if m := localeProblem(code); m != "" {
			v.errorf(keyPath("branding.locales", code), "%s", m)
		}
		if sc.HeaderImage == nil && sc.SuccessImage == nil && sc.ErrorImage == nil &&
			(sc.PrimaryColor == "" || isHexColor(sc.PrimaryColor)) && (sc.SecondaryColor == "" || isHexColor(sc.SecondaryColor)) {
			continue // nothing to report and no image: the usual scope costs no path
		}
		imgs = v.brandScope(keyPath("branding.locales", code), sc, imgs)
	}
	if len(imgs) > 0 {
		v.images(imgs)
	}
}

// placedImage is an image and the path it is set at.
type placedImage struct {
	path string
	img  *Image
}

// brandScope checks the colours of one scope and adds its images to imgs, to be checked
// all together; path is built by the caller only for scopes with something set, which
// keeps the per-keystroke cost down.
func (v *validator) brandScope(path string, sc BrandScope, imgs []placedImage) []placedImage {
	if sc.PrimaryColor != "" && !isHexColor(sc.PrimaryColor) {
		v.errorf(path+".primaryColor", `%q is not a colour: use #RRGGBB, a "#" and six hex digits`, shorten(sc.PrimaryColor))
	}
	if sc.SecondaryColor != "" && !isHexColor(sc.SecondaryColor) {
		v.errorf(path+".secondaryColor", `%q is not a colour: use #RRGGBB, a "#" and six hex digits`, shorten(sc.SecondaryColor))
	}
	for _, f := range [...]struct {
		name string
		img  *Image
	}{{".headerImage", sc.HeaderImage}, {".successImage", sc.SuccessImage}, {".errorImage", sc.ErrorImage}} {
		// A stored image was judged when its store saved it (see StoredImage): its verdict
		// stands, and neither its bytes are read nor its pixels decoded here.
		if f.img != nil && !f.img.Stored() {
			imgs = append(imgs, placedImage{path + f.name, f.img})
		}
	}
	return imgs
}

// isHexColor reports whether s is "#" and six hex digits. Either case is accepted: Decode
// and the editor store upper-case, and the case of a hex digit changes no colour.
func isHexColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for i := 1; i < 7; i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

// images checks the stored images of a document: bytes CheckImage accepts, a SHA256
// field that is the hash of those bytes, and a media type (and size, when given) that
// match the content. Each distinct image is hashed once per call (references that share
// their bytes are one image) and decoded once per process (imageMemo); all of them
// together may cost at most maxDocumentDecodeCost to decode. They are taken in path
// order, so which ones exceed that budget does not depend on the order of a map.
func (v *validator) images(imgs []placedImage) {
	slices.SortFunc(imgs, func(a, b placedImage) int { return ComparePaths(a.path, b.path) })
	type shared struct {
		first *byte
		n     int
	}
	sums := make(map[shared][sha256.Size]byte, len(imgs))
	type verdict struct {
		first string // the path it was first seen at
		info  imageInfo
	}
	seen := make(map[[sha256.Size]byte]*verdict, len(imgs))
	var cost int64
	for _, pi := range imgs {
		img := pi.img
		var sum [sha256.Size]byte
		key := shared{n: len(img.Data)}
		if len(img.Data) > 0 {
			key.first = &img.Data[0]
		}
		if s, ok := sums[key]; ok {
			sum = s
		} else {
			sum = sha256.Sum256(img.Data)
			sums[key] = sum
		}
		vd, again := seen[sum]
		if !again {
			vd = &verdict{first: pi.path, info: imageMemo.header(sum, img.Data)}
			seen[sum] = vd
			if vd.info.headerErr == nil {
				cost += vd.info.cost
				if cost > maxDocumentDecodeCost {
					vd.info.err = fmt.Errorf("not decoded: the images of this document together would take too long to decode (at most about %d seconds); use fewer or smaller images",
						maxDocumentDecodeCost/1_000_000_000+1)
				} else {
					vd.info = imageMemo.full(sum, img.Data)
				}
			}
		}
		info := vd.info
		bad := info.headerErr
		if bad == nil {
			bad = info.err
		}
		switch {
		case bad != nil && again: // one message per image, however often it is used
			v.errorf(pi.path, "the same image as %s, refused there", vd.first)
		case bad != nil:
			v.errorf(pi.path, "%s", bad)
		}
		if want := hex.EncodeToString(sum[:]); img.SHA256 != want {
			v.errorf(pi.path, "sha256 %q does not match the image data (its sha256 is %s…)", shorten(img.SHA256), want[:12])
		}
		if bad != nil {
			continue
		}
		if img.MediaType != info.mediaType {
			v.errorf(pi.path, "media type %q does not match the content (%s)", shorten(img.MediaType), info.mediaType)
		}
		// Width and height are derived data; zero means "not filled in yet".
		if (img.Width != 0 || img.Height != 0) && (img.Width != info.width || img.Height != info.height) {
			v.errorf(pi.path, "size %d×%d does not match the content (%d×%d)", img.Width, img.Height, info.width, info.height)
		}
	}
}

// imageInfo is what is known about some bytes: their headers' verdict (inspectImage),
// and once decoded, CheckImage's.
type imageInfo struct {
	imageHeader
	headerErr error
	decoded   bool
	err       error // the decode's error, when decoded
}

// imageMemo remembers what inspectImage and CheckImage said about images, by the SHA-256
// of their bytes. Validate runs on every keystroke, and fully decoding a few megabytes of
// images each time would make typing lag; Decode, Validate and the store all see the
// same images, and each distinct one is decoded once. Equal hashes mean equal bytes, so a
// remembered verdict is always the verdict that would be given again.
var imageMemo = &imageVerdicts{m: map[[sha256.Size]byte]imageInfo{}}

type imageVerdicts struct {
	sync.Mutex
	m map[[sha256.Size]byte]imageInfo
}

// imageMemoMax bounds the memo; when full it starts over (a document has at most
// 40 scopes × 3 images).
const imageMemoMax = 256

// header returns the headers' verdict, inspecting the bytes when they are new.
func (iv *imageVerdicts) header(sum [sha256.Size]byte, data []byte) imageInfo {
	iv.Lock()
	info, ok := iv.m[sum]
	iv.Unlock()
	if ok {
		return info
	}
	info.imageHeader, info.headerErr = inspectImage(data)
	return iv.store(sum, info)
}

// full returns CheckImage's verdict, decoding the bytes the first time. Decoding runs
// outside the lock: two validations may decode the same image at once, which costs
// time, never correctness.
func (iv *imageVerdicts) full(sum [sha256.Size]byte, data []byte) imageInfo {
	info := iv.header(sum, data)
	if info.decoded || info.headerErr != nil {
		return info
	}
	info.decoded = true
	info.err = decodeImage(info.imageHeader, data)
	return iv.store(sum, info)
}

func (iv *imageVerdicts) store(sum [sha256.Size]byte, info imageInfo) imageInfo {
	iv.Lock()
	defer iv.Unlock()
	if len(iv.m) >= imageMemoMax {
		clear(iv.m)
	}
	iv.m[sum] = info
	return info
}
