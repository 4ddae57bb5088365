package upload

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// Corner colours of the test images, chosen far apart so JPEG loss and
// chroma subsampling cannot blur one into another.
var (
	red    = color.RGBA{255, 0, 0, 255}
	green  = color.RGBA{0, 255, 0, 255}
	blue   = color.RGBA{0, 0, 255, 255}
	yellow = color.RGBA{255, 255, 0, 255}
)

// quadrants returns a w×h image whose top left quarter is red, top right
// green, bottom left blue and bottom right yellow.
func quadrants(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := red
			switch {
			case x >= w/2 && y < h/2:
				c = green
			case x < w/2 && y >= h/2:
				c = blue
			case x >= w/2 && y >= h/2:
				c = yellow
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// segment returns a JPEG segment: marker, length, payload.
func segment(marker byte, payload []byte) []byte {
	seg := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

// afterSOI puts segs right after the SOI of jpg.
func afterSOI(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

// The GPS position written into the test photos: 55° 40' 30.12" N.
var gpsLatitude = []uint32{55, 1, 40, 1, 3012, 100}

// exifSegment returns an APP1 EXIF segment as a phone writes it, by hand:
// a little-endian TIFF header, IFD0 with Orientation o and a pointer to a
// GPS IFD, which holds GPSLatitudeRef "N" and GPSLatitude.
func exifSegment(o uint16) []byte {
	le := binary.LittleEndian
	tiff := []byte("II\x2a\x00\x08\x00\x00\x00")
	entry := func(tag, typ uint16, count, value uint32) []byte {
		e := make([]byte, 12)
		le.PutUint16(e[0:], tag)
		le.PutUint16(e[2:], typ)
		le.PutUint32(e[4:], count)
		le.PutUint32(e[8:], value)
		return e
	}
	const gpsIFD = 8 + 2 + 2*12 + 4 // after IFD0
	const rationals = gpsIFD + 2 + 2*12 + 4
	tiff = le.AppendUint16(tiff, 2)
	tiff = append(tiff, entry(0x0112, 3, 1, uint32(o))...) // Orientation, SHORT
	tiff = append(tiff, entry(0x8825, 4, 1, gpsIFD)...)    // GPSInfo, LONG
	tiff = le.AppendUint32(tiff, 0)                        // no next IFD
	tiff = le.AppendUint16(tiff, 2)
	tiff = append(tiff, entry(0x0001, 2, 2, 'N')...)       // GPSLatitudeRef, ASCII "N\0"
	tiff = append(tiff, entry(0x0002, 5, 3, rationals)...) // GPSLatitude, RATIONAL×3
	tiff = le.AppendUint32(tiff, 0)
	for _, v := range gpsLatitude {
		tiff = le.AppendUint32(tiff, v)
	}
	return segment(0xE1, append([]byte("Exif\x00\x00"), tiff...))
}

// gpsBytes are the GPSLatitude rationals as they stand in exifSegment.
func gpsBytes() []byte {
	var b []byte
	for _, v := range gpsLatitude {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

const xmpNS = "http://ns.adobe.com/xap/1.0/\x00"

// Metadata segments of the test photos besides EXIF.
var (
	xmpSegment = segment(0xE1, []byte(xmpNS+`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="55,40.502N" photoshop:City="København"/></rdf:RDF></x:xmpmeta>`))
	comSegment = segment(0xFE, []byte("Taget hjemme hos familien, Nørrebrogade 12"))
	iptcSeg    = segment(0xED, []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x10\x1c\x02\x5a\x00\x0aKøbenhavn"))
	mpfSegment = segment(0xE2, []byte("MPF\x00II*\x00\x08\x00\x00\x00\x00\x00"))
	jfxxSeg    = segment(0xE0, []byte("JFXX\x00\x13thumbnail-bytes"))
	jfifThumb  = segment(0xE0, append([]byte("JFIF\x00\x01\x02\x01\x00\x48\x00\x48\x01\x01"), 1, 2, 3)) // 1×1 RGB thumbnail
	adobeLong  = segment(0xEE, []byte("Adobe\x00\x64\x00\x00\x00\x00\x01extra"))
)

// iccSegment returns an APP2 ICC profile segment holding a profile header
// for colour space space ("RGB " or "CMYK").
func iccSegment(space string) []byte {
	return bytes.Join(iccSegments(space, 1), nil)
}

// iccSegments returns a 600-byte profile for colour space space split
// into n APP2 segments, as a profile larger than a segment is stored.
func iccSegments(space string, n int) [][]byte {
	profile := make([]byte, 600)
	binary.BigEndian.PutUint32(profile, uint32(len(profile)))
	copy(profile[12:], "mntr")
	copy(profile[16:], space)
	copy(profile[20:], "XYZ ")
	copy(profile[36:], "acsp")
	var segs [][]byte
	for k := range n {
		part := profile[k*len(profile)/n : (k+1)*len(profile)/n]
		segs = append(segs, segment(0xE2, append([]byte{'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0, byte(k + 1), byte(n)}, part...)))
	}
	return segs
}

// afterIHDR puts chunks right after the IHDR chunk of p.
func afterIHDR(p []byte, chunks ...[]byte) []byte {
	const at = 8 + 12 + 13
	out := append([]byte{}, p[:at]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, p[at:]...)
}

// jpegMarkers walks a JPEG as a reader would and returns its markers in
// order, checking that nothing follows EOI.
func jpegMarkers(data []byte) ([]byte, error) {
	if !bytes.HasPrefix(data, []byte{0xFF, 0xD8}) {
		return nil, fmt.Errorf("no SOI")
	}
	markers := []byte{0xD8}
	i := 2
	for {
		if i+2 > len(data) || data[i] != 0xFF {
			return markers, fmt.Errorf("no marker at %d", i)
		}
		m := data[i+1]
		markers = append(markers, m)
		if m == 0xD9 {
			if i+2 != len(data) {
				return markers, fmt.Errorf("%d bytes after EOI", len(data)-i-2)
			}
			return markers, nil
		}
		if i+4 > len(data) {
			return markers, fmt.Errorf("truncated")
		}
		i += 2 + int(binary.BigEndian.Uint16(data[i+2:]))
		if m == 0xDA {
			for i+1 < len(data) && (data[i] != 0xFF || data[i+1] == 0 || data[i+1] >= 0xD0 && data[i+1] <= 0xD7) {
				i++
			}
		}
	}
}

// pngChunks returns the chunk types of a PNG in order, checking CRCs and
// that nothing follows IEND.
func pngChunks(data []byte) ([]string, error) {
	if !bytes.HasPrefix(data, []byte(pngSignature)) {
		return nil, fmt.Errorf("no signature")
	}
	var types []string
	for i := 8; ; {
		if i+12 > len(data) {
			return types, fmt.Errorf("truncated at %d", i)
		}
		n := int(binary.BigEndian.Uint32(data[i:]))
		end := i + 12 + n
		if n < 0 || end > len(data) {
			return types, fmt.Errorf("truncated chunk at %d", i)
		}
		typ := string(data[i+4 : i+8])
		types = append(types, typ)
		if crc32.ChecksumIEEE(data[i+4:end-4]) != binary.BigEndian.Uint32(data[end-4:]) {
			return types, fmt.Errorf("bad CRC in %s", typ)
		}
		if typ == "IEND" {
			if end != len(data) {
				return types, fmt.Errorf("%d bytes after IEND", len(data)-end)
			}
			return types, nil
		}
		i = end
	}
}

// checkClean fails t unless clean is a whole JPEG or PNG, named file,
// that decodes and carries no metadata: for JPEG no APPn but a bare JFIF
// APP0, an ICC profile APP2 and a bare Adobe APP14, no COM, nothing after
// EOI; for PNG only the chunks of keepChunks, nothing after IEND.
func checkClean(t testing.TB, clean []byte, file string) {
	t.Helper()
	if _, _, err := image.Decode(bytes.NewReader(clean)); err != nil {
		t.Errorf("cleaned image does not decode: %v", err)
	}
	switch {
	case bytes.HasPrefix(clean, []byte{0xFF, 0xD8}):
		if !bytes.HasSuffix([]byte(file), []byte(".jpg")) {
			t.Errorf("JPEG stored as %q", file)
		}
		markers, err := jpegMarkers(clean)
		if err != nil {
			t.Errorf("cleaned JPEG: %v (markers % X)", err, markers)
		}
		for _, m := range markers {
			if m >= 0xE0 && m <= 0xEF && m != 0xE0 && m != 0xE2 && m != 0xEE || m == 0xFE {
				t.Errorf("cleaned JPEG has marker %X (markers % X)", m, markers)
			}
		}
		for _, s := range segmentsOf(clean) {
			p := s[4:]
			switch s[1] {
			case 0xE0:
				if len(s) != 18 || !bytes.HasPrefix(p, []byte("JFIF\x00")) || p[12] != 0 || p[13] != 0 {
					t.Errorf("cleaned JPEG has APP0 % X", s)
				}
			case 0xE2:
				if !bytes.HasPrefix(p, []byte("ICC_PROFILE\x00")) {
					t.Errorf("cleaned JPEG has APP2 %q", p)
				}
			case 0xEE:
				if len(s) != 16 || !bytes.HasPrefix(p, []byte("Adobe")) {
					t.Errorf("cleaned JPEG has APP14 % X", s)
				}
			}
		}
	case bytes.HasPrefix(clean, []byte(pngSignature)):
		if !bytes.HasSuffix([]byte(file), []byte(".png")) {
			t.Errorf("PNG stored as %q", file)
		}
		types, err := pngChunks(clean)
		if err != nil {
			t.Errorf("cleaned PNG: %v (chunks %q)", err, types)
		}
		for _, typ := range types {
			if !keepChunks[typ] {
				t.Errorf("cleaned PNG has chunk %q", typ)
			}
		}
	default:
		t.Errorf("cleaned file is neither JPEG nor PNG: % X", clean[:min(len(clean), 16)])
	}
}

// segmentsOf returns the APPn segments of a JPEG before its first scan.
func segmentsOf(data []byte) [][]byte {
	var segs [][]byte
	for i := 2; i+4 <= len(data) && data[i] == 0xFF && data[i+1] != 0xDA; {
		end := i + 2 + int(binary.BigEndian.Uint16(data[i+2:]))
		if end > len(data) {
			break
		}
		if data[i+1] >= 0xE0 && data[i+1] <= 0xEF {
			segs = append(segs, data[i:end])
		}
		i = end
	}
	return segs
}
