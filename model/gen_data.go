//go:build ignore

// gen_data turns Debian's iso-codes list of countries into model/data/countries.json
// (alpha-2, alpha-3, English name, UN M49 region from golang.org/x/text/language) and
// writes the default supported-ID catalog model/data/catalog.json from it.
// Run it with `go generate ./model` (needs the iso-codes package: apt-get install iso-codes).
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"sort"

	"golang.org/x/text/language"
)

const isoCodes = "/usr/share/iso-codes/json/iso_3166-1.json"

type country struct {
	Alpha2 string `json:"alpha2"`
	Alpha3 string `json:"alpha3"`
	Name   string `json:"name"`
	Region string `json:"region"`
}

// continents are the UN M49 codes of the five regions the portal groups countries by.
var continents = []struct{ m49, name string }{
	{"002", "AFRICA"}, {"019", "AMERICAS"}, {"142", "ASIA"}, {"150", "EUROPE"}, {"009", "OCEANIA"},
}

func region(alpha2 string) string {
	r, err := language.ParseRegion(alpha2)
	if err != nil {
		log.Fatalf("%s: %v", alpha2, err)
	}
	for _, c := range continents {
		cont := language.MustParseRegion(c.m49)
		if cont.Contains(r) {
			return c.name
		}
	}
	// Antarctica belongs to no continent in M49; the portal files it under Oceania.
	if alpha2 == "AQ" {
		return "OCEANIA"
	}
	log.Fatalf("%s: no UN M49 region", alpha2)
	return ""
}

func main() {
	raw, err := os.ReadFile(isoCodes)
	if err != nil {
		log.Fatalf("%v (install Debian's iso-codes package)", err)
	}
	var src struct {
		Countries []struct {
			Alpha2     string `json:"alpha_2"`
			Alpha3     string `json:"alpha_3"`
			Name       string `json:"name"`
			CommonName string `json:"common_name"`
		} `json:"3166-1"`
	}
	if err := json.Unmarshal(raw, &src); err != nil {
		log.Fatal(err)
	}
	var out []country
	for _, c := range src.Countries {
		name := c.Name
		if c.CommonName != "" {
			name = c.CommonName // "Bolivia" rather than "Bolivia, Plurinational State of"
		}
		out = append(out, country{c.Alpha2, c.Alpha3, name, region(c.Alpha2)})
	}
	// Kosovo has no ISO 3166-1 code yet; XK/XKX is the user-assigned code every ID
	// vendor uses for it.
	out = append(out, country{"XK", "XKX", "Kosovo", region("XK")})
	sort.Slice(out, func(i, j int) bool { return out[i].Alpha3 < out[j].Alpha3 })
	write("data/countries.json", out)

	type idType struct {
		IDType            string          `json:"idType"`
		AcquisitionConfig map[string]bool `json:"acquisitionConfig"`
	}
	type entry struct {
		CountryCode string   `json:"countryCode"`
		CountryName string   `json:"countryName"`
		IDTypes     []idType `json:"idTypes"`
	}
	var cat struct {
		Timestamp        string  `json:"timestamp"`
		SupportedIDTypes []entry `json:"supportedIdTypes"`
	}
	cat.Timestamp = "2026-11-25T00:00:00.000Z"
	for _, c := range out {
		// The documented default: the three common documents everywhere, visas only where
		// the vendor reads them (USA, CHN). Cards and licences have a back side to capture.
		types := []idType{
			{"PASSPORT", map[string]bool{"backSide": false}},
			{"DRIVING_LICENSE", map[string]bool{"backSide": true}},
			{"ID_CARD", map[string]bool{"backSide": true}},
		}
		if c.Alpha3 == "USA" || c.Alpha3 == "CHN" {
			types = append(types, idType{"VISA", map[string]bool{"backSide": false}})
		}
		cat.SupportedIDTypes = append(cat.SupportedIDTypes, entry{c.Alpha3, c.Name, types})
	}
	write("data/catalog.json", cat)
}

func write(path string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Println("wrote", path)
}
