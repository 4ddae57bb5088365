package search

import (
	"encoding/json"
	"strings"
)

// A shard is a run of stem entries in stem order, as JSON text so that any
// CDN compresses it:
//
//	shard   = [entry, ...]
//	entry   = [stem, compound, suffix₁, postings₁, suffix₂, postings₂, ...]
//
// where suffixᵢ completes the stem to a word and compound lists the
// documents where the stem is the head of a compound. A postings string is
// vlq(n), then vlq(gap to the previous document id)×n, then one impact
// digit (1–63) per document, all in the base64url alphabet: a vlq digit
// carries five bits, low bits first, plus 32 if more digits follow.
type shardData struct {
	first string
	data  []byte
}

const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// shard cuts the entries into shards of about shardBytes each.
func shard(entries []entry) ([]shardData, error) {
	var out []shardData
	var run [][]any
	size, first := 0, ""
	flush := func() error {
		if len(run) == 0 {
			return nil
		}
		b, err := json.Marshal(run)
		out = append(out, shardData{first, b})
		run, size = nil, 0
		return err
	}
	for _, e := range entries {
		if len(run) == 0 {
			first = e.stem
		}
		row := encodeEntry(e)
		run = append(run, row)
		for _, v := range row {
			size += len(v.(string)) + 3
		}
		if size >= shardBytes {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	return out, flush()
}

func encodeEntry(e entry) []any {
	row := []any{e.stem, encodePostings(e.compound)}
	for i, w := range e.words {
		row = append(row, strings.TrimPrefix(w, e.stem), encodePostings(e.postings[i]))
	}
	return row
}

func encodePostings(ps []posting) string {
	var b strings.Builder
	vlq(&b, len(ps))
	prev := 0
	for _, p := range ps {
		vlq(&b, p.doc-prev)
		prev = p.doc
	}
	for _, p := range ps {
		b.WriteByte(digits[p.impact])
	}
	return b.String()
}

func vlq(b *strings.Builder, v int) {
	for v >= 32 {
		b.WriteByte(digits[32|v&31])
		v >>= 5
	}
	b.WriteByte(digits[v])
}

func stringsCompare(a, b string) int { return strings.Compare(a, b) }
