package persist

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"idvset/model"
)

// Save stores doc as a new revision on top of revision base, after checking every rule of
// the model, then the lockout, the password and, when two-factor authentication is on, the
// code. It returns the new revision's number. The rules come first, so an invalid
// document costs no attempt; the code is spent by the save alone (see authorize).
//
// Refusals, with nothing written: model.Violations (the errors of an invalid document, or
// a document deleted or a code reused according to the database), *model.LockedError,
// model.ErrWrongPassword, model.ErrOTPRequired, model.ErrWrongOTP, model.ErrNoPassword,
// *model.ConflictError when the head is no longer base, and model.ErrNothingToSave when
// doc equals the head.
func (s *Store) Save(doc model.Settings, base int, password, otp string) (_ int, err error) {
	return s.SaveNoted(doc, base, password, otp, "")
}

// SaveNoted is Save with a note that starts the revision's summary, before the changes
// it lists ("rollback to revision 2: 4 changes: …"): what the changes alone do not tell,
// such as a rollback made in the editor. Characters that are not printable are dropped
// from the note, so that it stays one line wherever the history is printed.
func (s *Store) SaveNoted(doc model.Settings, base int, password, otp, note string) (_ int, err error) {
	defer s.explain(&err)
	note = strings.Map(func(r rune) rune {
		if r == ' ' || unicode.IsPrint(r) {
			return r
		}
		return -1
	}, note)
	if err := s.validate(doc); err != nil {
		return 0, err
	}
	return s.authorizedWrite(kindSave, password, otp, doc, base, note)
}

// authorizedWrite writes doc as the revision after base in the transaction that records
// the successful attempt.
func (s *Store) authorizedWrite(kind, password, otp string, doc model.Settings, base int, summary string) (int, error) {
	var rev int
	err := s.authorize(attempt{kind: kind, password: password, code: otp}, func(ctx context.Context, tx *sql.Tx, _ verified) (err error) {
		rev, err = s.write(ctx, tx, doc, base, summary)
		return err
	})
	return rev, err
}

// Rollback saves a new revision with the content of revision n, on top of the head, with
// the same checks as Save (the rules first). Custom documents created after n are kept,
// disabled, because a document is never deleted; two-factor authentication stays as it
// is (see RollbackDocument).
func (s *Store) Rollback(n int, password, otp string) (_ int, err error) {
	defer s.explain(&err)
	doc, head, err := s.RollbackDocument(n)
	if err != nil {
		return 0, err
	}
	if err := s.validate(doc); err != nil {
		return 0, err
	}
	return s.authorizedWrite(kindRollback, password, otp, doc, head, fmt.Sprintf("rollback to revision %d", n))
}

// RollbackDocument returns what a rollback to revision n would save and the head it
// would be based on: model.Rollback of revision n onto the head (n's settings, plus every
// custom document of the head that n does not have, disabled, and the head's two-factor
// state, which is the enrolment's: a rollback puts settings back, not an authenticator,
// and revision n may be from before the enrolment or from before a disable).
func (s *Store) RollbackDocument(n int) (_ model.Settings, _ int, err error) {
	defer s.explain(&err)
	head, cur, err := s.Head()
	if err != nil {
		return model.Settings{}, 0, err
	}
	doc, err := s.Revision(n)
	if err != nil {
		return model.Settings{}, 0, err
	}
	return model.Rollback(doc, cur), head, nil
}

// Check returns every violation a save of doc would meet, warnings included, without
// saving: the model's rules in the store's context (the custom document codes ever
// saved, the catalog in force) and the store's own rule that security.twoFactor is the
// enrolment state. A save is refused when one of them is an error.
func (s *Store) Check(doc model.Settings) (_ model.Violations, err error) {
	defer s.explain(&err)
	codes, err := s.UsedCodes()
	if err != nil {
		return nil, err
	}
	cat, err := s.Catalog()
	if err != nil {
		return nil, err
	}
	return s.checkWith(doc, cat, codes)
}

// CheckWithCatalog is Check against catalog cat rather than the one in force: what a
// catalog import would save (its warnings name what the new catalog does not support).
func (s *Store) CheckWithCatalog(doc model.Settings, cat *model.Catalog) (_ model.Violations, err error) {
	defer s.explain(&err)
	codes, err := s.UsedCodes()
	if err != nil {
		return nil, err
	}
	return s.checkWith(doc, cat, codes)
}

func (s *Store) checkWith(doc model.Settings, cat *model.Catalog, codes []model.UsedCode) (model.Violations, error) {
	on, err := twoFactorOn(context.Background(), s.db)
	if err != nil {
		return nil, err
	}
	vs := model.Validate(doc, model.Context{Catalog: cat, UsedCodes: codes})
	return append(vs, checkTwoFactor(doc, on)...), nil
}

// validate is Check as a refusal: the errors as model.Violations, or nil.
func (s *Store) validate(doc model.Settings) error {
	vs, err := s.Check(doc)
	if err != nil {
		return err
	}
	if vs := vs.Errors(); len(vs) > 0 {
		return vs
	}
	return nil
}

// twoFactorOn reports whether two-factor authentication is enrolled (persist/twofactor.go):
// only enrolment turns it on and a confirmed disable off. A document only reports it.
func twoFactorOn(ctx context.Context, q querier) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM two_factor").Scan(&n)
	return n > 0, err
}

// checkTwoFactor refuses a document whose security.twoFactor differs from the enrolment
// state on: importing a document, saving or rolling back never turns two-factor
// authentication on (nothing would ask for a code, no secret being enrolled) or off.
func checkTwoFactor(doc model.Settings, on bool) model.Violations {
	switch {
	case doc.Security.TwoFactor && !on:
		return model.Violations{{Path: "security.twoFactor", Message: "two-factor authentication is off in this database and a document cannot turn it on: " +
			"it is turned on by enrolling an authenticator (`idvset security otp enable`, or the editor's Security section); set it to false"}}
	case !doc.Security.TwoFactor && on:
		return model.Violations{{Path: "security.twoFactor", Message: "two-factor authentication is on in this database and a document cannot turn it off: " +
			"it is turned off with the password and a code (`idvset security otp disable`, or the editor's Security section); set it to true"}}
	}
	return nil
}

// commit writes doc as the revision after base in one transaction, without asking for a
// password or running the model's rules (Save and Rollback do both first). summary
// prefixes the generated one when not empty.
func (s *Store) commit(doc model.Settings, base int, summary string) (int, error) {
	ctx := context.Background()
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rev, err := s.write(ctx, tx, doc, base, summary)
	if err != nil {
		return 0, err
	}
	return rev, tx.Commit()
}

// write does the work of a save inside tx: the store's own rules (documents, two-factor
// state), the conflict check, the normalised tables and the new revision, which keeps
// the catalog in force.
func (s *Store) write(ctx context.Context, tx *sql.Tx, doc model.Settings, base int, summary string) (int, error) {
	return s.writeRevision(ctx, tx, doc, base, summary, nil)
}

// writeRevision is write, and with imp a catalog import: the revision brings in imp's
// catalog, and is written even when doc equals the head.
func (s *Store) writeRevision(ctx context.Context, tx *sql.Tx, doc model.Settings, base int, summary string, imp *catalogImport) (int, error) {
	vs, err := checkDocuments(ctx, tx, doc.Documents)
	if err != nil {
		return 0, err
	}
	on, err := twoFactorOn(ctx, tx)
	if err != nil {
		return 0, err
	}
	if vs = append(vs, checkTwoFactor(doc, on)...); len(vs) > 0 {
		return 0, vs
	}
	head, prevJSON, err := headDocument(ctx, tx)
	if err != nil {
		return 0, err
	}
	var catalog sql.NullString // the head's catalog, kept unless imp replaces it
	if head > 0 {
		if err := tx.QueryRowContext(ctx, "SELECT catalog FROM revisions WHERE number = ?", head).Scan(&catalog); err != nil {
			return 0, err
		}
	}
	if head != base {
		return 0, &model.ConflictError{Base: base, Head: head}
	}
	cat, err := s.catalogAt(ctx, tx, head)
	if err != nil {
		return 0, err
	}
	if imp != nil {
		hash, err := imp.store(ctx, tx)
		if err != nil {
			return 0, err
		}
		catalog, cat = sql.NullString{String: hash, Valid: true}, imp.cat
	}
	docJSON := model.EncodeWithoutImageData(doc)
	if head > 0 {
		if imp == nil && bytes.Equal(docJSON, prevJSON) {
			return 0, model.ErrNothingToSave
		}
		prev, err := s.decodeRevision(ctx, tx, prevJSON)
		if err != nil {
			return 0, fmt.Errorf("revision %d: %w", head, err)
		}
		changes := summarize(model.Diff(prev, doc))
		if summary == "" {
			summary = changes
		} else {
			summary += ": " + changes
		}
	}
	if head == 0 && summary == "" {
		summary = "initial settings"
	}
	rev := head + 1
	if err := s.writeTables(ctx, tx, doc, rev, cat); err != nil {
		return 0, err
	}
	// The new head whole, the previous one now as the changes from it (pack.go).
	_, err = tx.ExecContext(ctx, `INSERT INTO revisions (number, created_at, author, summary, base, catalog, packed)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, rev, formatTime(s.now()), s.author, summary, base, catalog, packWhole(docJSON))
	if err != nil {
		return 0, err
	}
	if head > 0 && !isKeyframe(head) {
		if delta := packDelta(prevJSON, docJSON); delta != nil {
			if _, err := tx.ExecContext(ctx, "UPDATE revisions SET delta_of = ?, packed = ? WHERE number = ?", rev, delta, head); err != nil {
				return 0, err
			}
		}
	}
	if imp != nil {
		if err := imp.record(ctx, tx, rev, catalog.String); err != nil {
			return 0, err
		}
	}
	return rev, nil
}

// summaryPaths is how many changed paths a revision summary names before "…".
const summaryPaths = 3

// summarize describes changes in one line: "3 changes: general.callbackUrl,
// client.skipIntro, documents[0].enabled".
func summarize(changes []model.Change) string {
	if len(changes) == 0 {
		return "no changes"
	}
	var paths []string
	for i, c := range changes {
		if i == summaryPaths {
			paths = append(paths, "…")
			break
		}
		paths = append(paths, c.Path)
	}
	noun := "changes"
	if len(changes) == 1 {
		noun = "change"
	}
	return fmt.Sprintf("%d %s: %s", len(changes), noun, strings.Join(paths, ", "))
}

// checkDocuments enforces, against the documents table and independently of the model,
// that no custom document saved before is missing from docs and that no code comes back
// in another case.
func checkDocuments(ctx context.Context, tx *sql.Tx, docs []model.Document) (model.Violations, error) {
	list := make([]string, len(docs))
	for i, d := range docs {
		list[i] = d.Code
	}
	codes, err := json.Marshal(list)
	if err != nil {
		return nil, err
	}

	var vs model.Violations
	rows, err := tx.QueryContext(ctx, `SELECT code FROM documents
		WHERE code NOT IN (SELECT value FROM json_each(?)) ORDER BY position`, string(codes))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			rows.Close()
			return nil, err
		}
		vs = append(vs, model.Violation{Path: "documents",
			Message: fmt.Sprintf("document %q is missing: a custom document can be disabled but never deleted", code)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT n.key, n.value, d.code, d.first_revision FROM json_each(?) AS n
		JOIN documents AS d ON d.code = n.value COLLATE NOCASE AND d.code <> n.value ORDER BY n.key`, string(codes))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var i, rev int
		var code, old string
		if err := rows.Scan(&i, &code, &old, &rev); err != nil {
			return nil, err
		}
		vs = append(vs, model.Violation{Path: fmt.Sprintf("documents[%d].code", i),
			Message: fmt.Sprintf("code %q was already used as %q in revision %d: a code is never reused or changed", code, old, rev)})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return vs, nil
}
