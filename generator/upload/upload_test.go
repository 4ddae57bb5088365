package upload

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// near reports whether two colours differ by at most 40 in each channel.
func near(a, b color.Color) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) bool { return x>>8 <= y>>8+40 && y>>8 <= x>>8+40 }
	return d(r1, r2) && d(g1, g2) && d(b1, b2)
}

// metadataBytes are byte strings of the test photos' metadata that must
// not be left anywhere in a cleaned file.
func metadataBytes() map[string][]byte {
	return map[string][]byte{
		"EXIF header":  []byte("Exif\x00\x00"),
		"GPS latitude": gpsBytes(),
		"XMP":          []byte(xmpNS),
		"XMP packet":   []byte("xmpmeta"),
		"comment":      []byte("Nørrebrogade"),
		"IPTC":         []byte("Photoshop 3.0"),
		"IPTC city":    []byte("København"),
		"MPF":          []byte("MPF\x00"),
	}
}

func TestImageJPEG(t *testing.T) {
	const w, h = 64, 32 // quadrant edges on 16-pixel block edges: no blur at the corners
	plain := encodeJPEG(t, quadrants(w, h))
	// Corners in the order top left, top right, bottom left, bottom right,
	// as they must look once the photo is upright.
	tl, tr, bl, br := red, green, blue, yellow
	tests := []struct {
		o       uint16
		w, h    int
		corners [4]color.RGBA
	}{
		{1, w, h, [4]color.RGBA{tl, tr, bl, br}},
		{2, w, h, [4]color.RGBA{tr, tl, br, bl}}, // mirrored
		{3, w, h, [4]color.RGBA{br, bl, tr, tl}}, // upside down
		{4, w, h, [4]color.RGBA{bl, br, tl, tr}}, // upside down, mirrored
		{5, h, w, [4]color.RGBA{tl, bl, tr, br}}, // transposed
		{6, h, w, [4]color.RGBA{bl, tl, br, tr}}, // turn right
		{7, h, w, [4]color.RGBA{br, tr, bl, tl}}, // transversed
		{8, h, w, [4]color.RGBA{tr, br, tl, bl}}, // turn left
	}
	for _, tt := range tests {
		src := afterSOI(plain, exifSegment(tt.o), xmpSegment, comSegment, iptcSeg, mpfSegment, iccSegment("RGB "))
		// A second picture after EOI, as MPF and gain maps are stored, with EXIF of its own.
		src = append(src, afterSOI(plain, exifSegment(1))...)
		clean, file, err := Image(src, "IMG_1234.JPG")
		if err != nil {
			t.Errorf("orientation %d: %v", tt.o, err)
			continue
		}
		if file != "img-1234.jpg" {
			t.Errorf("orientation %d: file %q, want img-1234.jpg", tt.o, file)
		}
		checkClean(t, clean, file)
		for what, b := range metadataBytes() {
			if bytes.Contains(clean, b) {
				t.Errorf("orientation %d: %s left in the cleaned file", tt.o, what)
			}
		}
		if !bytes.Contains(clean, []byte("ICC_PROFILE\x00")) {
			t.Errorf("orientation %d: RGB colour profile lost", tt.o)
		}
		img, err := jpeg.Decode(bytes.NewReader(clean))
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		if b.Dx() != tt.w || b.Dy() != tt.h {
			t.Errorf("orientation %d: %d×%d, want %d×%d", tt.o, b.Dx(), b.Dy(), tt.w, tt.h)
			continue
		}
		at := [4]image.Point{{2, 2}, {tt.w - 3, 2}, {2, tt.h - 3}, {tt.w - 3, tt.h - 3}}
		for k, p := range at {
			if got := img.At(p.X, p.Y); !near(got, tt.corners[k]) {
				t.Errorf("orientation %d: pixel at %v is %v, want %v", tt.o, p, got, tt.corners[k])
			}
		}
		if tt.o == 1 { // cleaned without encoding again: the very same pixels
			orig, _ := jpeg.Decode(bytes.NewReader(plain))
			if !samePixels(img, orig) {
				t.Errorf("orientation 1: pixels changed")
			}
		}
	}
}

// samePixels reports whether a and b have the same size and colours.
func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// TestImageJPEGKept checks the segments that say how the pixels look: a
// JFIF APP0 and an Adobe APP14 are kept without their extras, an RGB
// profile is kept, a CMYK profile only when the file is not encoded again.
func TestImageJPEGKept(t *testing.T) {
	plain := encodeJPEG(t, quadrants(32, 32))
	tests := []struct {
		name    string
		segs    [][]byte
		o       uint16
		markers []byte // the segments before the frame, after SOI
	}{
		{"JFIF with thumbnail", [][]byte{jfifThumb, jfxxSeg}, 1, []byte{0xE0}},
		{"Adobe with extra bytes", [][]byte{adobeLong}, 1, []byte{0xEE}},
		{"two JFIF", [][]byte{jfifThumb, jfifThumb}, 1, []byte{0xE0}},
		{"RGB profile", [][]byte{iccSegment("RGB ")}, 1, []byte{0xE2}},
		{"RGB profile, turned", [][]byte{exifSegment(6), iccSegment("RGB ")}, 6, []byte{0xE2}},
		{"CMYK profile", [][]byte{iccSegment("CMYK")}, 1, []byte{0xE2}},
		{"CMYK profile, turned", [][]byte{exifSegment(8), iccSegment("CMYK")}, 8, nil},
		{"profile in three parts", iccSegments("RGB ", 3), 1, []byte{0xE2, 0xE2, 0xE2}},
		{"profile in three parts, turned", append(iccSegments("RGB ", 3), exifSegment(7)), 7, []byte{0xE2, 0xE2, 0xE2}},
		{"profile part missing", iccSegments("RGB ", 3)[:2], 1, nil},
		{"profile parts out of order", [][]byte{iccSegments("RGB ", 2)[1], iccSegments("RGB ", 2)[0]}, 1, nil},
		{"profile without signature", [][]byte{bytes.Replace(iccSegment("RGB "), []byte("acsp"), []byte("GPS!"), 1)}, 1, nil},
		{"not a profile", [][]byte{segment(0xE2, []byte("ICC_PROFILE\x00\x01\x01Nørrebrogade 12"))}, 1, nil},
		{"JFIF and profile put first", [][]byte{exifSegment(1), iccSegment("RGB "), comSegment, jfifThumb}, 1, []byte{0xE0, 0xE2}},
		{"metadata only", [][]byte{exifSegment(1), xmpSegment, comSegment, iptcSeg, mpfSegment, jfxxSeg}, 1, nil},
	}
	for _, tt := range tests {
		clean, file, err := Image(afterSOI(plain, tt.segs...), "foto.jpg")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		checkClean(t, clean, file)
		var got []byte
		for _, s := range segmentsOf(clean) {
			got = append(got, s[1])
		}
		if !bytes.Equal(got, tt.markers) {
			t.Errorf("%s: APPn segments % X, want % X", tt.name, got, tt.markers)
		}
		if tt.o == 1 {
			a, _ := jpeg.Decode(bytes.NewReader(clean))
			b, _ := jpeg.Decode(bytes.NewReader(plain))
			if !samePixels(a, b) {
				t.Errorf("%s: pixels changed", tt.name)
			}
		}
	}
}

// gradient returns a w×h image with see-through parts, so a PNG of it
// keeps its alpha channel.
func gradient(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 7), uint8(y * 11), uint8(x ^ y), uint8(255 - x*3)})
		}
	}
	return img
}

func TestImagePNG(t *testing.T) {
	src := gradient(40, 30)
	plain := encodePNG(t, src)
	exif := exifSegment(1)[4+6:] // the TIFF block
	chunks := [][]byte{
		pngChunk("gAMA", []byte{0, 0, 0xB1, 0x8F}),
		pngChunk("sRGB", []byte{0}),
		pngChunk("iCCP", []byte("sRGB\x00\x00x\x9c\x03\x00\x00\x00\x00\x01")),
		pngChunk("pHYs", []byte{0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1}),
		pngChunk("tEXt", []byte("Location\x00Nørrebrogade 12, København")),
		pngChunk("zTXt", []byte("Comment\x00\x00x\x9c\x03\x00\x00\x00\x00\x01")),
		pngChunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"+`<x:xmpmeta exif:GPSLatitude="55,40.502N"/>`)),
		pngChunk("eXIf", exif),
		pngChunk("tIME", []byte{0x07, 0xE9, 5, 17, 12, 0, 0}),
		pngChunk("prVt", []byte("private")),
		pngChunk("caBX", []byte("content credentials")),
	}
	in := afterIHDR(plain, chunks...)
	in = append(in, "trailing bytes with Exif\x00\x00 in them"...)
	clean, file, err := Image(in, "Skærmbillede 2025-05-17 kl. 12.00.00.png")
	if err != nil {
		t.Fatal(err)
	}
	if want := "skaermbillede-2025-05-17-kl-12-00-00.png"; file != want {
		t.Errorf("file %q, want %q", file, want)
	}
	checkClean(t, clean, file)
	got, err := pngChunks(clean)
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := pngChunks(plain)
	want := append([]string{"IHDR", "gAMA", "sRGB", "iCCP", "pHYs"}, orig[1:]...)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("chunks %q, want %q", got, want)
	}
	for what, b := range metadataBytes() {
		if bytes.Contains(clean, b) {
			t.Errorf("%s left in the cleaned PNG", what)
		}
	}
	// The kept chunks are byte for byte those of the original.
	for _, c := range chunks[:4] {
		if !bytes.Contains(clean, c) {
			t.Errorf("chunk %q changed or lost", c[4:8])
		}
	}
	img, err := png.Decode(bytes.NewReader(clean))
	if err != nil {
		t.Fatal(err)
	}
	if !samePixels(img, src) {
		t.Errorf("pixels changed")
	}
}

// TestImagePNGOrientation checks that a PNG whose eXIf chunk says to turn
// it is turned upright, as browsers show it, keeps its colour chunks (with
// the pixel size across and down swapped when it is turned a quarter) and
// loses its metadata, at 8 and at 16 bits a channel.
func TestImagePNGOrientation(t *testing.T) {
	const w, h = 40, 20
	corners := func(img image.Image) [4]color.Color {
		b := img.Bounds()
		return [4]color.Color{img.At(0, 0), img.At(b.Dx()-1, 0), img.At(0, b.Dy()-1), img.At(b.Dx()-1, b.Dy()-1)}
	}
	deep := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			deep.SetNRGBA64(x, y, color.NRGBA64{uint16(x*1000 + 1), uint16(y*3000 + 7), 0x1234, uint16(0xFFFF - x - y)})
		}
	}
	sources := map[string]image.Image{"8 bits": quadrants(w, h), "16 bits": deep}
	for depth, src := range sources {
		tl, tr, bl, br := src.At(0, 0), src.At(w-1, 0), src.At(0, h-1), src.At(w-1, h-1)
		tests := []struct {
			o       uint16
			w, h    int
			corners [4]color.Color
		}{
			{1, w, h, [4]color.Color{tl, tr, bl, br}},
			{2, w, h, [4]color.Color{tr, tl, br, bl}},
			{3, w, h, [4]color.Color{br, bl, tr, tl}},
			{4, w, h, [4]color.Color{bl, br, tl, tr}},
			{5, h, w, [4]color.Color{tl, bl, tr, br}},
			{6, h, w, [4]color.Color{bl, tl, br, tr}},
			{7, h, w, [4]color.Color{br, tr, bl, tl}},
			{8, h, w, [4]color.Color{tr, br, tl, bl}},
		}
		for _, tt := range tests {
			in := afterIHDR(encodePNG(t, src),
				pngChunk("gAMA", []byte{0, 0, 0xB1, 0x8F}),
				pngChunk("pHYs", []byte{0, 0, 0x0B, 0x13, 0, 0, 0x0E, 0xC4, 1}),
				pngChunk("eXIf", exifSegment(tt.o)[4+6:]),
				pngChunk("tEXt", []byte("Location\x00Nørrebrogade 12")))
			clean, file, err := Image(in, "skaerm.png")
			if err != nil {
				t.Errorf("%s, orientation %d: %v", depth, tt.o, err)
				continue
			}
			checkClean(t, clean, file)
			types, _ := pngChunks(clean)
			if types[1] != "gAMA" || types[2] != "pHYs" {
				t.Errorf("%s, orientation %d: chunks %q, want gAMA and pHYs after IHDR", depth, tt.o, types)
			}
			phys := []byte{0, 0, 0x0B, 0x13, 0, 0, 0x0E, 0xC4, 1}
			if tt.o >= 5 {
				phys = []byte{0, 0, 0x0E, 0xC4, 0, 0, 0x0B, 0x13, 1}
			}
			if !bytes.Contains(clean, pngChunk("pHYs", phys)) {
				t.Errorf("%s, orientation %d: pHYs not % X", depth, tt.o, phys)
			}
			for what, b := range metadataBytes() {
				if bytes.Contains(clean, b) {
					t.Errorf("%s, orientation %d: %s left in the cleaned PNG", depth, tt.o, what)
				}
			}
			img, err := png.Decode(bytes.NewReader(clean))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h {
				t.Errorf("%s, orientation %d: %d×%d, want %d×%d", depth, tt.o, b.Dx(), b.Dy(), tt.w, tt.h)
				continue
			}
			for k, c := range corners(img) {
				r1, g1, b1, a1 := c.RGBA()
				r2, g2, b2, a2 := tt.corners[k].RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
					t.Errorf("%s, orientation %d: corner %d is %v, want %v", depth, tt.o, k, c, tt.corners[k])
				}
			}
		}
	}
}

// padded returns a valid PNG of exactly n bytes: a small image with a
// private chunk that fills it up.
func padded(t testing.TB, n int) []byte {
	t.Helper()
	p := encodePNG(t, gradient(8, 8))
	fill := n - len(p) - 12
	if fill < 0 {
		t.Fatalf("padded(%d): too small", n)
	}
	out := afterIHDR(p, pngChunk("prVt", make([]byte, fill)))
	if len(out) != n {
		t.Fatalf("padded(%d) is %d bytes", n, len(out))
	}
	return out
}

func TestImageSizeLimit(t *testing.T) {
	tests := []struct {
		n       int
		wantErr bool
	}{
		{MaxBytes - 1, false},
		{MaxBytes, false},
		{MaxBytes + 1, true},
	}
	for _, tt := range tests {
		clean, _, err := Image(padded(t, tt.n), "stor.png")
		if gotErr := err != nil; gotErr != tt.wantErr {
			t.Errorf("%d bytes: error %v, want error %v", tt.n, err, tt.wantErr)
			continue
		}
		if err != nil {
			const want = "billedet fylder 25,1 MB; det største, der kan lægges op, er 25 MB (gem det i en mindre størrelse)"
			if !errors.Is(err, ErrTooLarge) || err.Error() != want {
				t.Errorf("%d bytes: error %q, want %q", tt.n, err, want)
			}
		} else if len(clean) > 1000 {
			t.Errorf("%d bytes: the filling chunk was kept (%d bytes)", tt.n, len(clean))
		}
	}
}

func TestTenthsUp(t *testing.T) {
	tests := []struct {
		n, unit int64
		want    string
	}{
		{25 << 20, 1 << 20, "25,0"},
		{25<<20 + 1, 1 << 20, "25,1"},
		{31<<20 + 200<<10, 1 << 20, "31,2"},
		{1, 1 << 20, "0,1"},
		{0, 1 << 20, "0,0"},
		{50_000_000, 1_000_000, "50,0"},
		{50_010_000, 1_000_000, "50,1"},
		{3_600_000_000, 1_000_000, "3600,0"},
	}
	for _, tt := range tests {
		if got := tenthsUp(tt.n, tt.unit); got != tt.want {
			t.Errorf("tenthsUp(%d, %d) = %q, want %q", tt.n, tt.unit, got, tt.want)
		}
	}
}

// bombPNG returns a PNG whose IHDR claims w×h pixels with a right CRC.
func bombPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	b := encodePNG(t, image.NewGray(image.Rect(0, 0, 8, 8)))
	binary.BigEndian.PutUint32(b[16:], uint32(w))
	binary.BigEndian.PutUint32(b[20:], uint32(h))
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// bombJPEG returns a JPEG whose frame header claims w×h pixels.
func bombJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	b := encodeJPEG(t, image.NewGray(image.Rect(0, 0, 8, 8)))
	for i := 2; i+9 < len(b); {
		if b[i+1] == 0xC0 {
			binary.BigEndian.PutUint16(b[i+5:], uint16(h))
			binary.BigEndian.PutUint16(b[i+7:], uint16(w))
			return b
		}
		i += 2 + int(binary.BigEndian.Uint16(b[i+2:]))
	}
	t.Fatal("no SOF0")
	return nil
}

func TestImageRefused(t *testing.T) {
	var gifBuf bytes.Buffer
	if err := gif.Encode(&gifBuf, quadrants(8, 8), nil); err != nil {
		t.Fatal(err)
	}
	jpg := encodeJPEG(t, quadrants(64, 32))
	pngData := encodePNG(t, gradient(40, 30))
	badCRC := afterIHDR(pngData, pngChunk("tEXt", []byte("Comment\x00hej")))
	badCRC[8+25+8+2] ^= 1 // a letter of the tEXt chunk
	notImage := "filen er ikke et JPEG- eller PNG-billede (gem billedet som JPEG eller PNG, og læg det op igen)"
	broken := "billedet er beskadiget eller kun delvist overført og kan ikke læses (åbn det, gem det igen, og læg det op på ny)"
	tests := []struct {
		name string
		data []byte
		want error
		msg  string // the message, or the start of it ending in "…"
	}{
		{"over 25 MB", append(padded(t, MaxBytes), 0), ErrTooLarge, "billedet fylder 25,1 MB; det største, der kan lægges op, er 25 MB (gem det i en mindre størrelse)"},
		{"empty", nil, ErrFormat, "filen er tom (vælg billedet igen)"},
		{"GIF", gifBuf.Bytes(), ErrFormat, "filen er et GIF-billede, ikke et JPEG- eller PNG-billede (gem billedet som JPEG eller PNG, og læg det op igen)"},
		{"WebP", []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"), ErrFormat, "filen er et WebP-billede, ikke …"},
		{"HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), ErrFormat, "filen er et HEIC-billede, ikke et JPEG- eller PNG-billede (gem billedet som JPEG; på en iPhone …"},
		{"AVIF", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), ErrFormat, "filen er et AVIF-billede, ikke …"},
		{"SVG", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ErrFormat, "filen er et SVG-billede, ikke …"},
		{"PDF", []byte("%PDF-1.7\n1 0 obj\n"), ErrFormat, "filen er et PDF-dokument, ikke …"},
		{"HTML", []byte("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>"), ErrFormat, "filen er en webside (HTML), ikke …"},
		{"text named .jpg", []byte("Dette er ikke et billede, selv om filen hedder foto.jpg."), ErrFormat, "filen er en tekstfil, ikke …"},
		{"TIFF", []byte("II*\x00\x08\x00\x00\x00\x00\x00"), ErrFormat, "filen er et TIFF-billede, ikke …"},
		{"BMP", []byte("BM\x3e\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00"), ErrFormat, "filen er et BMP-billede, ikke …"},
		{"binary", []byte{0x00, 0x01, 0x02, 0xFF, 0xD8, 0xFF}, ErrFormat, notImage},
		{"JPEG signature late", append([]byte(" "), jpg...), ErrFormat, notImage},
		{"PNG bomb", bombPNG(t, 60000, 60000), ErrPixels, "billedet er 60000 × 60000 pixel, i alt 3600,0 megapixel; det største, der kan bruges, er 50 megapixel (gem det i en mindre størrelse)"},
		{"JPEG bomb", bombJPEG(t, 10000, 5001), ErrPixels, "billedet er 10000 × 5001 pixel, i alt 50,1 megapixel; …"},
		{"JPEG header only", jpg[:2+4], ErrDamaged, broken},
		{"JPEG truncated", jpg[:len(jpg)/2], ErrDamaged, broken},
		{"JPEG without EOI", jpg[:len(jpg)-2], ErrDamaged, broken},
		{"JPEG without scan", append(append([]byte{}, jpg[:bytes.Index(jpg, []byte{0xFF, 0xDA})]...), 0xFF, 0xD9), ErrDamaged, broken},
		{"PNG truncated", pngData[:len(pngData)/2], ErrDamaged, broken},
		{"PNG without IEND", pngData[:len(pngData)-12], ErrDamaged, broken},
		{"PNG bad CRC", badCRC, ErrDamaged, broken},
		{"PNG bomb just over", bombPNG(t, 10000, 5001), ErrPixels, "billedet er 10000 × 5001 pixel, …"},
		{"PNG 10000 × 5000 but no pixels", bombPNG(t, 10000, 5000), ErrDamaged, broken},
	}
	for _, tt := range tests {
		clean, file, err := Image(tt.data, "foto.jpg")
		if err == nil {
			t.Errorf("%s: accepted as %q (%d bytes)", tt.name, file, len(clean))
			continue
		}
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, tt.want) {
			t.Errorf("%s: error %#v, want an *Error wrapping %v", tt.name, err, tt.want)
		}
		got := err.Error()
		if prefix, ok := strings.CutSuffix(tt.msg, "…"); ok {
			if !strings.HasPrefix(got, prefix) {
				t.Errorf("%s: message\n%q\nwant it to start\n%q", tt.name, got, prefix)
			}
		} else if got != tt.msg {
			t.Errorf("%s: message\n%q\nwant\n%q", tt.name, got, tt.msg)
		}
		checkMessage(t, tt.name, got)
	}
}

// checkMessage fails t unless msg is written as messages to editors are:
// a lower-case start, no full stop at the end.
func checkMessage(t *testing.T, name, msg string) {
	t.Helper()
	r, _ := utf8.DecodeRuneInString(msg)
	if msg == "" || unicode.IsUpper(r) || strings.HasSuffix(msg, ".") {
		t.Errorf("%s: message %q should start in lower case and end without a full stop", name, msg)
	}
}

func TestFileName(t *testing.T) {
	long := strings.Repeat("familien ", 10) + "i haven.jpg"
	tests := []struct {
		name, format, want string
	}{
		{"Min Foto ÆØÅ.JPEG", "jpeg", "min-foto-aeoeaa.jpg"},
		{"IMG_1234.HEIC.jpg", "jpeg", "img-1234-heic.jpg"},
		{"foto.png", "jpeg", "foto.jpg"}, // the bytes decide the extension
		{"foto.jpg", "png", "foto.png"},
		{"Ærø", "png", "aeroe.png"},
		{".jpg", "jpeg", "jpg.jpg"},
		{"😀.jpg", "jpeg", "billede.jpg"},
		{"", "jpeg", "billede.jpg"},
		{"---.png", "png", "billede.png"},
		{`C:\fakepath\Boligen på Vesterbro.jpg`, "jpeg", "boligen-paa-vesterbro.jpg"},
		{"../../etc/passwd", "png", "passwd.png"},
		{"bad\xff\xfename.jpg", "jpeg", "bad-name.jpg"},
		{long, "jpeg", "familien-familien-familien-familien-familien-familien.jpg"},
		{strings.Repeat("a", 70) + ".png", "png", strings.Repeat("a", 60) + ".png"},
		{strings.Repeat("ab-", 20) + "x.jpg", "jpeg", strings.TrimSuffix(strings.Repeat("ab-", 20), "-") + ".jpg"},
	}
	for _, tt := range tests {
		got := FileName(tt.name, tt.format)
		if got != tt.want {
			t.Errorf("FileName(%q, %q) = %q, want %q", tt.name, tt.format, got, tt.want)
		}
		if stem := strings.TrimSuffix(strings.TrimSuffix(got, ".jpg"), ".png"); len(stem) > MaxSlug {
			t.Errorf("FileName(%q): %d letters", tt.name, len(stem))
		}
	}
}
