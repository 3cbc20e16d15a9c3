// Package persist is the SQLite store of idvset: schema and migrations, revisions, the
// portal password and its lockout, and the normalised tables a person can query. It
// depends on model only.
package persist
