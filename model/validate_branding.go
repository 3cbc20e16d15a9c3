package model

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

func (v *validator) branding(b Branding) {
	v.brandScope("branding.default", b.Default)
	for code, sc := range b.Locales {
		if m := localeProblem(code); m != "" {
			v.errorf("branding.locales."+code, "%s", m)
		}
		if !sc.IsZero() {
			v.brandScope("branding.locales."+code, sc)
		}
	}
}

// brandScope checks the fields of one scope; path is built by the caller only for scopes
// with something set, which keeps the per-keystroke cost down.
func (v *validator) brandScope(path string, sc BrandScope) {
	if sc.PrimaryColor != "" && !isHexColor(sc.PrimaryColor) {
		v.errorf(path+".primaryColor", `%q is not a colour: use #RRGGBB, a "#" and six hex digits`, shorten(sc.PrimaryColor))
	}
	if sc.SecondaryColor != "" && !isHexColor(sc.SecondaryColor) {
		v.errorf(path+".secondaryColor", `%q is not a colour: use #RRGGBB, a "#" and six hex digits`, shorten(sc.SecondaryColor))
	}
	if sc.HeaderImage != nil {
		v.image(path+".headerImage", sc.HeaderImage)
	}
	if sc.SuccessImage != nil {
		v.image(path+".successImage", sc.SuccessImage)
	}
	if sc.ErrorImage != nil {
		v.image(path+".errorImage", sc.ErrorImage)
	}
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

// image checks a stored image: bytes CheckImage accepts, a SHA256 field that is the hash
// of those bytes, and a media type (and size, when given) that match the content.
func (v *validator) image(path string, img *Image) {
	sum := sha256.Sum256(img.Data)
	info := checkImageMemo(sum, img.Data)
	if info.err != nil {
		v.errorf(path, "%s", info.err)
	}
	if want := hex.EncodeToString(sum[:]); img.SHA256 != want {
		v.errorf(path, "sha256 %q does not match the image data (its sha256 is %s…)", shorten(img.SHA256), want[:12])
	}
	if info.err != nil {
		return
	}
	if img.MediaType != info.mediaType {
		v.errorf(path, "media type %q does not match the content (%s)", shorten(img.MediaType), info.mediaType)
	}
	// Width and height are derived data; zero means "not filled in yet".
	if (img.Width != 0 || img.Height != 0) && (img.Width != info.width || img.Height != info.height) {
		v.errorf(path, "size %d×%d does not match the content (%d×%d)", img.Width, img.Height, info.width, info.height)
	}
}

// imageInfo is what CheckImage says about some bytes.
type imageInfo struct {
	mediaType     string
	width, height int
	err           error
}

// imageMemo remembers CheckImage's verdict by the SHA-256 of the bytes. Validate runs on
// every keystroke, and fully decoding a few megabytes of images each time would make
// typing lag; the hash is computed anyway for the sha256 rule, and equal hashes mean equal
// bytes, so a remembered verdict is always the verdict CheckImage would give again.
var imageMemo = struct {
	sync.Mutex
	m map[[sha256.Size]byte]imageInfo
}{m: map[[sha256.Size]byte]imageInfo{}}

// imageMemoMax bounds the memo; when full it starts over (a document has at most
// 40 scopes × 3 images).
const imageMemoMax = 256

func checkImageMemo(sum [sha256.Size]byte, data []byte) imageInfo {
	imageMemo.Lock()
	info, ok := imageMemo.m[sum]
	imageMemo.Unlock()
	if ok {
		return info
	}
	// Decoded outside the lock: two validations may decode the same image at once, which
	// costs time, never correctness.
	info.mediaType, info.width, info.height, info.err = CheckImage(data)
	imageMemo.Lock()
	if len(imageMemo.m) >= imageMemoMax {
		clear(imageMemo.m)
	}
	imageMemo.m[sum] = info
	imageMemo.Unlock()
	return info
}
