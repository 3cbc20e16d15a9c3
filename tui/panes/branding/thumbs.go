package branding

import (
	"fmt"
	"image"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/image/draw"

	"idvset/model"
)

// The previews' pixels are decoded in a command (model.DecodeImage: only once the model
// has judged the image's size and decode cost) and kept, scaled down, by SHA-256: drawing
// never decodes, and forty scopes of 4096×4096 images cost a few megabytes, not gigabytes.
const (
	// thumbW and thumbH bound a kept picture: more than a 250-column terminal shows.
	thumbW, thumbH = 320, 160
	// maxThumbs bounds the pictures kept (40 scopes × 3 images is 120).
	maxThumbs = 128
)

// thumbs keeps the decoded pictures of the images shown.
type thumbs struct {
	done    map[string]image.Image // by SHA-256
	failed  map[string]string      // why an image could not be decoded
	pending map[string]bool
}

func newThumbs() thumbs {
	return thumbs{done: map[string]image.Image{}, failed: map[string]string{}, pending: map[string]bool{}}
}

// thumbMsg is a decoded picture, or why there is none.
type thumbMsg struct {
	sha string
	img image.Image
	err error
}

// want returns the command that decodes img when its picture is neither kept nor on its
// way.
func (t *thumbs) want(img *model.Image) tea.Cmd {
	if img == nil || img.Data == nil && !img.Stored() {
		return nil
	}
	sha := img.SHA256
	if t.done[sha] != nil || t.failed[sha] != "" || t.pending[sha] {
		return nil
	}
	t.pending[sha] = true
	return func() tea.Msg {
		data, err := img.Bytes() // a stored image's bytes are read now, off the UI
		if err != nil {
			return thumbMsg{sha: sha, err: err}
		}
		pic, err := model.DecodeImage(data)
		if err != nil {
			return thumbMsg{sha: sha, err: err}
		}
		return thumbMsg{sha: sha, img: shrink(pic)}
	}
}

// got keeps a decoded picture.
func (t *thumbs) got(msg thumbMsg) {
	delete(t.pending, msg.sha)
	if len(t.done)+len(t.failed) >= maxThumbs {
		clear(t.done)
		clear(t.failed)
	}
	if msg.err != nil {
		t.failed[msg.sha] = msg.err.Error()
		return
	}
	t.done[msg.sha] = msg.img
}

// shrink scales a picture down to fit thumbW × thumbH, keeping its aspect ratio.
func shrink(src image.Image) image.Image {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= thumbW && h <= thumbH {
		return src
	}
	scale := min(float64(thumbW)/float64(w), float64(thumbH)/float64(h))
	dw, dh := max(int(float64(w)*scale), 1), max(int(float64(h)*scale), 1)
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	return dst
}

// imageCaption is what the preview says under a picture: "PNG · 1.2 KiB · 48×16".
func imageCaption(img *model.Image) string {
	return imageType(img) + " · " + sizeText(img.Size()) + " · " + fmt.Sprintf("%d×%d", img.Width, img.Height)
}

// imageType is "PNG" or "JPEG" (or the stored media type, escaped, when it is neither).
func imageType(img *model.Image) string {
	switch img.MediaType {
	case "image/png":
		return "PNG"
	case "image/jpeg":
		return "JPEG"
	case "":
		return "image"
	}
	return fmt.Sprintf("%q", img.MediaType)
}

// sizeText is a size in bytes for people: "812 bytes", "12.4 KiB", "4.8 MiB".
func sizeText(n int) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KiB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1024*1024))
}
