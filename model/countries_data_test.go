package model

import (
	"encoding/json"
	"slices"
	"testing"
)

// The country table is Go data generated from data/countries.json (gen_godata.go):
// the same countries, in the same order, with the same names and regions.
func TestCountriesAreTheirJSON(t *testing.T) {
	var raw []struct{ Alpha2, Alpha3, Name, Region string }
	if err := json.Unmarshal(readTestdata(t, "../data/countries.json"), &raw); err != nil {
		t.Fatal(err)
	}
	want := make([]Country, len(raw))
	for i, c := range raw {
		want[i] = Country{c.Alpha2, c.Alpha3, c.Name, Region(c.Region)}
	}
	if !slices.Equal(Countries(), want) {
		t.Fatal("the country table differs from data/countries.json: run go generate ./model")
	}
	if c, ok := CountryByAlpha3("deu"); !ok || c.Name != "Germany" || c.Region != Europe {
		t.Fatalf("CountryByAlpha3(deu) = %+v, %v", c, ok)
	}
}
