package model

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Change is one difference between two documents, in words a person can read.
//
// Old and New are never blank: a value that is not set (an empty string, an absent
// image, a document that does not exist yet) reads "(not set)". Strings are quoted as Go
// quotes them (so control characters cannot reach the terminal), numbers are plain,
// booleans read "on"/"off", choices from a fixed list (capture method, mode, a region's
// choice, ID types) are plain, purgeAfterDays nil reads "keep forever", images read
// "image/png 120×40 sha256:1a2b3c4d…" and never show their data.
type Change struct {
	Path string // e.g. "general.callbackUrl", in the style of validation paths
	Old  string // "(not set)" when added
	New  string // "(not set)" when removed
}

// String formats the change as the command line prints it, "path: old → new", each
// part through Escape: a key or value holding a newline or ESC can neither forge a line
// nor reach the terminal.
func (c Change) String() string {
	return Escape(c.Path) + ": " + Escape(c.Old) + " → " + Escape(c.New)
}

// NotSet is how a Change shows a value that is not set.
const NotSet = "(not set)"

// Diff lists every difference from a to b, in the order of the editor's tabs (general,
// client, branding, acceptedIds, dataSettings, documents, security) and, inside each,
// in the order the editor shows the fields: locales by English name, regions as Regions
// lists them, countries by code, documents by position. A document that is new in b is
// listed field by field under its index ("documents[3].code", …).
//
// Settings are compared as Encode writes them (see canonical), so Diff is empty exactly
// when the two encode alike; images compare by media type, hash and, when both have
// their bytes, the bytes.
func Diff(a, b Settings) []Change {
	w := differ{}
	w.settings(canonical(a), canonical(b))
	return w.out
}

// sameSettings reports whether Diff(a, b) is empty, stopping at the first difference.
func sameSettings(a, b Settings) bool {
	w := differ{limit: 1}
	w.settings(canonical(a), canonical(b))
	return len(w.out) == 0
}

type differ struct {
	out   []Change
	limit int // stop after this many changes; 0 = all
}

func (w *differ) done() bool { return w.limit > 0 && len(w.out) >= w.limit }

func (w *differ) add(path, old, new string) {
	if !w.done() {
		w.out = append(w.out, Change{Path: path, Old: old, New: new})
	}
}

func (w *differ) text(path, a, b string) {
	if a != b {
		w.add(path, showText(a), showText(b))
	}
}

func (w *differ) flag(path string, a, b bool) {
	if a != b {
		w.add(path, onOff(a), onOff(b))
	}
}

func (w *differ) settings(a, b Settings) {
	ga, gb := a.General, b.General
	w.text("general.callbackUrl", ga.CallbackURL, gb.CallbackURL)
	w.text("general.successUrl", ga.SuccessURL, gb.SuccessURL)
	w.text("general.errorUrl", ga.ErrorURL, gb.ErrorURL)
	if ga.TokenLifetimeMinutes != gb.TokenLifetimeMinutes {
		w.add("general.tokenLifetimeMinutes", strconv.Itoa(ga.TokenLifetimeMinutes), strconv.Itoa(gb.TokenLifetimeMinutes))
	}
	if !slices.Equal(ga.OwnedDomains, gb.OwnedDomains) {
		w.add("general.ownedDomains", showList(ga.OwnedDomains, showText), showList(gb.OwnedDomains, showText))
	}

	ca, cb := a.Client, b.Client
	if ca.CaptureMethod != cb.CaptureMethod {
		w.add("client.captureMethod", showChoice(ca.CaptureMethod, CaptureMethods()), showChoice(cb.CaptureMethod, CaptureMethods()))
	}
	w.flag("client.skipIntro", ca.SkipIntro, cb.SkipIntro)
	w.text("client.domainPrefix", ca.DomainPrefix, cb.DomainPrefix)
	if ca.DefaultLanguage != cb.DefaultLanguage {
		w.add("client.defaultLanguage", showLanguage(ca.DefaultLanguage), showLanguage(cb.DefaultLanguage))
	}

	w.scope("branding.default", a.Branding.Default, b.Branding.Default)
	// The maps are large and mostly equal: the ordered walk is only for a difference.
	for _, code := range orderIfUnequal(a.Branding.Locales, b.Branding.Locales, localeCodes, sameScope) {
		if w.done() {
			return
		}
		w.scope(keyPath("branding.locales", code), a.Branding.Locales[code], b.Branding.Locales[code])
	}

	w.accepted(a.AcceptedIDs, b.AcceptedIDs)

	fa, fb := a.DataSettings.Fields, b.DataSettings.Fields
	w.flag("dataSettings.fields.dateOfBirth", fa.DateOfBirth, fb.DateOfBirth)
	w.flag("dataSettings.fields.idNumber", fa.IDNumber, fb.IDNumber)
	w.flag("dataSettings.fields.firstName", fa.FirstName, fb.FirstName)
	w.flag("dataSettings.fields.lastName", fa.LastName, fb.LastName)
	w.flag("dataSettings.fields.expiryDate", fa.ExpiryDate, fb.ExpiryDate)
	w.flag("dataSettings.fields.usState", fa.USState, fb.USState)
	w.flag("dataSettings.fields.personalNumber", fa.PersonalNumber, fb.PersonalNumber)
	w.flag("dataSettings.fields.mrzCheck", fa.MRZCheck, fb.MRZCheck)
	ra, rb := a.DataSettings.Retention, b.DataSettings.Retention
	if pa, pb := showPurge(ra.PurgeAfterDays), showPurge(rb.PurgeAfterDays); pa != pb {
		w.add("dataSettings.retention.purgeAfterDays", pa, pb)
	}
	w.flag("dataSettings.retention.deleteFraud", ra.DeleteFraud, rb.DeleteFraud)

	for i := range max(len(a.Documents), len(b.Documents)) {
		if w.done() {
			return
		}
		if i < len(a.Documents) && i < len(b.Documents) && sameDocument(a.Documents[i], b.Documents[i]) {
			continue // no paths to build
		}
		w.document(i, a.Documents, b.Documents)
	}

	w.flag("security.twoFactor", a.Security.TwoFactor, b.Security.TwoFactor)
}

func (w *differ) scope(path string, a, b BrandScope) {
	w.text(path+".primaryColor", a.PrimaryColor, b.PrimaryColor)
	w.text(path+".secondaryColor", a.SecondaryColor, b.SecondaryColor)
	w.image(path+".headerImage", a.HeaderImage, b.HeaderImage)
	w.image(path+".successImage", a.SuccessImage, b.SuccessImage)
	w.image(path+".errorImage", a.ErrorImage, b.ErrorImage)
}

func (w *differ) image(path string, a, b *Image) {
	if !sameImage(a, b) {
		w.add(path, showImage(a), showImage(b))
	}
}

// sameImage compares images as the store identifies them: by media type and hash, and
// by bytes when both have theirs (nil Data means the bytes are kept elsewhere).
func sameImage(a, b *Image) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.MediaType != b.MediaType || a.SHA256 != b.SHA256 {
		return false
	}
	if a.Data == nil || b.Data == nil || len(a.Data) == 0 && len(b.Data) == 0 {
		return true
	}
	// Images are immutable and shared between clones: the same backing array is the same
	// image, without comparing megabytes.
	if len(a.Data) == len(b.Data) && &a.Data[0] == &b.Data[0] {
		return true
	}
	return bytes.Equal(a.Data, b.Data)
}

func (w *differ) accepted(a, b AcceptedIDs) {
	if a.Mode != b.Mode {
		w.add("acceptedIds.mode", showChoice(a.Mode, []AcceptMode{ModeRegion, ModeCountry}), showChoice(b.Mode, []AcceptMode{ModeRegion, ModeCountry}))
	}
	w.flag("acceptedIds.autoAcceptNew", a.AutoAcceptNew, b.AutoAcceptNew)
	for _, r := range keyOrder(a.Regions, b.Regions, Regions()) {
		ra, rb := a.Regions[r], b.Regions[r]
		if ra != rb {
			w.add(keyPath("acceptedIds.regions", string(r)), showChoice(ra, RegionChoices()), showChoice(rb, RegionChoices()))
		}
	}
	for _, code := range orderIfUnequal(a.Countries, b.Countries, nil, slices.Equal[[]IDType]) {
		if w.done() {
			return
		}
		ta, tb := a.Countries[code], b.Countries[code]
		if !slices.Equal(ta, tb) {
			w.add(keyPath("acceptedIds.countries", code), showIDTypes(ta), showIDTypes(tb))
		}
	}
}

func (w *differ) document(i int, as, bs []Document) {
	path := indexPath("documents", i)
	var a, b Document
	var hasA, hasB bool
	if i < len(as) {
		a, hasA = as[i], true
	}
	if i < len(bs) {
		b, hasB = bs[i], true
	}
	w.text(path+".code", a.Code, b.Code)
	w.text(path+".name", a.Name, b.Name)
	w.text(path+".label", a.Label, b.Label)
	for _, code := range orderIfUnequal(a.Translations, b.Translations, localeCodes, func(x, y string) bool { return x == y }) {
		ta, okA := a.Translations[code]
		tb, okB := b.Translations[code]
		if okA != okB || ta != tb {
			w.add(keyPath(path+".translations", code), showTranslation(ta, okA), showTranslation(tb, okB))
		}
	}
	if hasA != hasB || a.Enabled != b.Enabled {
		old, new := onOff(a.Enabled), onOff(b.Enabled)
		if !hasA {
			old = NotSet
		}
		if !hasB {
			new = NotSet
		}
		w.add(path+".enabled", old, new)
	}
}

// orderIfUnequal returns nil when two maps hold equal values under equal keys (nothing to
// walk), else the union of their keys in order (see keyOrder).
func orderIfUnequal[K ~string, V any](a, b map[K]V, known []K, eq func(V, V) bool) []K {
	if len(a) == len(b) {
		same := true
		for k, va := range a {
			if vb, ok := b[k]; !ok || !eq(va, vb) {
				same = false
				break
			}
		}
		if same {
			return nil
		}
	}
	return keyOrder(a, b, known)
}

func sameDocument(a, b Document) bool {
	if a.Code != b.Code || a.Name != b.Name || a.Label != b.Label || a.Enabled != b.Enabled ||
		len(a.Translations) != len(b.Translations) {
		return false
	}
	for k, v := range a.Translations {
		if w, ok := b.Translations[k]; !ok || v != w {
			return false
		}
	}
	return true
}

func sameScope(a, b BrandScope) bool {
	return a.PrimaryColor == b.PrimaryColor && a.SecondaryColor == b.SecondaryColor &&
		sameImage(a.HeaderImage, b.HeaderImage) && sameImage(a.SuccessImage, b.SuccessImage) &&
		sameImage(a.ErrorImage, b.ErrorImage)
}

// localeCodes are the codes of Locales, in their order (by English name), then used to
// order locale keys; never modified.
var localeCodes = func() []string {
	out := make([]string, len(locales))
	for i, l := range locales {
		out[i] = l.Code
	}
	return out
}()

// keyOrder lists the union of two maps' keys: those in known first, in its order, then
// the rest sorted.
func keyOrder[K ~string, V any](a, b map[K]V, known []K) []K {
	out := make([]K, 0, max(len(a), len(b)))
	seen := make(map[K]bool, len(known))
	for _, k := range known {
		seen[k] = true
		_, inA := a[k]
		_, inB := b[k]
		if inA || inB {
			out = append(out, k)
		}
	}
	n := len(out)
	for _, m := range []map[K]V{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	slices.Sort(out[n:])
	return out
}

func showText(s string) string {
	if s == "" {
		return NotSet
	}
	return strconv.Quote(s)
}

func showTranslation(s string, ok bool) string {
	switch {
	case !ok:
		return NotSet
	case s == "":
		return `"" (empty)`
	}
	return strconv.Quote(s)
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// showChoice shows a value from a fixed list plainly, and anything else quoted, so an
// invalid value is visibly a string someone typed.
func showChoice[T ~string](v T, known []T) string {
	if v == "" {
		return NotSet
	}
	if slices.Contains(known, v) {
		return string(v)
	}
	return strconv.Quote(string(v))
}

func showLanguage(code string) string {
	if code == "" {
		return "(not set: English (US))"
	}
	if l, ok := LocaleByCode(code); ok && l.Code == code {
		return fmt.Sprintf("%s (%s)", l.Name, code)
	}
	return strconv.Quote(code)
}

func showList[T any](l []T, show func(T) string) string {
	if len(l) == 0 {
		return "(none)"
	}
	parts := make([]string, len(l))
	for i, v := range l {
		parts[i] = show(v)
	}
	return strings.Join(parts, ", ")
}

func showIDTypes(ts []IDType) string {
	return showList(ts, func(t IDType) string { return showChoice(t, IDTypes()) })
}

func showPurge(days *int) string {
	if days == nil {
		return "keep forever"
	}
	return strconv.Itoa(*days)
}

// showImage reads "image/png 120×40 sha256:1a2b3c4d…".
func showImage(img *Image) string {
	if img == nil {
		return NotSet
	}
	mt := img.MediaType
	if mt == "" {
		mt = "image"
	} else if !plainKey(strings.ReplaceAll(mt, "/", "")) {
		mt = strconv.Quote(mt)
	}
	size := ""
	if img.Width > 0 && img.Height > 0 {
		size = fmt.Sprintf(" %d×%d", img.Width, img.Height)
	}
	sum := img.SHA256
	switch {
	case sum == "":
		sum = "(no hash)"
	case !hexString(sum):
		sum = "sha256:" + shortQuote(sum)
	case len(sum) > 8:
		sum = "sha256:" + sum[:8] + "…"
	default:
		sum = "sha256:" + sum
	}
	return mt + size + " " + sum
}

func hexString(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
