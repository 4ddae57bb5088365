package upload

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
)

const pngSignature = "\x89PNG\r\n\x1a\n"

// keepChunks are the PNG chunks a cleaned PNG keeps: the critical ones and
// those that say how its pixels look. All others are left out.
var keepChunks = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true,
	"tRNS": true, "gAMA": true, "cHRM": true, "sRGB": true, "iCCP": true,
	"sBIT": true, "cICP": true, "mDCv": true, "cLLi": true, "bKGD": true, "pHYs": true,
}

// cleanPNG returns data with only the chunks of keepChunks, up to IEND,
// after checking every chunk's CRC and that the result decodes to a w×h
// image.
func cleanPNG(data []byte, w, h int) ([]byte, error) {
	clean, err := stripPNG(data)
	if err != nil {
		return nil, err
	}
	if _, err := decodeCheck(clean, "png", w, h); err != nil {
		return nil, err
	}
	return clean, nil
}

// stripPNG copies the signature and the chunks of keepChunks of data.
func stripPNG(data []byte) ([]byte, error) {
	if len(data) < len(pngSignature) || string(data[:len(pngSignature)]) != pngSignature {
		return nil, errors.New("no PNG signature")
	}
	out := make([]byte, 0, len(data))
	out = append(out, pngSignature...)
	for i := len(pngSignature); ; {
		if i+12 > len(data) {
			return nil, errors.New("truncated PNG")
		}
		n := binary.BigEndian.Uint32(data[i:])
		if n > 1<<31-1 || uint64(i)+12+uint64(n) > uint64(len(data)) {
			return nil, errors.New("truncated PNG")
		}
		end := i + 12 + int(n)
		typ := string(data[i+4 : i+8])
		if crc32.ChecksumIEEE(data[i+4:end-4]) != binary.BigEndian.Uint32(data[end-4:]) {
			return nil, fmt.Errorf("bad CRC in chunk %q at %d", typ, i)
		}
		if i == len(pngSignature) && typ != "IHDR" {
			return nil, fmt.Errorf("first chunk is %q, not IHDR", typ)
		}
		if keepChunks[typ] {
			out = append(out, data[i:end]...)
		}
		if typ == "IEND" {
			return out, nil
		}
		i = end
	}
}
