package persist

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"idvset/model"
)

// The realistic database of the pseudo-terminal benchmarks (ptybench_test.go at the top
// of the module) and of `make bench-db`: it is written here, through the store's own
// write path (Store.write: the normalised tables, the revision row, the summary), so it
// follows whatever shape persist gives revisions, compressed or not. Only the password
// check is left out of each save (one argon2id hash per revision would take minutes).
const (
	// benchDBEnv names the file TestWriteBenchDatabase writes; unset, the test is skipped.
	benchDBEnv = "IDVSET_BENCH_DB"
	// benchRevisionsEnv is how many revisions it holds (default 10,000).
	benchRevisionsEnv = "IDVSET_BENCH_REVISIONS"
	// benchPassword is the fixture's portal password.
	benchPassword = "correct horse battery staple"
)

// TestWriteBenchDatabase writes the benchmark database when IDVSET_BENCH_DB names a file
// that does not exist yet: country mode with every country set, the 39 locales and the
// default branded with colours and three images each, 200 custom documents with
// translations, and IDVSET_BENCH_REVISIONS revisions (10,000 by default), each a save
// of a few fields on top of the one before, as people make them.
func TestWriteBenchDatabase(t *testing.T) {
	path := os.Getenv(benchDBEnv)
	if path == "" {
		t.Skip(benchDBEnv + " is not set: nothing to write")
	}
	n := 10_000
	if v := os.Getenv(benchRevisionsEnv); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			t.Fatalf("%s=%q: want a number of revisions ≥ 1", benchRevisionsEnv, v)
		}
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatalf("%s exists: the fixture is written once, into a new file", path)
	}
	start := time.Now()
	if err := writeBenchDatabase(path, n); err != nil {
		os.Remove(path)
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d revisions, %.1f MB, written in %v", path, n, float64(fi.Size())/1e6, time.Since(start).Round(time.Millisecond))
}

// writeBenchDatabase writes the fixture: revision 1 is the full document, each later one
// a few changes on top of it (benchEdit), in transactions of a few hundred saves.
func writeBenchDatabase(path string, n int) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	clock := time.Date(2024, 1, 2, 8, 0, 0, 0, time.UTC)
	authors := []string{"alice", "bob", "carol", "deploy-bot"}
	var rev int
	s, err := Open(path, Options{Author: "alice", Now: func() time.Time { return clock }})
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	doc := benchDoc()
	const batch = 250
	for rev < n {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for i := 0; i < batch && rev < n; i++ {
			if rev > 0 {
				doc = benchEdit(doc, rev+1)
			}
			s.author = authors[rev%len(authors)]
			clock = clock.Add(47 * time.Minute)
			if rev, err = s.write(ctx, tx, doc, rev, ""); err != nil {
				tx.Rollback()
				return fmt.Errorf("revision %d: %w", rev+1, err)
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	// The password last: SetPassword writes revision 1 itself on an empty database.
	return s.SetPassword(benchPassword)
}

// benchDoc is the head of a busy account: every field set.
func benchDoc() model.Settings {
	rng := rand.New(rand.NewPCG(2026, 13))
	s := fullDoc() // its general and client sections; the rest is made bigger below
	s.General.OwnedDomains = []string{"example.com", "example.org", "example.net"}
	s.Branding.Locales = map[string]model.BrandScope{}
	scope := func(i int) model.BrandScope {
		return model.BrandScope{
			PrimaryColor:   fmt.Sprintf("#%06X", rng.IntN(1<<24)),
			SecondaryColor: fmt.Sprintf("#%06X", rng.IntN(1<<24)),
			HeaderImage:    benchImage(rng, 240, 64),
			SuccessImage:   benchImage(rng, 96, 96),
			ErrorImage:     benchImage(rng, 96, 96),
		}
	}
	s.Branding.Default = scope(0)
	for i, l := range model.Locales() {
		s.Branding.Locales[l.Code] = scope(i + 1)
	}
	cat := model.DefaultCatalog()
	s.AcceptedIDs.Mode = model.ModeCountry
	s.AcceptedIDs.AutoAcceptNew = false
	s.AcceptedIDs.Countries = cat.Types()
	// In code order, not the map's: the same database on every rebuild.
	for _, code := range slices.Sorted(maps.Keys(s.AcceptedIDs.Countries)) {
		if types := s.AcceptedIDs.Countries[code]; rng.IntN(3) == 0 && len(types) > 1 {
			s.AcceptedIDs.Countries[code] = types[:len(types)-1]
		}
	}
	days := 180
	s.DataSettings.Retention = model.Retention{PurgeAfterDays: &days}
	s.Documents = nil
	locales := model.Locales()
	for i := range 200 {
		d := model.Document{
			Code:         fmt.Sprintf("DOC%03d", i),
			Name:         fmt.Sprintf("Supporting document %d", i),
			Label:        fmt.Sprintf("Proof of address, kind %d", i),
			Translations: map[string]string{},
			Enabled:      i%7 != 0,
		}
		for k := range 3 {
			l := locales[(i+k*13)%len(locales)]
			d.Translations[l.Code] = fmt.Sprintf("%s label %d", l.Name, i)
		}
		s.Documents = append(s.Documents, d)
	}
	return s
}

// benchEdit is save number rev: a few fields changed on top of doc, as one sitting of an
// admin changes them (a lifetime, a document switched, a colour, a country's types).
func benchEdit(doc model.Settings, rev int) model.Settings {
	d := doc.Clone()
	switch rev % 5 {
	case 0:
		d.General.TokenLifetimeMinutes = 5 + rev%1000
	case 1:
		i := rev % len(d.Documents)
		d.Documents[i].Enabled = !d.Documents[i].Enabled
	case 2:
		l := model.Locales()[rev%len(model.Locales())]
		sc := d.Branding.Locales[l.Code]
		sc.PrimaryColor = fmt.Sprintf("#%06X", (rev*7919)%(1<<24))
		d.Branding.Locales[l.Code] = sc
	case 3:
		c := model.Countries()[rev%len(model.Countries())]
		types := d.AcceptedIDs.Countries[c.Alpha3]
		if len(types) > 1 {
			types = types[:len(types)-1]
		} else {
			types = model.DefaultCatalog().Supported(c.Alpha3)
		}
		d.AcceptedIDs.Countries[c.Alpha3] = types
	case 4:
		days := 30 + rev%3000
		d.DataSettings.Retention.PurgeAfterDays = &days
		d.DataSettings.Fields.USState = !d.DataSettings.Fields.USState
	}
	return d
}

// benchImage is a w×h PNG like a logo: a gradient with some grain, a few kB.
func benchImage(rng *rand.Rand, w, h int) *model.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	base := color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 0xff}
	for y := range h {
		for x := range w {
			g := uint8(rng.IntN(8))
			img.Set(x, y, color.NRGBA{base.R + uint8(x) + g, base.G + uint8(y) + g, base.B + g, 0xff})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err) // encoding to memory cannot fail
	}
	sum := sha256.Sum256(buf.Bytes())
	return &model.Image{MediaType: "image/png", SHA256: hex.EncodeToString(sum[:]), Data: buf.Bytes(), Width: w, Height: h}
}
