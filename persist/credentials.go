package persist

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"idvset/model"
)

// API credentials: an id that is not secret (shown, and named by the commands) and a
// secret that is shown once, when it is made, and kept only as a hash. The secret is 256
// random bits, so a plain SHA-256 keeps it as safe as it is: nobody can search 2^256
// values, a salt would defend against precomputed tables that cannot exist for such
// values, and a slow hash (argon2id) would make every API call pay 0.4 s to protect
// nothing more. A key for the hash (HMAC) would have to live in this same file.

// credentialSecretSize is the secret's length in random bytes.
const credentialSecretSize = 32

// Prefixes of the ids, so that a token id and a client id read as what they are.
var idPrefix = map[model.CredentialKind]string{model.APIToken: "tok_", model.OAuth2Client: "cli_"}

// idSize is the random part of an id, in bytes: 60 bits in 12 characters, unique among
// any number of credentials a portal has (the primary key refuses the unthinkable), and
// short enough for the id to stay in sight beside the label at 80 columns.
const idSize = 8

// newCredentialSecret returns a fresh id for kind and a fresh secret.
func newCredentialSecret(kind model.CredentialKind) (id, secret string, err error) {
	raw := make([]byte, idSize+credentialSecretSize)
	if _, err := rand.Read(raw); err != nil {
		return "", "", err
	}
	id = idPrefix[kind] + strings.ToLower(crockford.EncodeToString(raw[:idSize]))[:12]
	return id, base64.RawURLEncoding.EncodeToString(raw[idSize:]), nil
}

// Credentials lists the API credentials, revoked ones included, oldest first. Listing
// needs no password: it shows no secret, and everything it shows can be read from the
// file anyway.
func (s *Store) Credentials() (_ []model.Credential, err error) {
	defer s.explain(&err)
	rows, err := s.db.Query(`SELECT id, label, kind, scopes, created_at, rotated_at, revoked_at
		FROM credentials ORDER BY created_at, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Credential
	for rows.Next() {
		c, err := scanCredential(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func scanCredential(row interface{ Scan(...any) error }) (model.Credential, error) {
	var c model.Credential
	var kind, scopes, created, rotated, revoked string
	if err := row.Scan(&c.ID, &c.Label, &kind, &scopes, &created, &nullable{&rotated}, &nullable{&revoked}); err != nil {
		return c, err
	}
	c.Kind = model.CredentialKind(kind)
	c.Scopes = strings.Fields(scopes)
	for _, t := range []struct {
		text   string
		column string
		dst    *time.Time
	}{{created, "created_at", &c.Created}, {rotated, "rotated_at", &c.Rotated}, {revoked, "revoked_at", &c.Revoked}} {
		if t.text == "" {
			continue
		}
		tm, err := parseTime(t.text)
		if err != nil {
			return c, fmt.Errorf("credential %s: %s: %w", c.ID, t.column, err)
		}
		*t.dst = tm
	}
	return c, nil
}

// credential reads one credential, or model.ErrNoCredential.
func (s *Store) credential(ctx context.Context, q querier, id string) (model.Credential, error) {
	row := q.QueryRowContext(ctx, `SELECT id, label, kind, scopes, created_at, rotated_at, revoked_at
		FROM credentials WHERE id = ?`, id)
	c, err := scanCredential(row)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("%q: %w", id, model.ErrNoCredential)
	}
	return c, err
}

// CreateCredential makes an API credential after checking its label, kind and scopes
// (model.CheckCredential, no attempt counted), then the password and the code when
// two-factor authentication is on. It returns the credential and its secret, which is
// never stored and cannot be shown again.
func (s *Store) CreateCredential(password, otp string, nc model.NewCredential) (_ model.Credential, secret string, err error) {
	defer s.explain(&err)
	nc, vs := model.CheckCredential(nc)
	if len(vs) > 0 {
		return model.Credential{}, "", vs
	}
	id, secret, err := newCredentialSecret(nc.Kind)
	if err != nil {
		return model.Credential{}, "", err
	}
	now := s.now().UTC()
	c := model.Credential{ID: id, Label: nc.Label, Kind: nc.Kind, Scopes: nc.Scopes, Created: now}
	err = s.authorize(attempt{kind: kindCreateCredential, password: password, code: otp},
		func(ctx context.Context, tx *sql.Tx, _ verified) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO credentials (id, label, kind, scopes, secret_hash, created_at)
				VALUES (?, ?, ?, ?, ?, ?)`, id, nc.Label, string(nc.Kind), strings.Join(nc.Scopes, " "), secretHash(secret), formatTime(now))
			return err
		})
	if err != nil {
		return model.Credential{}, "", err
	}
	return c, secret, nil
}

// RotateCredential gives the credential id a new secret, after the password (and code);
// the old secret stops working in the same transaction. It returns the credential and the
// new secret, shown once. Refusals besides the attempt's: model.ErrNoCredential and
// model.ErrCredentialRevoked, before any attempt.
func (s *Store) RotateCredential(password, otp, id string) (_ model.Credential, secret string, err error) {
	defer s.explain(&err)
	ctx := context.Background()
	c, err := s.credential(ctx, s.db, id)
	if err != nil {
		return c, "", err
	}
	if c.IsRevoked() {
		return c, "", fmt.Errorf("%q: %w: create a new one", id, model.ErrCredentialRevoked)
	}
	_, secret, err = newCredentialSecret(c.Kind)
	if err != nil {
		return c, "", err
	}
	now := s.now().UTC()
	err = s.authorize(attempt{kind: kindRotateCredential, password: password, code: otp},
		func(ctx context.Context, tx *sql.Tx, _ verified) error {
			res, err := tx.ExecContext(ctx, "UPDATE credentials SET secret_hash = ?, rotated_at = ? WHERE id = ? AND revoked_at IS NULL",
				secretHash(secret), formatTime(now), id)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n != 1 {
				return errors.Join(err, fmt.Errorf("%q: %w meanwhile", id, model.ErrCredentialRevoked))
			}
			return nil
		})
	if err != nil {
		return c, "", err
	}
	c.Rotated = now
	return c, secret, nil
}

// RevokeCredentials revokes the credentials ids at once, after the password (and code):
// their secrets stop working for good. Each must exist and be in use (checked before any
// attempt); a credential revoked meanwhile by someone else refuses the whole revocation.
func (s *Store) RevokeCredentials(password, otp string, ids []string) (err error) {
	defer s.explain(&err)
	if len(ids) == 0 {
		return errors.New("no credential to revoke")
	}
	ctx := context.Background()
	for _, id := range ids {
		c, err := s.credential(ctx, s.db, id)
		if err != nil {
			return err
		}
		if c.IsRevoked() {
			return fmt.Errorf("%q: %w already", id, model.ErrCredentialRevoked)
		}
	}
	now := formatTime(s.now().UTC())
	return s.authorize(attempt{kind: kindRevokeCredential, password: password, code: otp},
		func(ctx context.Context, tx *sql.Tx, _ verified) error {
			for _, id := range ids {
				res, err := tx.ExecContext(ctx, "UPDATE credentials SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id)
				if err != nil {
					return err
				}
				if n, err := res.RowsAffected(); err != nil || n != 1 {
					return errors.Join(err, fmt.Errorf("%q: %w meanwhile", id, model.ErrCredentialRevoked))
				}
			}
			return nil
		})
}

// VerifyCredential reports whether secret is the current secret of the credential id, in
// use (not revoked). It is what the API side of the portal does with a credential.
func (s *Store) VerifyCredential(id, secret string) (_ bool, err error) {
	defer s.explain(&err)
	var hash, revoked string
	err = s.db.QueryRow("SELECT secret_hash, revoked_at FROM credentials WHERE id = ?", id).Scan(&hash, &nullable{&revoked})
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	match := subtle.ConstantTimeCompare([]byte(secretHash(secret)), []byte(hash)) == 1
	return match && revoked == "", nil
}
