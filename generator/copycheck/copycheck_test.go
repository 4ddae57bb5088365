package copycheck

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Skæve boliger i Aalborg", "skæve boliger i aalborg"},
		{"ÆBLE, ØL og ÅEN", "æble øl og åen"},
		{"A\u030arhus og Ha\u030ar", "århus og hår"}, // decomposed å
		{"„Vi bygger oven på hinanden“ – sagde de", "vi bygger oven på hinanden sagde de"},
		{`"citat" og 'enkelt' og »guillemets«`, "citat og enkelt og guillemets"},
		{"BL's og BL’s og OMBOLDs, 20'erne", "bls og bls og ombolds 20erne"},
		{"2022-2025, 2022–2025 og 2022 — 2025", "2022 2025 2022 2025 og 2022 2025"},
		{"Housing First-tilgangen", "housing first tilgangen"},
		{"6.431 personer, 68,1 mio. kr., kl. 9-16.", "6431 personer 681 mio kr kl 9 16"},
		{"## Overskrift\n\n*kursiv* og **fed** og _også_ og `kode`", "overskrift kursiv og fed og også og kode"},
		{"Se [tidsplanen](/tidsplan/) og [kilden](https://bl.dk/side \"titel\").", "se tidsplanen og kilden"},
		{"<https://sbst.dk/x> eller https://sbst.dk/y, og <mailto:bl@bl.dk>", "eller og"},
		{"- punkt\n1. nummer\n> citat\n| a | b |", "punkt 1 nummer citat a b"},
		{"§ 110-boform, 100 % og 80–90 pct.", "110 boform 100 og 80 90 pct"},
		{"blød\u00adbindestreg og nul\u200bbredde", "blødbindestreg og nulbredde"},
		{"<strong>html</strong> og <br> linje", "html og linje"},
		{"", ""},
	} {
		got := strings.Join(Words(c.in), " ")
		if got != c.want {
			t.Errorf("Words(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestHashIsStable(t *testing.T) {
	// The hash file depends on this; changing the hash or the normaliser
	// means making testdata/seeds.txt again.
	if got := Hash(strings.Fields("a b c d e f g h i j k l")); got != "6124356c54596273" {
		t.Errorf("Hash changed: %s", got)
	}
}

func TestFind(t *testing.T) {
	source := "Kilden siger, at mange af deltagerne oplever systemet som en stor labyrint, hvor ingen ved, hvor man skal gå hen for at få hjælp."
	seeds := map[string]bool{}
	for _, h := range HashSet(source) {
		seeds[h] = true
	}
	// Own words: no hit.
	if h := Find("Systemet føles som en labyrint for mange, og de ved ikke, hvor de skal søge hjælp.", seeds, nil); len(h) != 0 {
		t.Errorf("own words: got %v", h)
	}
	// Eleven words in a row are allowed.
	if h := Find("Vi skriver: oplever systemet som en stor labyrint, hvor ingen ved, hvor man – og så videre.", seeds, nil); len(h) != 0 {
		t.Errorf("11 words: got %v", h)
	}
	// A copied sentence dressed in markdown, quotes, dashes and other case is one hit.
	text := "Indledning.\n\nMange af **deltagerne** oplever [systemet](/principper/) som en „stor labyrint“ – hvor ingen ved, hvor man skal gå hen for at få hjælp. Slut."
	hits := Find(text, seeds, nil)
	if len(hits) != 1 {
		t.Fatalf("copied sentence: got %d hits, want 1: %v", len(hits), hits)
	}
	if got := strings.Join(hits[0].Words, " "); got != "mange af deltagerne oplever systemet som en stor labyrint hvor ingen ved" {
		t.Errorf("hit words = %q", got)
	}
	// An allowed phrase (an official name) is not reported, but copied words around it are.
	allowed := [][]string{Words("oplever systemet som en stor labyrint, hvor ingen ved, hvor man skal gå hen for at")}
	if h := Find("De oplever systemet som en stor labyrint, hvor ingen ved, hvor man skal gå hen for at.", seeds, allowed); len(h) != 0 {
		t.Errorf("allowed phrase: got %v", h)
	}
	if h := Find(text, seeds, allowed); len(h) != 1 {
		t.Errorf("allowed phrase with copied words around it: got %d hits, want 1", len(h))
	}
}

func TestSeedHashesFile(t *testing.T) {
	b, err := os.ReadFile("testdata/seeds.txt")
	if err != nil {
		t.Fatal(err)
	}
	var hs []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if len(line) != 16 || strings.Trim(line, "0123456789abcdef") != "" {
			t.Fatalf("testdata/seeds.txt: %q is not a 16-digit hex hash", line)
		}
		hs = append(hs, line)
	}
	if len(hs) < 1000 {
		t.Errorf("testdata/seeds.txt has only %d hashes", len(hs))
	}
	if !slices.IsSorted(hs) || len(slices.Compact(slices.Clone(hs))) != len(hs) {
		t.Error("testdata/seeds.txt is not sorted and distinct; make it again with cmd/seedhashes")
	}
}
