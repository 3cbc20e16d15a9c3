package persist

import (
	"context"
	"database/sql"
	"fmt"

	"idvset/model"
)

// kindCatalogImport is a catalog import, as auth_log records it.
const kindCatalogImport = "catalog import"

// catalogKey names an imported catalog as a revision knows it: its hash and the
// revision that imported it (the same catalog imported twice has two sources).
type catalogKey struct {
	sha256 string
	rev    int
}

// Catalog returns the supported-ID catalog in force: the head revision's, the embedded
// default until a catalog has been imported. Its Source and Revision say where it came
// from. Callers must not modify it.
func (s *Store) Catalog() (_ *model.Catalog, err error) {
	defer s.explain(&err)
	var head int
	if err := s.db.QueryRow("SELECT COALESCE(MAX(number), 0) FROM revisions").Scan(&head); err != nil {
		return nil, err
	}
	return s.catalogAt(context.Background(), s.db, head)
}

// CatalogAt returns the catalog that was in force when revision n was saved.
func (s *Store) CatalogAt(n int) (_ *model.Catalog, err error) {
	defer s.explain(&err)
	if n <= 0 {
		return nil, fmt.Errorf("revision %d: %w", n, ErrNoRevision)
	}
	return s.catalogAt(context.Background(), s.db, n)
}

// defaultCatalog is the embedded catalog, parsed once per store.
func (s *Store) defaultCatalog() *model.Catalog {
	s.catOnce.Do(func() { s.cat = model.DefaultCatalog() })
	return s.cat
}

// catalogAt reads the catalog of revision rev (0: before the first revision, the
// default). An imported catalog is parsed once per store and kept: a revision's catalog
// never changes.
func (s *Store) catalogAt(ctx context.Context, q querier, rev int) (*model.Catalog, error) {
	if rev == 0 {
		return s.defaultCatalog(), nil
	}
	var hash sql.NullString
	var from sql.NullInt64
	var source sql.NullString
	err := q.QueryRowContext(ctx, `SELECT r.catalog, i.revision, i.source FROM revisions AS r
		LEFT JOIN catalog_imports AS i ON i.revision =
			(SELECT MAX(revision) FROM catalog_imports WHERE revision <= r.number AND catalog = r.catalog)
		WHERE r.number = ?`, rev).Scan(&hash, &from, &source)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("revision %d: %w", rev, ErrNoRevision)
	}
	if err != nil {
		return nil, err
	}
	if !hash.Valid {
		return s.defaultCatalog(), nil
	}
	key := catalogKey{hash.String, int(from.Int64)}
	s.catMu.Lock()
	cat := s.cats[key]
	s.catMu.Unlock()
	if cat != nil {
		return cat, nil
	}
	var data string
	if err := q.QueryRowContext(ctx, "SELECT data FROM catalogs WHERE sha256 = ?", hash.String).Scan(&data); err != nil {
		return nil, fmt.Errorf("revision %d: catalog %s: %w", rev, hash.String, err)
	}
	cat, err = model.ParseCatalog([]byte(data))
	if err != nil {
		return nil, fmt.Errorf("revision %d: stored catalog %s unreadable: %w", rev, hash.String, err)
	}
	cat.Source, cat.Revision = source.String, int(from.Int64)
	s.catMu.Lock()
	if s.cats == nil {
		s.cats = map[catalogKey]*model.Catalog{}
	}
	s.cats[key] = cat
	s.catMu.Unlock()
	return cat, nil
}

// ImportCatalog replaces the catalog in force by cat (idvset catalog import) as a new
// revision on top of revision base, after every rule of a save and then the lockout and
// password check (the two-factor code goes with it, as for Save, and is spent by the
// import's own transaction). The revision's settings are the head's after
// model.ImportCatalog: with autoAcceptNew on in country mode, the newly supported types
// are accepted. They must pass every rule of a save, judged against the new catalog.
// The catalog is stored once by its hash and the revision records it, with cat.Source.
//
// Refusals, with nothing written: those of Save, and model.ErrNothingToSave when cat is
// already the catalog in force. The rules come first, so a refused catalog costs no
// attempt.
func (s *Store) ImportCatalog(cat *model.Catalog, base int, password, otp string) (_ int, err error) {
	defer s.explain(&err)
	head, cur, err := s.Head()
	if err != nil {
		return 0, err
	}
	if head != base {
		return 0, &model.ConflictError{Base: base, Head: head}
	}
	old, err := s.Catalog()
	if err != nil {
		return 0, err
	}
	if !old.IsDefault() && old.SHA256() == cat.SHA256() {
		return 0, model.ErrNothingToSave
	}
	imp := model.ImportCatalog(cur, old, cat)
	vs, err := s.CheckWithCatalog(imp.Settings, cat)
	if err != nil {
		return 0, err
	}
	if vs := vs.Errors(); len(vs) > 0 {
		return 0, vs
	}
	data := cat.Encode()
	summary := "imported " + cat.Describe()
	var rev int
	err = s.authorize(attempt{kind: kindCatalogImport, password: password, code: otp},
		func(ctx context.Context, tx *sql.Tx, _ verified) (err error) {
			// writeRevision refuses a head that moved meanwhile, as a conflict.
			rev, err = s.writeRevision(ctx, tx, imp.Settings, base, summary, &catalogImport{cat: cat, data: data})
			return err
		})
	return rev, err
}

// catalogImport is the catalog a revision brings in.
type catalogImport struct {
	cat  *model.Catalog
	data []byte // cat.Encode()
}

// store keeps the catalog, once by hash, and returns the hash, which the revision
// records.
func (imp *catalogImport) store(ctx context.Context, tx *sql.Tx) (string, error) {
	hash := imp.cat.SHA256()
	_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO catalogs (sha256, timestamp, data) VALUES (?, ?, ?)",
		hash, imp.cat.Timestamp, string(imp.data))
	return hash, err
}

// record notes that revision rev imported the catalog with this hash, and from where.
func (imp *catalogImport) record(ctx context.Context, tx *sql.Tx, rev int, hash string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO catalog_imports (revision, catalog, source) VALUES (?, ?, ?)",
		rev, hash, imp.cat.Source)
	return err
}
