package persist

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"

	"idvset/model"
)

// How revisions are stored (the columns delta_of and packed of revisions): the head
// whole, zlib-compressed; an older revision as the zlib-compressed changes that make its
// canonical JSON from the JSON of the revision after it (a reverse delta: a save stores
// the new head whole and rewrites the previous head as such changes); and every
// keyframeEvery-th revision whole, so reading any revision applies at most
// keyframeEvery-1 deltas and reading the head applies none. A document of this product
// is ~100 kB of JSON (12.7 kB compressed) and a save changes a few lines of it: a delta
// is a few hundred bytes.
const keyframeEvery = 64

// maxDeltaChain bounds the deltas followed to read one revision: the writer never makes a
// longer chain, so a longer one is damage (and no stored chain makes a read cost more).
const maxDeltaChain = keyframeEvery

// maxDiffEdits bounds the work of diffing two documents (Myers' algorithm costs
// O(lines × edits) time and O(edits²) memory): two revisions that differ in more lines
// than this (a rollback across a large change, an import of another document) are
// stored whole instead.
const maxDiffEdits = 1500

// maxPackedBytes is the most any stored blob may inflate to: a document is at most
// model.MaxDocumentBytes, and a delta (a few bytes per operation plus the inserted lines)
// is never made larger than the document itself (writeDelta falls back to whole).
const maxPackedBytes = model.MaxDocumentBytes

// errDamagedBlob reports a stored document or delta that does not decode.
var errDamagedBlob = errors.New("stored revision unreadable")

// packWhole compresses a whole document.
func packWhole(doc []byte) []byte {
	var buf bytes.Buffer
	w, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression) // the level is valid
	w.Write(doc)                                            // a bytes.Buffer does not fail
	w.Close()
	return buf.Bytes()
}

// inflate decompresses a stored blob, refusing one that inflates past limit bytes (so a
// damaged or hostile file cannot make a read allocate without bound) or whose zlib
// checksum does not match.
func inflate(blob []byte, limit int) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(blob))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errDamagedBlob, err)
	}
	out, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errDamagedBlob, err)
	}
	if len(out) > limit {
		return nil, fmt.Errorf("%w: inflates past %d bytes", errDamagedBlob, limit)
	}
	if err := r.Close(); err != nil {
		return nil, fmt.Errorf("%w: %v", errDamagedBlob, err)
	}
	return out, nil
}

// packDelta returns the compressed changes that make doc from newer, or nil when doc is
// better stored whole (the two differ too much to diff cheaply, or the delta would be
// no smaller than doc).
//
// The delta, before compression: uvarint(len(doc)), doc's CRC-32 (IEEE, 4 bytes, big
// endian), then operations to the end, each a uvarint tag: count<<1 copies count lines of
// newer from line uvarint(start) on; length<<1|1 inserts the length bytes that follow.
// A line ends after its '\n' (the last one may have none).
func packDelta(doc, newer []byte) []byte {
	body := deltaBody(doc, newer)
	if body == nil || len(body) >= len(doc) {
		return nil
	}
	// The delta replaces the only copy of doc: it is stored only when it is seen to
	// give doc back (a few hundred microseconds), else doc is stored whole.
	if back, err := decodeDelta(newer, body); err != nil || !bytes.Equal(back, doc) {
		return nil
	}
	return packWhole(body)
}

// deltaBody is packDelta's delta before compression, or nil when the documents differ
// too much to diff.
func deltaBody(doc, newer []byte) []byte {
	blocks, ok := matchLines(splitLines(newer), splitLines(doc), maxDiffEdits)
	if !ok {
		return nil
	}
	var body []byte
	body = binary.AppendUvarint(body, uint64(len(doc)))
	body = binary.BigEndian.AppendUint32(body, crc32.ChecksumIEEE(doc))
	docLines := lineStarts(doc)
	at := 0 // the line of doc written so far
	insert := func(to int) {
		if to > at {
			b := doc[docLines[at]:docLines[to]]
			body = binary.AppendUvarint(body, uint64(len(b))<<1|1)
			body = append(body, b...)
		}
	}
	for _, m := range blocks {
		insert(m.b)
		body = binary.AppendUvarint(body, uint64(m.n)<<1)
		body = binary.AppendUvarint(body, uint64(m.a))
		at = m.b + m.n
	}
	insert(len(docLines) - 1)
	return body
}

// applyDelta inflates delta and applies it to newer, returning the older document it
// describes. Any inconsistency (a copy out of range, a length or checksum that does not
// match, more than maxPackedBytes) is errDamagedBlob, never a panic.
func applyDelta(newer, delta []byte) ([]byte, error) {
	body, err := inflate(delta, maxPackedBytes+16)
	if err != nil {
		return nil, err
	}
	return decodeDelta(newer, body)
}

// decodeDelta applies an inflated delta body to newer (see packDelta for the format).
func decodeDelta(newer, body []byte) ([]byte, error) {
	bad := func(what string) ([]byte, error) {
		return nil, fmt.Errorf("%w: delta %s", errDamagedBlob, what)
	}
	size, n := binary.Uvarint(body)
	if n <= 0 || size > maxPackedBytes {
		return bad("size unreadable or too large")
	}
	body = body[n:]
	if len(body) < 4 {
		return bad("truncated")
	}
	sum := binary.BigEndian.Uint32(body)
	body = body[4:]
	starts := lineStarts(newer)
	lines := uint64(len(starts) - 1)
	// Grown as it is written: a damaged size must not allocate 32 MiB up front.
	out := make([]byte, 0, min(size, uint64(len(newer))+uint64(len(body))))
	for len(body) > 0 {
		tag, n := binary.Uvarint(body)
		if n <= 0 {
			return bad("operation unreadable")
		}
		body = body[n:]
		length := tag >> 1
		if tag&1 == 1 {
			if length > uint64(len(body)) || length > size-uint64(len(out)) {
				return bad("insertion out of range")
			}
			out = append(out, body[:length]...)
			body = body[length:]
			continue
		}
		start, n := binary.Uvarint(body)
		if n <= 0 {
			return bad("copy unreadable")
		}
		body = body[n:]
		if start > lines || length > lines-start {
			return bad("copy out of range")
		}
		b := newer[starts[start]:starts[start+length]]
		if uint64(len(b)) > size-uint64(len(out)) {
			return bad("longer than its size")
		}
		out = append(out, b...)
	}
	if uint64(len(out)) != size {
		return bad("shorter than its size")
	}
	if crc32.ChecksumIEEE(out) != sum {
		return bad("checksum mismatch")
	}
	return out, nil
}

// lineStarts returns the offset of each line of b and, last, len(b): line i is
// b[starts[i]:starts[i+1]].
func lineStarts(b []byte) []int {
	starts := make([]int, 0, bytes.Count(b, []byte{'\n'})+2)
	for off := 0; off < len(b); {
		starts = append(starts, off)
		i := bytes.IndexByte(b[off:], '\n')
		if i < 0 {
			off = len(b)
		} else {
			off += i + 1
		}
	}
	return append(starts, len(b))
}

// splitLines returns b's lines (each with its '\n').
func splitLines(b []byte) [][]byte {
	starts := lineStarts(b)
	lines := make([][]byte, len(starts)-1)
	for i := range lines {
		lines[i] = b[starts[i]:starts[i+1]]
	}
	return lines
}

// block is a run of n equal lines: a[a:a+n] == b[b:b+n].
type block struct{ a, b, n int }

// matchLines returns the runs of lines that a and b have in common, in order, as a
// shortest edit script finds them (Myers, "An O(ND) difference algorithm", 1986), or
// ok false when more than maxEdits lines differ.
func matchLines(a, b [][]byte, maxEdits int) (_ []block, ok bool) {
	// Lines as numbers, so comparing two is comparing two ints.
	ids := map[string]int32{}
	intern := func(lines [][]byte) []int32 {
		out := make([]int32, len(lines))
		for i, l := range lines {
			id, ok := ids[string(l)]
			if !ok {
				id = int32(len(ids))
				ids[string(l)] = id
			}
			out[i] = id
		}
		return out
	}
	x, y := intern(a), intern(b)
	// The common head and tail cost nothing to find and shrink the search.
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	mid, ok := myers(x[pre:len(x)-suf], y[pre:len(y)-suf], maxEdits)
	if !ok {
		return nil, false
	}
	var out []block
	add := func(m block) {
		if m.n == 0 {
			return
		}
		if k := len(out) - 1; k >= 0 && out[k].a+out[k].n == m.a && out[k].b+out[k].n == m.b {
			out[k].n += m.n
			return
		}
		out = append(out, m)
	}
	add(block{0, 0, pre})
	for _, m := range mid {
		add(block{m.a + pre, m.b + pre, m.n})
	}
	add(block{len(x) - suf, len(y) - suf, suf})
	return out, true
}

// myers returns the common runs of a shortest edit script from a to b, or ok false when
// it needs more than maxD insertions and deletions.
func myers(a, b []int32, maxD int) (_ []block, ok bool) {
	n, m := len(a), len(b)
	maxD = min(maxD, n+m)
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	// trace[d] is v[-d..d] after round d, to walk the path back.
	var trace [][]int
	for d := 0; d <= maxD; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: a line of b inserted
			} else {
				x = v[off+k-1] + 1 // right: a line of a deleted
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
				return backtrack(trace, n, m), true
			}
		}
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
	}
	return nil, false
}

// backtrack walks the path myers found from (n, m) back to (0, 0), collecting its
// diagonals (the equal lines).
func backtrack(trace [][]int, n, m int) []block {
	var rev []block
	x, y := n, m
	for d := len(trace) - 1; d > 0; d-- {
		prev := trace[d-1] // indexed k + (d-1)
		get := func(k int) int { return prev[k+d-1] }
		k := x - y
		var pk int
		if k == -d || (k != d && get(k-1) < get(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := get(pk)
		py := px - pk
		// The edit goes from (px, py) to (sx, sy); the snake from there to (x, y).
		sx, sy := px, py+1
		if pk == k-1 {
			sx, sy = px+1, py
		}
		if x > sx {
			rev = append(rev, block{sx, sy, x - sx})
		}
		x, y = px, py
	}
	if x > 0 {
		rev = append(rev, block{0, 0, x})
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// isKeyframe reports whether revision n stays whole when a later one is saved.
func isKeyframe(n int) bool { return n%keyframeEvery == 0 }

// packOlder returns how revision n, whose document is doc, is stored once revision
// newerNumber (n+1, document newer) is saved after it: as a delta against it, or whole
// (delta_of NULL) when n is a keyframe or a delta would not pay.
func packOlder(n int, doc, newer []byte, newerNumber int) (deltaOf any, blob []byte) {
	if !isKeyframe(n) {
		if d := packDelta(doc, newer); d != nil {
			return newerNumber, d
		}
	}
	return nil, packWhole(doc)
}
