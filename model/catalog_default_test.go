package model

import (
	"reflect"
	"testing"
)

// The default catalog is built from Go data generated from data/catalog.json
// (gen_godata.go): the two say the same, country by country and type by type.
func TestDefaultCatalogIsItsJSON(t *testing.T) {
	data := readTestdata(t, "../data/catalog.json")
	want, err := ParseCatalog(data)
	if err != nil {
		t.Fatal(err)
	}
	got := DefaultCatalog()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("DefaultCatalog differs from data/catalog.json: run go generate ./model\n got %s\nwant %s", got.Encode(), want.Encode())
	}
	if got.Countries["USA"] == nil || got.Countries["USA"][Visa].BackSide || !got.Countries["NLD"][IDCard].BackSide {
		t.Fatal("the catalog's shape was lost")
	}
	if DefaultCatalog().Countries["NLD"]["PASSPORT"] = (CatalogEntry{BackSide: true}); DefaultCatalog().Countries["NLD"][Passport].BackSide {
		t.Fatal("DefaultCatalog does not return a fresh copy")
	}
}
