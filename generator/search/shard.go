package search

import (
	"encoding/binary"
	"strings"
)

// A shard is a run of stem entries in stem order, encoded for search.js:
//
//	shard    = uvarint(count) entry*
//	entry    = str(stem) uvarint(words) word* list(compound)
//	word     = str(suffix after the stem) list(postings)
//	list     = uvarint(n) uvarint(doc gap)×n byte(impact)×n
//	str      = uvarint(byte length) UTF-8 bytes
type shardData struct {
	first string
	data  []byte
}

// shard cuts the entries into shards of about shardBytes each.
func shard(entries []entry) []shardData {
	var out []shardData
	var body []byte
	count, first := 0, ""
	flush := func() {
		if count == 0 {
			return
		}
		data := binary.AppendUvarint(nil, uint64(count))
		out = append(out, shardData{first, append(data, body...)})
		body, count = nil, 0
	}
	for _, e := range entries {
		if count == 0 {
			first = e.stem
		}
		body = appendEntry(body, e)
		count++
		if len(body) >= shardBytes {
			flush()
		}
	}
	flush()
	return out
}

func appendEntry(b []byte, e entry) []byte {
	b = appendString(b, e.stem)
	b = binary.AppendUvarint(b, uint64(len(e.words)))
	for i, w := range e.words {
		b = appendString(b, strings.TrimPrefix(w, e.stem))
		b = appendPostings(b, e.postings[i])
	}
	return appendPostings(b, e.compound)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendPostings(b []byte, ps []posting) []byte {
	b = binary.AppendUvarint(b, uint64(len(ps)))
	prev := 0
	for _, p := range ps {
		b = binary.AppendUvarint(b, uint64(p.doc-prev))
		prev = p.doc
	}
	for _, p := range ps {
		b = append(b, p.impact)
	}
	return b
}

func stringsCompare(a, b string) int { return strings.Compare(a, b) }
