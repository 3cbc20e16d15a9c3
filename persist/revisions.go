package persist

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"idvset/model"
)

// RevisionInfo describes one revision, as history lists it. The type is model's, so that
// the editor can name it without importing the store.
type RevisionInfo = model.RevisionInfo

// ErrNoRevision: the revision asked for does not exist.
var ErrNoRevision = errors.New("no such revision")

// querier is what loading needs from *sql.DB and *sql.Tx alike.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Head returns the head revision's number and settings: revision 0 and model.Default()
// before the first revision. Its security.twoFactor is the enrolment state, which only
// the store knows; a revision saved before that rule may say otherwise.
func (s *Store) Head() (_ int, _ model.Settings, err error) {
	defer s.explain(&err)
	ctx := context.Background()
	var rev int
	var doc string
	err = s.db.QueryRowContext(ctx, "SELECT number, document FROM revisions ORDER BY number DESC LIMIT 1").Scan(&rev, &doc)
	if err == sql.ErrNoRows {
		return 0, model.Default(), nil
	}
	if err != nil {
		return 0, model.Settings{}, err
	}
	set, err := s.decodeRevision(ctx, s.db, []byte(doc))
	if err != nil {
		return 0, model.Settings{}, fmt.Errorf("revision %d: %w", rev, err)
	}
	if set.Security.TwoFactor, err = twoFactorOn(ctx, s.db); err != nil {
		return 0, model.Settings{}, err
	}
	return rev, set, nil
}

// Revision returns the settings of revision n.
func (s *Store) Revision(n int) (_ model.Settings, err error) {
	defer s.explain(&err)
	ctx := context.Background()
	var doc string
	err = s.db.QueryRowContext(ctx, "SELECT document FROM revisions WHERE number = ?", n).Scan(&doc)
	if err == sql.ErrNoRows {
		return model.Settings{}, fmt.Errorf("revision %d: %w", n, ErrNoRevision)
	}
	if err != nil {
		return model.Settings{}, err
	}
	set, err := s.decodeRevision(ctx, s.db, []byte(doc))
	if err != nil {
		return model.Settings{}, fmt.Errorf("revision %d: %w", n, err)
	}
	return set, nil
}

// RevisionInfo returns the number, time, author, summary and base of revision n.
func (s *Store) RevisionInfo(n int) (_ RevisionInfo, err error) {
	defer s.explain(&err)
	row := s.db.QueryRow("SELECT number, created_at, author, summary, base FROM revisions WHERE number = ?", n)
	ri, err := scanInfo(row)
	if err == sql.ErrNoRows {
		return ri, fmt.Errorf("revision %d: %w", n, ErrNoRevision)
	}
	return ri, err
}

// historyQuery lists the revisions from the index revisions_history alone, never
// reading the documents.
const historyQuery = "SELECT number, created_at, author, summary, base FROM revisions ORDER BY number DESC"

// History lists every revision, newest first.
func (s *Store) History() (_ []RevisionInfo, err error) {
	defer s.explain(&err)
	rows, err := s.db.Query(historyQuery)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RevisionInfo
	for rows.Next() {
		ri, err := scanInfo(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ri)
	}
	return out, rows.Err()
}

func scanInfo(row interface{ Scan(...any) error }) (RevisionInfo, error) {
	var ri RevisionInfo
	var at string
	if err := row.Scan(&ri.Number, &at, &ri.Author, &ri.Summary, &ri.Base); err != nil {
		return ri, err
	}
	t, err := parseTime(at)
	if err != nil {
		return ri, fmt.Errorf("revision %d: bad time %q", ri.Number, at)
	}
	ri.Time = t
	return ri, nil
}

// UsedCodes returns every custom document code ever saved, in document order, each with
// the first revision that saved it. Documents are never deleted and their codes never
// change (the schema's triggers see to it), so the documents table holds every code any
// revision ever held, and first_revision records when it first appeared.
func (s *Store) UsedCodes() (_ []model.UsedCode, err error) {
	defer s.explain(&err)
	rows, err := s.db.Query("SELECT code, first_revision FROM documents ORDER BY position, code")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var codes []model.UsedCode
	for rows.Next() {
		var c model.UsedCode
		if err := rows.Scan(&c.Code, &c.Revision); err != nil {
			return nil, err
		}
		codes = append(codes, c)
	}
	return codes, rows.Err()
}

// decodeRevision turns a stored revision document (images by hash only, as
// model.EncodeWithoutImageData writes them) back into settings. Each image becomes a
// model.StoredImage: its media type, size and byte count from the images table, where
// they were recorded when it was saved; its bytes are read by ImageData when a preview,
// an export or a save needs them, never when a revision is loaded.
func (s *Store) decodeRevision(ctx context.Context, q querier, doc []byte) (model.Settings, error) {
	set, err := model.Decode(doc, model.DecodeOptions{})
	if err != nil {
		return model.Settings{}, fmt.Errorf("stored document unreadable: %w", err)
	}
	stored := map[string]*model.Image{} // by hash: a shared image is one value
	var hashes []string
	each := func(f func(img **model.Image)) {
		scope := func(sc *model.BrandScope) {
			f(&sc.HeaderImage)
			f(&sc.SuccessImage)
			f(&sc.ErrorImage)
		}
		scope(&set.Branding.Default)
		for loc, sc := range set.Branding.Locales {
			scope(&sc)
			set.Branding.Locales[loc] = sc
		}
	}
	each(func(img **model.Image) {
		if *img != nil && (*img).Data == nil {
			if _, ok := stored[(*img).SHA256]; !ok {
				stored[(*img).SHA256] = nil
				hashes = append(hashes, (*img).SHA256)
			}
		}
	})
	if len(hashes) == 0 {
		return set, nil
	}
	// One query for all of them: a document holds at most 120 images.
	args, _ := json.Marshal(hashes)
	rows, err := q.QueryContext(ctx, `SELECT sha256, media_type, width, height, length(data) FROM images
		WHERE sha256 IN (SELECT value FROM json_each(?))`, string(args))
	if err != nil {
		return model.Settings{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var sha, mediaType string
		var w, h, size int
		if err := rows.Scan(&sha, &mediaType, &w, &h, &size); err != nil {
			return model.Settings{}, err
		}
		stored[sha] = model.StoredImage(mediaType, sha, w, h, size, s.ImageData)
	}
	if err := rows.Err(); err != nil {
		return model.Settings{}, err
	}
	for _, h := range hashes {
		if stored[h] == nil {
			return model.Settings{}, fmt.Errorf("image %s: %w", h, sql.ErrNoRows)
		}
	}
	each(func(img **model.Image) {
		if *img != nil && (*img).Data == nil {
			*img = stored[(*img).SHA256]
		}
	})
	return set, nil
}

// ImageData returns the bytes of the stored image whose SHA-256 is sha (lower-case hex).
func (s *Store) ImageData(sha string) (_ []byte, err error) {
	defer s.explain(&err)
	var data []byte
	err = s.db.QueryRow("SELECT data FROM images WHERE sha256 = ?", sha).Scan(&data)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("image %s: not in the database", sha)
	}
	return data, err
}
