package persist

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"

	"idvset/model"
)

// writeTables replaces the normalised copy of the head with doc, revision rev, whose
// catalog is cat. Documents are upserted, never deleted; images are added once by hash
// and kept for the revisions that refer to them.
func (s *Store) writeTables(ctx context.Context, tx *sql.Tx, doc model.Settings, rev int, cat *model.Catalog) error {
	w := tableWriter{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
	defer w.close()
	for _, t := range []string{"general", "owned_domains", "client", "branding", "accepted",
		"accepted_regions", "accepted_country_types", "accepted_effective", "data_fields",
		"retention", "document_translations", "security"} {
		w.exec("DELETE FROM " + t)
	}

	g := doc.General
	w.exec("INSERT INTO general VALUES (1, ?, ?, ?, ?)", g.CallbackURL, g.SuccessURL, g.ErrorURL, g.TokenLifetimeMinutes)
	for i, d := range g.OwnedDomains {
		w.exec("INSERT INTO owned_domains VALUES (?, ?)", i, d)
	}

	c := doc.Client
	w.exec("INSERT INTO client VALUES (1, ?, ?, ?, ?)", string(c.CaptureMethod), c.SkipIntro, c.DomainPrefix, c.DefaultLanguage)

	w.scope("default", doc.Branding.Default)
	for _, loc := range sortedKeys(doc.Branding.Locales) {
		w.scope(loc, doc.Branding.Locales[loc])
	}

	a := doc.AcceptedIDs
	w.exec("INSERT INTO accepted VALUES (1, ?, ?)", string(a.Mode), a.AutoAcceptNew)
	for _, r := range sortedKeys(a.Regions) {
		w.exec("INSERT INTO accepted_regions VALUES (?, ?)", string(r), string(a.Regions[r]))
	}
	w.countryTypes("accepted_country_types", a.Countries)
	w.countryTypes("accepted_effective", a.Accepted(cat))

	f := doc.DataSettings.Fields
	for _, kv := range []struct {
		name string
		on   bool
	}{{"dateOfBirth", f.DateOfBirth}, {"idNumber", f.IDNumber}, {"firstName", f.FirstName},
		{"lastName", f.LastName}, {"expiryDate", f.ExpiryDate}, {"usState", f.USState},
		{"personalNumber", f.PersonalNumber}, {"mrzCheck", f.MRZCheck}} {
		w.exec("INSERT INTO data_fields VALUES (?, ?)", kv.name, kv.on)
	}
	r := doc.DataSettings.Retention
	w.exec("INSERT INTO retention VALUES (1, ?, ?)", r.PurgeAfterDays, r.DeleteFraud)

	for i, d := range doc.Documents {
		// Update, else insert: the schema refuses any insert of a code it has seen, even
		// as an upsert.
		if w.exec(`UPDATE documents SET name = ?, label = ?, enabled = ?, position = ? WHERE code = ?`,
			d.Name, d.Label, d.Enabled, i, d.Code) == 0 {
			w.exec("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)", d.Code, d.Name, d.Label, d.Enabled, i, rev)
		}
		for _, loc := range sortedKeys(d.Translations) {
			w.exec("INSERT INTO document_translations VALUES (?, ?, ?)", d.Code, loc, d.Translations[loc])
		}
	}

	w.exec("INSERT INTO security VALUES (1, ?)", doc.Security.TwoFactor)
	return w.err
}

// tableWriter runs statements until the first error, which it keeps, so writeTables
// reads as the list of what it stores.
type tableWriter struct {
	ctx   context.Context
	tx    *sql.Tx
	err   error
	stmts map[string]*sql.Stmt // prepared once per save: a full document is ~2,000 rows
}

// exec runs a statement and returns the number of rows it changed (0 after an error).
func (w *tableWriter) exec(query string, args ...any) int64 {
	if w.err != nil {
		return 0
	}
	st, ok := w.stmts[query]
	if !ok {
		st, w.err = w.tx.PrepareContext(w.ctx, query)
		if w.err != nil {
			w.err = fmt.Errorf("%s: %w", firstWords(query), w.err)
			return 0
		}
		w.stmts[query] = st
	}
	res, err := st.ExecContext(w.ctx, args...)
	if err != nil {
		w.err = fmt.Errorf("%s: %w", firstWords(query), err)
		return 0
	}
	n, _ := res.RowsAffected()
	return n
}

func (w *tableWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// scope writes the branding rows of one scope and its images.
func (w *tableWriter) scope(name string, b model.BrandScope) {
	for _, kv := range []struct {
		field model.BrandField
		value string
	}{{model.PrimaryColor, b.PrimaryColor}, {model.SecondaryColor, b.SecondaryColor}} {
		if kv.value != "" {
			w.exec("INSERT INTO branding VALUES (?, ?, ?)", name, string(kv.field), kv.value)
		}
	}
	for _, kv := range []struct {
		field model.BrandField
		img   *model.Image
	}{{model.HeaderImage, b.HeaderImage}, {model.SuccessImage, b.SuccessImage}, {model.ErrorImage, b.ErrorImage}} {
		if kv.img == nil || w.err != nil {
			continue
		}
		if kv.img.Stored() && kv.img.Data == nil && w.storedImage(kv.img) {
			// Read from this database: its row is there, judged when it was saved.
			w.exec("INSERT INTO branding VALUES (?, ?, ?)", name, string(kv.field), kv.img.SHA256)
			continue
		}
		data, err := kv.img.Bytes()
		if err != nil {
			w.err = err
			return
		}
		// The hash is the image's key in every revision: never trust it, compute it.
		sum := sha256.Sum256(data)
		hash := hex.EncodeToString(sum[:])
		if len(data) == 0 || hash != kv.img.SHA256 {
			w.err = model.Violations{{Path: fmt.Sprintf("branding.%s.%s", name, kv.field),
				Message: "image data missing or not matching its sha256"}}
			return
		}
		w.exec("INSERT OR IGNORE INTO images VALUES (?, ?, ?, ?, ?)", hash, kv.img.MediaType, kv.img.Width, kv.img.Height, data)
		w.exec("INSERT INTO branding VALUES (?, ?, ?)", name, string(kv.field), hash)
	}
}

// storedImage reports that the images table holds img's bytes already, as it does for
// every image read from this database; an image another store kept is copied in.
func (w *tableWriter) storedImage(img *model.Image) bool {
	if w.err != nil {
		return false
	}
	var n int
	if err := w.tx.QueryRowContext(w.ctx, "SELECT count(*) FROM images WHERE sha256 = ?", img.SHA256).Scan(&n); err != nil {
		w.err = err
		return false
	}
	return n > 0
}

// countryTypes writes a per-country table of ID types in one statement: some 250
// countries × 4 types would otherwise be a thousand round trips through cgo.
func (w *tableWriter) countryTypes(table string, types map[string][]model.IDType) {
	if w.err != nil {
		return
	}
	rows, err := json.Marshal(types)
	if err != nil {
		w.err = err
		return
	}
	w.exec(`INSERT OR IGNORE INTO `+table+` (country, id_type)
		SELECT c.key, t.value FROM json_each(?) AS c, json_each(c.value) AS t`, string(rows))
}

func sortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// firstWords names a statement in an error by its first three words ("INSERT INTO client").
func firstWords(q string) string {
	n, words := 0, 0
	for n < len(q) && words < 3 {
		for n < len(q) && q[n] != ' ' && q[n] != '\n' {
			n++
		}
		words++
		for n < len(q) && (q[n] == ' ' || q[n] == '\n' || q[n] == '\t') && words < 3 {
			n++
		}
	}
	return q[:n]
}
