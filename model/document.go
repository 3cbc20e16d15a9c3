package model

// Format is the format tag of a settings document.
const Format = "idvset.settings/v1"

// DecodeOptions says how to read images given as files.
type DecodeOptions struct {
	// BaseDir is the directory "file" image paths are relative to; "" refuses "file".
	BaseDir string
}

// Decode reads a settings document strictly and returns every problem at once as
// Violations, each with its path:
//   - invalid JSON (with line and column), data after the document, duplicate keys,
//     unknown fields (with the closest known name suggested), wrong JSON types, numbers
//     that are not whole where an integer is due, a "format" other than Format;
//   - images whose data is not base64 or whose file cannot be read (see decoder.image).
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
	root, errs := parseJSON(data)
	if root == nil {
		return Settings{}, errs
	}
	d := &decoder{opt: opt, errs: errs}
	defer d.close()
	s := d.document(root)
	if len(d.errs) > 0 {
		d.errs.Sort()
		return Settings{}, d.errs
	}
	return s, nil
}

func (d *decoder) document(root *jsonNode) Settings {
	s := Default()
	d.fields(root, "", topKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "format":
			var f string
			d.str(v, p, &f)
			if v.kind == jsonString && f != Format {
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
			d.fields(v, p, []string{"twoFactor"}, func(k string, v *jsonNode, p string) bool {
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

func (d *decoder) general(n *jsonNode, path string, g *General) {
	d.fields(n, path, generalKeys, func(k string, v *jsonNode, p string) bool {
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

func (d *decoder) client(n *jsonNode, path string, c *Client) {
	d.fields(n, path, clientKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "captureMethod":
			var m string
			d.str(v, p, &m)
			if v.kind == jsonString {
				c.CaptureMethod = CaptureMethod(m)
			}
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

func (d *decoder) branding(n *jsonNode, path string, b *Branding) {
	d.fields(n, path, brandingKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "default":
			b.Default = d.scope(v, p)
		case "locales":
			d.normKeys(v, p, normLocale, func(code string, v *jsonNode, p string) {
				b.Locales[code] = d.scope(v, p)
			})
		default:
			return false
		}
		return true
	})
}

func (d *decoder) scope(n *jsonNode, path string) BrandScope {
	var s BrandScope
	d.fields(n, path, scopeKeys, func(k string, v *jsonNode, p string) bool {
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

func (d *decoder) accepted(n *jsonNode, path string, a *AcceptedIDs) {
	d.fields(n, path, acceptedKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "mode":
			var m string
			d.str(v, p, &m)
			if v.kind == jsonString {
				a.Mode = AcceptMode(m)
			}
		case "autoAcceptNew":
			d.boolean(v, p, &a.AutoAcceptNew)
		case "regions":
			// Regions not named keep their default ("supported").
			d.normKeys(v, p, asciiUpper, func(r string, v *jsonNode, p string) {
				var c string
				d.str(v, p, &c)
				if v.kind == jsonString {
					a.Regions[Region(r)] = RegionChoice(c)
				}
			})
		case "countries":
			d.normKeys(v, p, asciiUpper, func(code string, v *jsonNode, p string) {
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

func (d *decoder) dataSettings(n *jsonNode, path string, ds *DataSettings) {
	d.fields(n, path, dataKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "fields":
			f := &ds.Fields
			dst := map[string]*bool{
				"dateOfBirth": &f.DateOfBirth, "idNumber": &f.IDNumber, "firstName": &f.FirstName,
				"lastName": &f.LastName, "expiryDate": &f.ExpiryDate, "usState": &f.USState,
				"personalNumber": &f.PersonalNumber, "mrzCheck": &f.MRZCheck,
			}
			d.fields(v, p, fieldKeys, func(k string, v *jsonNode, p string) bool {
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

func (d *decoder) retention(n *jsonNode, path string, r *Retention) {
	d.fields(n, path, retentionKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "purgeAfterDays":
			if v.kind == jsonNull { // keep forever
				r.PurgeAfterDays = nil
				return true
			}
			if v.kind != jsonNumber {
				d.fail(p, "must be an integer or null (keep forever), got %s", v.describe())
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

func (d *decoder) documents(n *jsonNode, path string) []Document {
	docs := []Document{}
	if !d.want(n, jsonArray, path) {
		return docs
	}
	for i, item := range n.items {
		doc := Document{Translations: map[string]string{}, Enabled: true}
		d.fields(item, indexPath(path, i), documentKeys, func(k string, v *jsonNode, p string) bool {
			switch k {
			case "code":
				d.str(v, p, &doc.Code)
			case "name":
				d.str(v, p, &doc.Name)
			case "label":
				d.str(v, p, &doc.Label)
			case "translations":
				d.normKeys(v, p, normLocale, func(code string, v *jsonNode, p string) {
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
	}
	return docs
}
