package model

import (
	"bytes"
	"encoding/base64"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// The default document, in full: the shape of PRODUCT.md §4, keys sorted at every level.
const defaultDocument = `{
  "acceptedIds": {
    "autoAcceptNew": true,
    "countries": {},
    "mode": "region",
    "regions": {
      "AFRICA": "supported",
      "AMERICAS": "supported",
      "ASIA": "supported",
      "EUROPE": "supported",
      "OCEANIA": "supported"
    }
  },
  "branding": {
    "default": {
      "primaryColor": "",
      "secondaryColor": ""
    },
    "locales": {}
  },
  "client": {
    "captureMethod": "webcam_and_upload",
    "defaultLanguage": "",
    "domainPrefix": "",
    "skipIntro": false
  },
  "dataSettings": {
    "fields": {
      "dateOfBirth": true,
      "expiryDate": false,
      "firstName": true,
      "idNumber": true,
      "lastName": true,
      "mrzCheck": false,
      "personalNumber": false,
      "usState": false
    },
    "retention": {
      "deleteFraud": false,
      "purgeAfterDays": 360
    }
  },
  "documents": [],
  "format": "idvset.settings/v1",
  "general": {
    "callbackUrl": "",
    "errorUrl": "",
    "ownedDomains": [],
    "successUrl": "",
    "tokenLifetimeMinutes": 30
  },
  "security": {
    "twoFactor": false
  }
}
`

func TestEncodeDefault(t *testing.T) {
	if got := string(Encode(Default())); got != defaultDocument {
		t.Fatalf("got:\n%s", got)
	}
	// The zero value writes the same shape (nil maps and lists as empty ones).
	var zero Settings
	out := string(Encode(zero))
	for _, want := range []string{`"countries": {}`, `"locales": {}`, `"documents": []`, `"ownedDomains": []`, `"purgeAfterDays": null`, `"AFRICA": "supported"`} {
		if !strings.Contains(out, want) {
			t.Errorf("zero settings: %s missing in\n%s", want, out)
		}
	}
}

// The spec example, decoded and written back, matches the committed canonical form
// (without image data: the PNG encoder's bytes are not ours to pin).
func TestEncodeSpecExampleGolden(t *testing.T) {
	doc := strings.Replace(string(readTestdata(t, "spec_example.json")), "<base64>",
		base64.StdEncoding.EncodeToString(testPNG(t, 12, 4)), 1)
	got := EncodeWithoutImageData(mustDecode(t, doc))
	const golden = "testdata/spec_example.canonical.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := readTestdata(t, "spec_example.canonical.json"); !bytes.Equal(got, want) {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestEncodeIsStable(t *testing.T) {
	s := fullSettings(t)
	first := Encode(s)
	for range 20 { // map iteration order differs from run to run
		if got := Encode(s); !bytes.Equal(got, first) {
			t.Fatal("two encodings of the same settings differ")
		}
		if got := Encode(s.Clone()); !bytes.Equal(got, first) {
			t.Fatal("a clone encodes differently")
		}
	}
	if !bytes.HasSuffix(first, []byte("}\n")) || bytes.Contains(first, []byte("\t")) {
		t.Error("not two-space indented with a final newline")
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	s := fullSettings(t)
	enc := Encode(s)
	back, err := Decode(enc, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again := Encode(back); !bytes.Equal(again, enc) {
		t.Fatalf("Encode(Decode(Encode(s))) differs from Encode(s)")
	}
	if !reflect.DeepEqual(back, s) {
		t.Fatalf("Decode(Encode(s)) is not s")
	}
	png := back.Branding.Default.HeaderImage
	if png.MediaType != s.Branding.Default.HeaderImage.MediaType || !bytes.Equal(png.Data, s.Branding.Default.HeaderImage.Data) {
		t.Fatalf("image lost in the round trip: %+v", png)
	}
}

func TestEncodeWithoutImageData(t *testing.T) {
	s := fullSettings(t)
	enc := EncodeWithoutImageData(s)
	if bytes.Contains(enc, []byte(`"data"`)) {
		t.Fatal(`"data" written`)
	}
	if !bytes.Contains(enc, []byte(`"sha256": "`+s.Branding.Default.HeaderImage.SHA256+`"`)) {
		t.Fatal("sha256 missing")
	}
	back, err := Decode(enc, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	img := back.Branding.Locales["de"].SuccessImage
	if img.Data != nil || img.SHA256 != s.Branding.Locales["de"].SuccessImage.SHA256 {
		t.Fatalf("got %+v, want nil Data and the hash", img)
	}
	// An image without its bytes stays without: Encode does not invent empty data.
	if again := Encode(back); !bytes.Equal(again, enc) {
		t.Fatal("Encode of a document decoded without image data differs")
	}
}

// Settings built in code with loose spellings encode as Decode would read them, so the
// round trip holds for them too.
func TestEncodeNormalises(t *testing.T) {
	loose := Default()
	loose.Client.DefaultLanguage = "pt_br"
	loose.Branding.Default.PrimaryColor = "#abcdef"
	loose.Branding.Locales["EN_gb"] = BrandScope{SecondaryColor: "#0a0a0a"}
	loose.Branding.Locales["fr"] = BrandScope{} // nothing set: left out
	loose.AcceptedIDs.Regions = map[Region]RegionChoice{"europe": RegionNone}
	loose.AcceptedIDs.Countries = map[string][]IDType{"deu": {Visa, Passport}, "FRA": {}}
	loose.Documents = []Document{{Code: "A", Translations: map[string]string{"es_mx": "x"}}}

	tidy := Default()
	tidy.Client.DefaultLanguage = "pt-BR"
	tidy.Branding.Default.PrimaryColor = "#ABCDEF"
	tidy.Branding.Locales["en-GB"] = BrandScope{SecondaryColor: "#0A0A0A"}
	tidy.AcceptedIDs.Regions[Europe] = RegionNone
	tidy.AcceptedIDs.Countries = map[string][]IDType{"DEU": {Passport, Visa}}
	tidy.Documents = []Document{{Code: "A", Translations: map[string]string{"es-MX": "x"}}}

	enc := Encode(loose)
	if want := Encode(tidy); !bytes.Equal(enc, want) {
		t.Fatalf("got:\n%s\nwant:\n%s", enc, want)
	}
	if again := Encode(mustDecode(t, string(enc))); !bytes.Equal(again, enc) {
		t.Fatal("round trip of normalised settings differs")
	}
	// Encoding never modifies what it is given.
	if loose.Branding.Default.PrimaryColor != "#abcdef" || len(loose.AcceptedIDs.Countries["deu"]) != 2 ||
		loose.AcceptedIDs.Countries["deu"][0] != Visa {
		t.Fatal("Encode modified its argument")
	}
}

// Two keys that normalise alike (only possible in settings built in code) give one key
// deterministically: the canonical spelling wins.
func TestEncodeCollidingKeys(t *testing.T) {
	s := Default()
	s.Branding.Locales["pt_br"] = BrandScope{PrimaryColor: "#111111"}
	s.Branding.Locales["pt-BR"] = BrandScope{PrimaryColor: "#222222"}
	s.Branding.Locales["PT_BR"] = BrandScope{PrimaryColor: "#333333"}
	for range 10 {
		enc := string(Encode(s))
		if strings.Count(enc, `"pt-BR"`) != 1 || !strings.Contains(enc, "#222222") || strings.Contains(enc, "#111111") {
			t.Fatalf("got:\n%s", enc)
		}
	}
}

func TestEncodeStrings(t *testing.T) {
	s := Default()
	s.General.CallbackURL = "https://a.example/?q=<b>&x=\"y\"\\"
	s.Documents = []Document{{Code: "Z", Name: "tab\there\nnew\x01line \u2028 \xff", Label: "Étiquette 日本"}}
	enc := Encode(s)
	for _, want := range []string{
		`"callbackUrl": "https://a.example/?q=<b>&x=\"y\"\\"`, // no HTML escaping
		`"name": "tab\there\nnew\u0001line \u2028 ` + "\uFFFD" + `"`,
		`"label": "Étiquette 日本"`,
	} {
		if !bytes.Contains(enc, []byte(want)) {
			t.Errorf("%s missing in\n%s", want, enc)
		}
	}
	back := mustDecode(t, string(enc))
	if back.Documents[0].Name != "tab\there\nnew\x01line \u2028 \ufffd" {
		t.Errorf("name read back as %q", back.Documents[0].Name)
	}
	if !bytes.Equal(Encode(back), enc) {
		t.Error("round trip differs")
	}
}
