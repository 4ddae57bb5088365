package upload

import (
	"strings"
	"testing"
)

func TestCheckAlt(t *testing.T) {
	const (
		missing  = "skriv en alternativ tekst, der fortæller, hvad billedet viser (eller sæt flueben ved »Billedet er kun pynt«, hvis det ikke viser noget, læseren skal vide)"
		fileName = "den alternative tekst er billedets filnavn (skriv i stedet, hvad billedet viser)"
		fileLike = "den alternative tekst ligner et filnavn (skriv i stedet, hvad billedet viser)"
		short    = "den alternative tekst er for kort (beskriv med mindst 5 bogstaver, hvad billedet viser)"
	)
	generic := func(s string) string {
		return "»" + s + "« siger kun, at der er et billede, og det siger skærmlæseren i forvejen (skriv, hvad billedet viser, fx »Tre beboere spiller kort i fælleskøkkenet«)"
	}
	good := "To beboere drikker kaffe ved køkkenbordet i det nye bofællesskab"
	tests := []struct {
		alt, file  string
		decorative bool
		want       string
	}{
		{good, "img-1234.jpg", false, ""},
		{"Sofie på trappen", "sofie.jpg", false, ""},
		{"Kort over Ærø", "kort.png", false, ""},
		{"Foto af huset på Ærø", "hus.jpg", false, ""}, // says more than "foto"
		{"  " + good + "  ", "x.jpg", false, ""},

		{"", "img-1234.jpg", false, missing},
		{" \t\n", "img-1234.jpg", false, missing},
		{"", "img-1234.jpg", true, ""},
		{"billede", "img-1234.jpg", true, ""}, // not checked: decorative images get alt=""
		{good, "img-1234.jpg", true, ""},

		{"img-1234.jpg", "img-1234.jpg", false, fileName},
		{"IMG-1234.JPG", "img-1234.jpg", false, fileName},
		{"img-1234", "img-1234.jpg", false, fileName},
		{"IMG_1234", "img-1234.jpg", false, fileName},
		{"Min Foto ÆØÅ", "min-foto-aeoeaa.jpg", false, fileName},
		{"min-foto-aeoeaa.jpg", "min-foto-aeoeaa.jpg", false, fileName},

		{"DSC_0042.JPG", "familien.jpg", false, fileLike},
		{"sommerfest.png", "familien.jpg", false, fileLike},
		{"Billede.jpeg", "familien.jpg", false, fileLike},
		{"IMG 20240501", "familien.jpg", false, fileLike},
		{"PXL_20240501_121212", "familien.jpg", false, fileLike},
		{"WhatsApp Image 2024-05-01 at 12.00.00", "familien.jpg", false, fileLike},

		{"billede", "familien.jpg", false, generic("billede")},
		{"Billede.", "familien.jpg", false, generic("Billede.")},
		{"FOTO", "familien.jpg", false, generic("FOTO")},
		{"fotografi", "familien.jpg", false, generic("fotografi")},
		{"et billede", "familien.jpg", false, generic("et billede")},
		{"Billede af", "familien.jpg", false, generic("Billede af")},
		{"foto af …", "familien.jpg", false, generic("foto af …")},
		{"image", "familien.jpg", false, generic("image")},
		{"Photo", "familien.jpg", false, generic("Photo")},
		{"picture", "familien.jpg", false, generic("picture")},
		{"img", "familien.jpg", false, generic("img")},
		{"Illustration", "familien.jpg", false, generic("Illustration")},
		{"grafik", "familien.jpg", false, generic("grafik")},
		{"billedet", "familien.jpg", false, generic("billedet")},
		{"skærmbillede", "familien.jpg", false, generic("skærmbillede")},
		{"alt-tekst", "familien.jpg", false, generic("alt-tekst")},

		{"Hus", "familien.jpg", false, short},
		{"a b c", "familien.jpg", false, short},
		{"...!", "familien.jpg", false, short},
		{"Ærø", "familien.jpg", false, short},
		{"Haven!", "familien.jpg", false, ""},

		{strings.Repeat("æ", 250), "familien.jpg", false, ""},
		{strings.Repeat("æ", 251), "familien.jpg", false, "den alternative tekst er 251 tegn lang, og en skærmlæser læser den op i ét stræk (skriv det vigtigste på højst 250 tegn, og sæt resten i teksten ved billedet)"},
	}
	for _, tt := range tests {
		got := CheckAlt(tt.alt, tt.file, tt.decorative)
		if got != tt.want {
			t.Errorf("CheckAlt(%q, %q, %v) =\n%q\nwant\n%q", tt.alt, tt.file, tt.decorative, got, tt.want)
		}
		if got != "" {
			checkMessage(t, tt.alt, got)
		}
	}
}
