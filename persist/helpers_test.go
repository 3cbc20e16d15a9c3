package persist

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"idvset/model"
)

// testPassword passes model.CheckPassword.
const testPassword = "correct horse battery staple"

// testParams make argon2id cheap so that lockout tests can try dozens of passwords; the
// real cost is measured in BenchmarkHashPassword.
var testParams = &argonParams{Memory: 64, Time: 1, Threads: 1}

// clock is an injectable time source that only moves when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openTest opens (creating) a store at path with cheap hashing and the given clock.
func openTest(t testing.TB, path string, c *clock) *Store {
	t.Helper()
	opt := Options{Author: "tester", params: testParams}
	if c != nil {
		opt.Now = c.Now
	}
	s, err := Open(path, opt)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newStore returns an initialised store (password set, revision 1 = defaults) in a
// fresh directory, and its path.
func newStore(t testing.TB, c *clock) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "settings.db")
	s := openTest(t, path, c)
	if err := s.SetPassword(testPassword); err != nil {
		t.Fatalf("SetPassword: %v", err)
	}
	return s, path
}

// testImage returns a small valid PNG of one colour.
func testImage(w, h int, c color.RGBA) *model.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err) // encoding to memory cannot fail
	}
	sum := sha256.Sum256(buf.Bytes())
	return &model.Image{MediaType: "image/png", SHA256: hex.EncodeToString(sum[:]), Data: buf.Bytes(), Width: w, Height: h}
}

// fullDoc is a valid document with every section set: URLs, branding with images in two
// scopes (one image used twice), a country table for every catalog country, retention,
// documents with translations.
func fullDoc() model.Settings {
	s := model.Default()
	s.General = model.General{
		CallbackURL:          "https://hooks.example.com/idv/callback",
		SuccessURL:           "https://www.example.com/verified?lang=de",
		ErrorURL:             "https://www.example.com/failed",
		TokenLifetimeMinutes: 60,
		OwnedDomains:         []string{"example.com"},
	}
	s.Client = model.Client{CaptureMethod: model.CaptureWebcamOnly, SkipIntro: true, DomainPrefix: "acme-eu", DefaultLanguage: "de"}
	logo := testImage(8, 4, color.RGBA{0x11, 0x22, 0x33, 0xff})
	s.Branding = model.Branding{
		Default: model.BrandScope{PrimaryColor: "#112233", SecondaryColor: "#AABBCC", HeaderImage: logo},
		Locales: map[string]model.BrandScope{
			"de":    {PrimaryColor: "#445566", HeaderImage: logo, SuccessImage: testImage(3, 3, color.RGBA{0, 0xff, 0, 0xff})},
			"pt-BR": {SecondaryColor: "#778899"},
		},
	}
	cat := model.DefaultCatalog()
	s.AcceptedIDs.Mode = model.ModeCountry
	s.AcceptedIDs.AutoAcceptNew = false
	s.AcceptedIDs.Regions[model.Africa] = model.RegionNone
	s.AcceptedIDs.Regions[model.Europe] = model.RegionAll
	s.AcceptedIDs.Countries = cat.Types()
	s.AcceptedIDs.Countries["DEU"] = []model.IDType{model.Passport, model.IDCard}
	days := 90
	s.DataSettings.Fields.ExpiryDate = true
	s.DataSettings.Fields.MRZCheck = true
	s.DataSettings.Retention = model.Retention{PurgeAfterDays: &days, DeleteFraud: true}
	s.Documents = []model.Document{
		{Code: "UTILBILL", Name: "Utility bill", Label: "Utility bill", Translations: map[string]string{"de": "Nebenkostenabrechnung"}, Enabled: true},
		{Code: "BANKSTMT", Name: "Bank statement", Label: "Bank statement", Translations: map[string]string{"fr": "Relevé bancaire", "es-MX": "Estado de cuenta"}},
	}
	return s
}

// mustEqualDoc fails unless a and b encode to the same canonical document.
func mustEqualDoc(t testing.TB, got, want model.Settings) {
	t.Helper()
	g, w := model.Encode(got), model.Encode(want)
	if !bytes.Equal(g, w) {
		t.Fatalf("documents differ:\n%s", diffLines(model.Diff(want, got)))
	}
}

func diffLines(cs []model.Change) string {
	var b bytes.Buffer
	for _, c := range cs {
		b.WriteString(c.Path + ": " + c.Old + " → " + c.New + "\n")
	}
	return b.String()
}

// rawDB opens the file without the store, as a person with the sqlite3 shell would.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn(path, "_busy_timeout=5000"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryInt(t testing.TB, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func queryString(t testing.TB, db *sql.DB, q string, args ...any) string {
	t.Helper()
	var s string
	if err := db.QueryRow(q, args...).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}
