package upload

import (
	"image"
	"testing"
	"time"
)

// FuzzImage feeds Image arbitrary bytes: it must not panic, must answer
// within two seconds, and whatever it accepts must be a whole JPEG or PNG
// that decodes and carries no metadata.
func FuzzImage(f *testing.F) {
	jpg := encodeJPEG(f, quadrants(64, 32))
	f.Add(jpg)
	f.Add(afterSOI(jpg, exifSegment(6), xmpSegment, comSegment, iptcSeg, mpfSegment, iccSegment("RGB ")))
	f.Add(afterSOI(jpg, jfifThumb, adobeLong, exifSegment(3)))
	f.Add(afterSOI(encodeJPEG(f, gradient(17, 9)), exifSegment(8), iccSegment("CMYK")))
	p := encodePNG(f, gradient(40, 30))
	f.Add(p)
	f.Add(afterIHDR(p, pngChunk("tEXt", []byte("Location\x00Nørrebrogade")), pngChunk("eXIf", exifSegment(1)[10:]), pngChunk("gAMA", []byte{0, 0, 0xB1, 0x8F})))
	f.Add(afterIHDR(encodePNG(f, quadrants(12, 7)), pngChunk("eXIf", exifSegment(6)[10:]), pngChunk("pHYs", []byte{0, 0, 0x0B, 0x13, 0, 0, 0x0E, 0xC4, 1})))
	f.Add(afterIHDR(encodePNG(f, image.NewGray16(image.Rect(0, 0, 5, 9))), pngChunk("eXIf", exifSegment(8)[10:])))
	f.Add(bombPNG(f, 60000, 60000))
	f.Add(bombJPEG(f, 4000, 3000))
	f.Add(jpg[:len(jpg)/2])
	f.Add([]byte("GIF89a"))
	f.Add([]byte("<svg></svg>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		clean, file, err := Image(data, "foto.jpg")
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Image took %v for %d bytes", d, len(data))
		}
		if err != nil {
			if _, ok := err.(*Error); !ok || err.Error() == "" {
				t.Errorf("error %#v is not an *Error with a message", err)
			}
			return
		}
		checkClean(t, clean, file)
	})
}
