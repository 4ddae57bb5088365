package upload

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"katalog/internal/slug"
)

// MinAltLetters is the fewest letters and digits a good alternative text has.
const MinAltLetters = 5

// MaxAlt is the most characters an alternative text should have: a screen
// reader reads it in one go, with no way to skim or skip.
const MaxAlt = 250

// genericAlts are alternative texts that say only that there is a picture,
// which a screen reader says already: in lower case, with punctuation
// turned into single spaces.
var genericAlts = map[string]bool{
	"billede": true, "billedet": true, "et billede": true, "billede af": true, "billeder": true,
	"foto": true, "fotoet": true, "et foto": true, "foto af": true, "fotos": true,
	"fotografi": true, "fotografiet": true, "et fotografi": true,
	"illustration": true, "illustrationen": true, "en illustration": true,
	"grafik": true, "grafikken": true, "figur": true, "ikon": true, "logo": true,
	"skærmbillede": true, "skaermbillede": true, "billedtekst": true,
	"alt": true, "alt tekst": true, "alttekst": true, "alternativ tekst": true, "tekst": true,
	"uden titel": true, "unavngivet": true, "pynt": true, "dekoration": true,
	"image": true, "an image": true, "image of": true, "photo": true, "a photo": true,
	"photo of": true, "picture": true, "a picture": true, "picture of": true, "img": true,
	"graphic": true, "icon": true, "screenshot": true, "untitled": true, "placeholder": true,
}

// fileLike matches an alternative text that is a file name: one that ends
// in an image extension, or a camera's numbered name such as "IMG_1234".
var fileLike = regexp.MustCompile(`(?i)(\.(jpe?g|jfif|png|gif|webp|heic|heif|avif|tiff?|bmp|svg)$` +
	`|^(img|dsc[nf]?|pxl|pict?|photo|image|screenshot|skærmbillede|whatsapp image)[ _-]*\d)`)

// CheckAlt returns "" when alt is a good alternative text for an image stored as file,
// else a Danish message. decorative=true means "Billedet er kun pynt" (empty alt wanted).
//
// A decorative image gets alt="" whatever alt holds, so alt is not checked
// then: the editor keeps what was typed in case the box is unticked again.
// Otherwise (ATAG 2.0 B.2.3.2) alt must be there, must not be the file's
// name or any file name, must say more than "billede" or "foto", must have
// at least MinAltLetters letters or digits and should not pass MaxAlt
// characters. Case, spaces around it and punctuation do not count.
func CheckAlt(alt, file string, decorative bool) string {
	if decorative {
		return ""
	}
	alt = strings.TrimSpace(alt)
	if alt == "" {
		return "skriv en alternativ tekst, der fortæller, hvad billedet viser (eller sæt flueben ved »Billedet er kun pynt«, hvis det ikke viser noget, læseren skal vide)"
	}
	stem := file
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		stem = stem[:i]
	}
	if a := slug.Make(alt); a != "" && (a == slug.Make(stem) || a == slug.Make(file)) {
		return "den alternative tekst er billedets filnavn (skriv i stedet, hvad billedet viser)"
	}
	if fileLike.MatchString(alt) {
		return "den alternative tekst ligner et filnavn (skriv i stedet, hvad billedet viser)"
	}
	if genericAlts[words(alt)] {
		return fmt.Sprintf("»%s« siger kun, at der er et billede, og det siger skærmlæseren i forvejen (skriv, hvad billedet viser, fx »Tre beboere spiller kort i fælleskøkkenet«)", alt)
	}
	if n := letters(alt); n < MinAltLetters {
		return fmt.Sprintf("den alternative tekst er for kort (beskriv med mindst %d bogstaver, hvad billedet viser)", MinAltLetters)
	}
	if n := utf8.RuneCountInString(alt); n > MaxAlt {
		return fmt.Sprintf("den alternative tekst er %d tegn lang, og en skærmlæser læser den op i ét stræk (skriv det vigtigste på højst %d tegn, og sæt resten i teksten ved billedet)", n, MaxAlt)
	}
	return ""
}

// words returns s in lower case, with every run of characters that are not
// letters or digits turned into one space, trimmed.
func words(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// letters counts the letters and digits of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
