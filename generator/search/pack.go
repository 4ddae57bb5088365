package search

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
)

// Document records are packed docBucket to a file, d/<i>.<hash>.bin, so
// that a site of 10,000 pages writes 157 files for them instead of 10,000.
// Every record takes a slot of the same size (meta.Slot bytes): a 2-byte
// little-endian length, the record's JSON compressed with raw DEFLATE, and
// zeros. Document id sits at byte (id mod docBucket) × Slot of pack
// id / docBucket, so search.js fetches one record with an HTTP Range
// request and no table of offsets, and inflates it with the browser's
// DecompressionStream("deflate-raw"). A server that ignores Range sends
// the whole pack (about 64 records); the script then takes every record
// of that pack from it.
const (
	// slotMax is the most bytes a record may take when its body can be
	// clipped shorter to fit: records are about 1 KB compressed, and a slot
	// is what every result costs to fetch.
	slotMax = 1280
	// slotHeader is the length prefix.
	slotHeader = 2
)

// docFile is what a result needs: fetched only for the results shown.
type docFile struct {
	URL     string `json:"u"`
	Title   string `json:"t"`
	Kind    string `json:"k"`
	Date    string `json:"d,omitempty"`
	Summary string `json:"s,omitempty"`
	Body    string `json:"x,omitempty"` // the start of the body, for excerpts
	Cut     bool   `json:"c,omitempty"` // the body goes on
}

// encodedDoc is a document record with its compressed encoding.
type encodedDoc struct {
	f    docFile
	data []byte
}

// writeDocs packs the document records. A document that is as in the
// cache's last build keeps its compressed encoding.
func (c *Cache) writeDocs(docs []Document, files map[string][]byte, m *meta) error {
	encoded := make([]encodedDoc, len(docs))
	var todo []int
	for i, d := range docs {
		body, cut := clip(d.Body, excerptBytes)
		f := docFile{d.URL, d.Title, d.Kind, d.Date, d.Summary, body, cut}
		if e, ok := c.docs[d.URL]; ok && e.f == f {
			encoded[i] = e
			continue
		}
		encoded[i] = encodedDoc{f: f}
		todo = append(todo, i)
	}
	if err := compressAll(encoded, todo); err != nil {
		return err
	}
	slot := slotHeader
	for _, e := range encoded {
		if len(e.data) > 0xffff {
			return fmt.Errorf("%s: the search record is %d bytes, more than a slot can hold", e.f.URL, len(e.data))
		}
		slot = max(slot, slotHeader+len(e.data))
	}
	m.Slot = slot
	for start := 0; start < len(encoded); start += docBucket {
		group := encoded[start:min(start+docBucket, len(encoded))]
		pack := make([]byte, slot*len(group))
		for i, e := range group {
			at := pack[i*slot:]
			binary.LittleEndian.PutUint16(at, uint16(len(e.data)))
			copy(at[slotHeader:], e.data)
		}
		h := hash(pack)
		m.Buckets = append(m.Buckets, h)
		files[fmt.Sprintf("d/%d.%s.bin", start/docBucket, h)] = pack
	}
	if c.keep {
		c.docs = make(map[string]encodedDoc, len(encoded))
		for _, e := range encoded {
			c.docs[e.f.URL] = e
		}
	}
	return nil
}

// compressAll encodes the records at the indexes todo, in parallel: at
// 10,000 pages compressing is most of the time spent on the records.
func compressAll(encoded []encodedDoc, todo []int) error {
	workers := min(runtime.GOMAXPROCS(0), 1+len(todo)/64)
	next := make(chan int)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			z := newCompressor()
			for i := range next {
				if errs[w] != nil {
					continue
				}
				encoded[i].data, errs[w] = z.fit(encoded[i].f)
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// A compressor compresses records with one reusable DEFLATE writer.
type compressor struct {
	buf bytes.Buffer
	w   *flate.Writer
}

func newCompressor() *compressor {
	z := &compressor{}
	z.w, _ = flate.NewWriter(&z.buf, flate.BestCompression) // the level is valid
	return z
}

// fit returns f compressed into at most slotMax-slotHeader bytes, with
// its body clipped shorter until it fits, then (only for absurd input) its
// summary and its title; a record that does not fit even without them (a
// very long address) is returned whole, and the slot grows to hold it.
func (z *compressor) fit(f docFile) ([]byte, error) {
	for _, field := range []*string{&f.Body, &f.Summary, &f.Title} {
		for {
			b, err := z.compress(f)
			if err != nil || len(b) <= slotMax-slotHeader {
				return b, err
			}
			if *field == "" {
				break
			}
			*field, _ = clip(*field, len(*field)*3/4)
			f.Cut = f.Cut || field == &f.Body
		}
	}
	return z.compress(f)
}

func (z *compressor) compress(f docFile) ([]byte, error) {
	j, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	z.buf.Reset()
	z.w.Reset(&z.buf)
	if _, err := z.w.Write(j); err != nil {
		return nil, err
	}
	if err := z.w.Close(); err != nil {
		return nil, err
	}
	return bytes.Clone(z.buf.Bytes()), nil
}
