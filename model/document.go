package model

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Format is the format tag of a settings document.
const Format = "idvset.settings/v1"

// DecodeOptions says how to read images given as files.
type DecodeOptions struct {
	// BaseDir is the directory "file" image paths are relative to; "" refuses "file".
	BaseDir string
}

// Decode reads a settings document strictly and returns every problem at once as
// Violations, each with its path (at most MaxViolations, the last counting the rest):
//   - a document over MaxDocumentBytes (refused before parsing) or MaxDocumentValues;
//   - invalid JSON (with line and column), data after the document, text that is not
//     valid Unicode (invalid UTF-8, a lone surrogate escape: never replaced by U+FFFD);
//   - duplicate keys, unknown fields (with the closest known name suggested), wrong JSON
//     types, numbers whose exact value is not whole where an integer is due, a "format"
//     other than Format;
//   - images whose data is not base64, whose file cannot be read or is not a regular
//     file, or that CheckImage refuses (see decoder.image).
//
// A document without "format" is taken as Format. Missing sections and fields take
// their defaults (Default); a document's missing "enabled" is true. null is refused
// everywhere except retention.purgeAfterDays, where it means "keep forever".
//
// Decode normalises spellings that mean the same thing: locale codes ("pt_br" → "pt-BR")
// as keys and in client.defaultLanguage, colours to upper case, country and region keys
// to upper case, ID type lists into IDTypes order (stably: duplicates and unknown types
// are kept, after the known ones, for Validate to report). Two keys that normalise to the
// same one are refused as given twice.
//
// An image is {"mediaType", "sha256", "data": base64} (as Encode writes it), {"file":
// "relative/path.png"} read from opt.BaseDir (absolute paths, paths leaving BaseDir,
// and any file when BaseDir is "" are refused), or {"mediaType", "sha256"} without data
// (as EncodeWithoutImageData writes it): then Data is nil, and a store that keeps image
// bytes by hash fills it in (NewImage or CheckImage give Width and Height). With bytes
// at hand, SHA256 is computed when absent and MediaType, Width and Height come from
// CheckImage; a sha256 or mediaType the document gives is kept, for Validate to compare.
//
// It does not run Validate: values that can be represented (an unknown locale, a bad
// colour, a port in a URL) are left for Validate to report. On error the returned
// Settings are the zero value.
func Decode(data []byte, opt DecodeOptions) (Settings, error) {
	s, _, err := decode(data, opt)
	return s, err
}

// decode is Decode that also returns the images given as "file" references.
func decode(data []byte, opt DecodeOptions) (Settings, ImageFiles, error) {
	if len(data) > MaxDocumentBytes {
		return Settings{}, nil, Violations{documentTooLarge(int64(len(data)))}
	}
	t, errs := parseJSON(data)
	if t == nil {
		return Settings{}, nil, errs
	}
	d := &decoder{opt: opt, t: t}
	defer d.close()
	s := d.document(0)
	if d.errs.len() > 0 {
		return Settings{}, nil, d.errs.result()
	}
	return s, d.imageFiles, nil
}

// DecodeFile reads a settings document file and decodes it (see Decode), with image
// "file" references relative to the file's directory. A file over MaxDocumentBytes is
// refused before it is read: a regular file by its size, anything else (a pipe, as in
// "idvset validate <(…)") as soon as reading passes the limit. The error is Violations
// for the document's problems, or the *fs.PathError of a file that cannot be read.
func DecodeFile(path string) (Settings, error) {
	data, err := readDocumentFile(path)
	if err != nil {
		return Settings{}, err
	}
	return Decode(data, DecodeOptions{BaseDir: filepath.Dir(path)})
}

func readDocumentFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		if fi.Size() > MaxDocumentBytes {
			return nil, Violations{documentTooLarge(fi.Size())}
		}
		size = fi.Size() + 1 // one more, to see the end: the file may have grown
	}
	// Read into a buffer of the file's size: io.ReadAll's growing buffer would leave
	// copies of a large document behind.
	data := make([]byte, 0, size)
	r := io.LimitReader(f, MaxDocumentBytes+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
	}
	if len(data) > MaxDocumentBytes {
		return nil, Violations{documentTooLarge(-1)}
	}
	return data, nil
}

// documentTooLarge is the violation of a document of size bytes, more than
// MaxDocumentBytes; size < 0 means "more, by how much is not known" (a pipe).
func documentTooLarge(size int64) Violation {
	n := ""
	if size >= 0 {
		n = " (" + groupThousands(int(size)) + " bytes)"
	}
	return Violation{Path: rootPath, Message: fmt.Sprintf(
		"larger than the %s limit%s: give large images as \"file\" references instead of inline data",
		sizeName(MaxDocumentBytes), n)}
}

func (d *decoder) document(root node) Settings {
	s := Default()
	d.fields(root, "", topKeys, func(k string, v node, p string) bool {
		switch k {
		case "format":
			var f string
			if d.str(v, p, &f) && f != Format {
				d.fail(p, "unsupported format %s: expected %q", shortQuote(f), Format)
			}
		case "general":
			d.general(v, p, &s.General)
		case "client":
			d.client(v, p, &s.Client)
		case "branding":
			d.branding(v, p, &s.Branding)
		case "acceptedIds":
			d.accepted(v, p, &s.AcceptedIDs)
		case "dataSettings":
			d.dataSettings(v, p, &s.DataSettings)
		case "documents":
			s.Documents = d.documents(v, p)
		case "security":
			d.fields(v, p, []string{"twoFactor"}, func(k string, v node, p string) bool {
				if k != "twoFactor" {
					return false
				}
				d.boolean(v, p, &s.Security.TwoFactor)
				return true
			})
		default:
			return false
		}
		return true
	})
	return s
}

// The keys of each object of the document, for unknown-field suggestions.
var (
	topKeys       = []string{"format", "general", "client", "branding", "acceptedIds", "dataSettings", "documents", "security"}
	generalKeys   = []string{"callbackUrl", "successUrl", "errorUrl", "tokenLifetimeMinutes", "ownedDomains"}
	clientKeys    = []string{"captureMethod", "skipIntro", "domainPrefix", "defaultLanguage"}
	brandingKeys  = []string{"default", "locales"}
	scopeKeys     = []string{"primaryColor", "secondaryColor", "headerImage", "successImage", "errorImage"}
	imageKeys     = []string{"mediaType", "sha256", "data", "file"}
	acceptedKeys  = []string{"mode", "autoAcceptNew", "regions", "countries"}
	dataKeys      = []string{"fields", "retention"}
	fieldKeys     = []string{"dateOfBirth", "idNumber", "firstName", "lastName", "expiryDate", "usState", "personalNumber", "mrzCheck"}
	retentionKeys = []string{"purgeAfterDays", "deleteFraud"}
	documentKeys  = []string{"code", "name", "label", "translations", "enabled"}
)

func (d *decoder) general(n node, path string, g *General) {
	d.fields(n, path, generalKeys, func(k string, v node, p string) bool {
		switch k {
		case "callbackUrl":
			d.str(v, p, &g.CallbackURL)
		case "successUrl":
			d.str(v, p, &g.SuccessURL)
		case "errorUrl":
			d.str(v, p, &g.ErrorURL)
		case "tokenLifetimeMinutes":
			d.integer(v, p, &g.TokenLifetimeMinutes)
		case "ownedDomains":
			if l := d.strings(v, p); l != nil {
				g.OwnedDomains = l
			}
		default:
			return false
		}
		return true
	})
}

func (d *decoder) client(n node, path string, c *Client) {
	d.fields(n, path, clientKeys, func(k string, v node, p string) bool {
		switch k {
		case "captureMethod":
			strAs(d, v, p, &c.CaptureMethod)
		case "skipIntro":
			d.boolean(v, p, &c.SkipIntro)
		case "domainPrefix":
			d.str(v, p, &c.DomainPrefix)
		case "defaultLanguage":
			d.str(v, p, &c.DefaultLanguage)
			c.DefaultLanguage = normLocale(c.DefaultLanguage)
		default:
			return false
		}
		return true
	})
}

func (d *decoder) branding(n node, path string, b *Branding) {
	d.fields(n, path, brandingKeys, func(k string, v node, p string) bool {
		switch k {
		case "default":
			b.Default = d.scope(v, p)
		case "locales":
			d.normKeys(v, p, normLocale, func(code string, v node, p string) {
				b.Locales[code] = d.scope(v, p)
			})
		default:
			return false
		}
		return true
	})
}

func (d *decoder) scope(n node, path string) BrandScope {
	var s BrandScope
	d.fields(n, path, scopeKeys, func(k string, v node, p string) bool {
		switch k {
		case "primaryColor":
			d.str(v, p, &s.PrimaryColor)
			s.PrimaryColor = normColor(s.PrimaryColor)
		case "secondaryColor":
			d.str(v, p, &s.SecondaryColor)
			s.SecondaryColor = normColor(s.SecondaryColor)
		case "headerImage":
			s.HeaderImage = d.image(v, p)
		case "successImage":
			s.SuccessImage = d.image(v, p)
		case "errorImage":
			s.ErrorImage = d.image(v, p)
		default:
			return false
		}
		return true
	})
	return s
}

func (d *decoder) accepted(n node, path string, a *AcceptedIDs) {
	d.fields(n, path, acceptedKeys, func(k string, v node, p string) bool {
		switch k {
		case "mode":
			strAs(d, v, p, &a.Mode)
		case "autoAcceptNew":
			d.boolean(v, p, &a.AutoAcceptNew)
		case "regions":
			// Regions not named keep their default ("supported").
			d.normKeys(v, p, asciiUpper, func(r string, v node, p string) {
				var c RegionChoice
				if strAs(d, v, p, &c) {
					a.Regions[Region(r)] = c
				}
			})
		case "countries":
			d.normKeys(v, p, asciiUpper, func(code string, v node, p string) {
				list := d.strings(v, p)
				if list == nil {
					return
				}
				types := make([]IDType, len(list))
				for i, t := range list {
					types[i] = IDType(t)
				}
				sortIDTypes(types)
				a.Countries[code] = types
			})
		default:
			return false
		}
		return true
	})
}

func (d *decoder) dataSettings(n node, path string, ds *DataSettings) {
	d.fields(n, path, dataKeys, func(k string, v node, p string) bool {
		switch k {
		case "fields":
			f := &ds.Fields
			dst := map[string]*bool{
				"dateOfBirth": &f.DateOfBirth, "idNumber": &f.IDNumber, "firstName": &f.FirstName,
				"lastName": &f.LastName, "expiryDate": &f.ExpiryDate, "usState": &f.USState,
				"personalNumber": &f.PersonalNumber, "mrzCheck": &f.MRZCheck,
			}
			d.fields(v, p, fieldKeys, func(k string, v node, p string) bool {
				b, ok := dst[k]
				if ok {
					d.boolean(v, p, b)
				}
				return ok
			})
		case "retention":
			d.retention(v, p, &ds.Retention)
		default:
			return false
		}
		return true
	})
}

func (d *decoder) retention(n node, path string, r *Retention) {
	d.fields(n, path, retentionKeys, func(k string, v node, p string) bool {
		switch k {
		case "purgeAfterDays":
			if d.t.kind(v) == jsonNull { // keep forever
				r.PurgeAfterDays = nil
				return true
			}
			if d.t.kind(v) != jsonNumber {
				d.fail(p, "must be an integer or null (keep forever), got %s", d.t.describe(v))
				return true
			}
			days := DefaultPurgeAfterDays
			d.integer(v, p, &days)
			r.PurgeAfterDays = &days
		case "deleteFraud":
			d.boolean(v, p, &r.DeleteFraud)
		default:
			return false
		}
		return true
	})
}

func (d *decoder) documents(n node, path string) []Document {
	if !d.want(n, jsonArray, path) {
		return []Document{}
	}
	docs := make([]Document, 0, d.t.count(n))
	d.t.items(n, func(i int, item node) {
		doc := Document{Translations: map[string]string{}, Enabled: true}
		d.fields(item, indexPath(path, i), documentKeys, func(k string, v node, p string) bool {
			switch k {
			case "code":
				d.str(v, p, &doc.Code)
			case "name":
				d.str(v, p, &doc.Name)
			case "label":
				d.str(v, p, &doc.Label)
			case "translations":
				d.normKeys(v, p, normLocale, func(code string, v node, p string) {
					var t string
					d.str(v, p, &t)
					doc.Translations[code] = t
				})
			case "enabled":
				d.boolean(v, p, &doc.Enabled)
			default:
				return false
			}
			return true
		})
		docs = append(docs, doc)
	})
	return docs
}
