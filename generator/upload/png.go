package upload

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/draw"
	"image/png"
	"katalog/generator/images"
)

const pngSignature = "\x89PNG\r\n\x1a\n"

// keepChunks are the PNG chunks a cleaned PNG keeps: the critical ones and
// those that say how its pixels look. All others are left out.
var keepChunks = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true,
	"tRNS": true, "gAMA": true, "cHRM": true, "sRGB": true, "iCCP": true,
	"sBIT": true, "cICP": true, "mDCv": true, "cLLi": true, "bKGD": true, "pHYs": true,
}

// colourChunks are the chunks of keepChunks a PNG that is encoded again
// gets back: those about colour and pixel size, which hold for any pixel
// format. (tRNS, sBIT, bKGD and PLTE depend on the format the file had.)
var colourChunks = map[string]bool{
	"gAMA": true, "cHRM": true, "sRGB": true, "iCCP": true,
	"cICP": true, "mDCv": true, "cLLi": true, "pHYs": true,
}

// cleanPNG returns data with only the chunks of keepChunks, up to IEND,
// after checking every chunk's CRC and that the result decodes to a w×h
// image. A PNG with an eXIf chunk whose orientation is not 1 is turned
// upright, as browsers show it, and encoded again with its colourChunks.
func cleanPNG(data []byte, w, h int) ([]byte, error) {
	clean, o, colour, err := stripPNG(data)
	if err != nil {
		return nil, err
	}
	img, err := decodeCheck(clean, "png", w, h)
	if err != nil {
		return nil, err
	}
	if o == 1 {
		return clean, nil
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, orientPNG(img, o)); err != nil {
		return nil, err
	}
	enc := buf.Bytes()
	const ihdr = len(pngSignature) + 12 + 13
	out := make([]byte, 0, len(enc)+len(colour)*16)
	out = append(out, enc[:ihdr]...)
	for _, c := range colour {
		if o >= 5 && string(c[4:8]) == "pHYs" && len(c) == 12+9 {
			// Pixels per unit across and down trade places.
			c = pngChunk("pHYs", append(append(append([]byte{}, c[12:16]...), c[8:12]...), c[16]))
		}
		out = append(out, c...)
	}
	return append(out, enc[ihdr:]...), nil
}

// orientPNG turns a decoded PNG upright as EXIF orientation o (2–8) says,
// keeping 16 bits a channel when it has them.
func orientPNG(src image.Image, o int) image.Image {
	b := src.Bounds()
	switch src.(type) {
	case *image.RGBA64, *image.NRGBA64, *image.Gray16:
		in := image.NewNRGBA64(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(in, in.Bounds(), src, b.Min, draw.Src)
		pix, r := turn(in.Pix, in.Stride, 8, b.Dx(), b.Dy(), o)
		return &image.NRGBA64{Pix: pix, Stride: 8 * r.Dx(), Rect: r}
	}
	in := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(in, in.Bounds(), src, b.Min, draw.Src)
	pix, r := turn(in.Pix, in.Stride, 4, b.Dx(), b.Dy(), o)
	return &image.NRGBA{Pix: pix, Stride: 4 * r.Dx(), Rect: r}
}

// pngChunk returns a PNG chunk of type typ holding data, with its CRC.
func pngChunk(typ string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// stripPNG copies the signature and the chunks of keepChunks of data. It
// returns the orientation of the first eXIf chunk before the image data,
// or 1, and the colourChunks it kept.
func stripPNG(data []byte) (clean []byte, o int, colour [][]byte, err error) {
	if len(data) < len(pngSignature) || string(data[:len(pngSignature)]) != pngSignature {
		return nil, 0, nil, errors.New("no PNG signature")
	}
	o = 1
	exifSeen, idatSeen := false, false
	out := make([]byte, 0, len(data))
	out = append(out, pngSignature...)
	for i := len(pngSignature); ; {
		if i+12 > len(data) {
			return nil, 0, nil, errors.New("truncated PNG")
		}
		n := binary.BigEndian.Uint32(data[i:])
		if n > 1<<31-1 || uint64(i)+12+uint64(n) > uint64(len(data)) {
			return nil, 0, nil, errors.New("truncated PNG")
		}
		end := i + 12 + int(n)
		typ := string(data[i+4 : i+8])
		if crc32.ChecksumIEEE(data[i+4:end-4]) != binary.BigEndian.Uint32(data[end-4:]) {
			return nil, 0, nil, fmt.Errorf("bad CRC in chunk %q at %d", typ, i)
		}
		if i == len(pngSignature) && typ != "IHDR" {
			return nil, 0, nil, fmt.Errorf("first chunk is %q, not IHDR", typ)
		}
		switch {
		case typ == "IDAT":
			idatSeen = true
		case typ == "eXIf" && !exifSeen && !idatSeen:
			o = images.ExifOrientation(data[i+8 : end-4])
			exifSeen = true
		case colourChunks[typ]:
			colour = append(colour, data[i:end])
		}
		if keepChunks[typ] {
			out = append(out, data[i:end]...)
		}
		if typ == "IEND" {
			return out, o, colour, nil
		}
		i = end
	}
}
