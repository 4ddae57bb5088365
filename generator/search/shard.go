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
	first, last string
	data        []byte
}

const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// shard cuts the entries into shards of about shardBytes each, preferring
// cuts where a short key tells the shards apart: the entry file lists
// those keys.
func shard(entries []entry) ([]shardData, error) {
	var out []shardData
	var run [][]any
	size, first, last := 0, "", ""
	flush := func() error {
		b, err := json.Marshal(run)
		out = append(out, shardData{first, last, b})
		run, size = nil, 0
		return err
	}
	for _, e := range entries {
		if len(run) > 0 && (size >= shardBytes*5/4 || size >= shardBytes*3/4 && len(separator(last, e.stem)) <= 3) {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		if len(run) == 0 {
			first = e.stem
		}
		last = e.stem
		row := encodeEntry(e)
		run = append(run, row)
		for _, v := range row {
			size += len(v.(string)) + 3
		}
	}
	if len(run) == 0 {
		return out, nil
	}
	return out, flush()
}

// separator returns the shortest prefix of next, cut between characters,
// that sorts after prev, or next if none does. A prefix sorts after prev
// exactly when it reaches past their common start, so the time is linear
// even for two long words that share a long start (issue F6).
func separator(prev, next string) string {
	k := 0 // bytes of the common start
	for k < len(prev) && k < len(next) && prev[k] == next[k] {
		k++
	}
	if k == len(next) || k < len(prev) && next[k] < prev[k] {
		return next // no prefix of next sorts after prev
	}
	for j := range next {
		if j > k {
			return next[:j]
		}
	}
	return next
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
		vlq(&b, int(p.doc)-prev)
		prev = int(p.doc)
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
