package spell

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// needHunspell skips t when hunspell-da is missing, unless CI is set: there
// the check is part of the test command and must not pass by skipping.
func needHunspell(t *testing.T) {
	t.Helper()
	if Available() {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("hunspell with the %s dictionary is not installed (apt-get install -y hunspell hunspell-da)", Dictionary)
	}
	t.Skipf("hunspell with the %s dictionary is not installed; skipping", Dictionary)
}

func TestWords(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Et hjem er mere end fire vægge.", []string{"Et", "hjem", "er", "mere", "end", "fire", "vægge"}},
		{"Housing First-tilgangen", []string{"Housing", "First", "tilgangen"}},
		{"børne- og unge- eller familieafdelingen", []string{"børne", "og", "unge", "eller", "familieafdelingen"}},
		{"BL's sekretariat og VIVE’s kortlægning", []string{"BL's", "sekretariat", "og", "VIVE's", "kortlægning"}},
		{"§ 110-boformen i 2020, midt i 20'erne", []string{"boformen", "i", "midt", "i"}},
		{"„Vi bygger oven på hinanden“ (kl. 9–16)", []string{"Vi", "bygger", "oven", "på", "hinanden", "kl"}},
		{"se https://sbst.dk/x eller sbst.dk, skriv til bl@bl.dk.", []string{"se", "eller", "skriv", "til"}},
		{"og/eller 80–90 pct.", []string{"og", "eller", "pct"}},
	}
	for _, tt := range tests {
		if got := Words(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestWordListHas(t *testing.T) {
	l := newWordList([]string{"OMBOLD", "BL", "skurby", "Aalborg"})
	tests := []struct {
		word string
		want bool
	}{
		{"OMBOLD", true},
		{"OMBOLDs", true},
		{"BL's", true},
		{"skurby", true},
		{"Skurby", true},  // sentence start
		{"SKURBY", false}, // all capitals is not a capitalised word
		{"aalborg", false},
		{"Aalborgs", true},
		{"hjemløs", false},
	}
	for _, tt := range tests {
		if got := l.has(tt.word); got != tt.want {
			t.Errorf("has(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestReadWordList(t *testing.T) {
	got, err := ReadWordList(strings.NewReader("# names\nOMBOLD\n\n  CFBU  \n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"OMBOLD", "CFBU"}; !slices.Equal(got, want) {
		t.Errorf("ReadWordList = %q, want %q", got, want)
	}
}

func TestCheckFindsMisspellings(t *testing.T) {
	needHunspell(t)
	words := Words("Et hjem er mere end fire vægge. Hjemløsshed er et problemm for boliggen.")
	got, err := Check(words, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Hjemløsshed", "boliggen", "problemm"}; !slices.Equal(got, want) {
		t.Errorf("Check = %q, want %q", got, want)
	}
}

func TestCheckWordList(t *testing.T) {
	needHunspell(t)
	words := Words("CFBU og Kontekst og Lyd laver podcasten om Housing First-tilgangen; CFBU's side.")
	got, err := Check(words, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"CFBU", "Housing", "First"} {
		if !slices.Contains(got, w) {
			t.Errorf("Check without a word list = %q, want it to contain %q", got, w)
		}
	}
	got, err = Check(words, []string{"CFBU", "Housing", "First"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("Check with the word list = %q, want none", got)
	}
}

func TestCheckAbbreviations(t *testing.T) {
	needHunspell(t)
	got, err := Check(Words("Det er 47 pct. og 3.500 kr. om måneden, ca. 6.700 i alt."), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("Check = %q, want none (abbreviations the dictionary knows with a period)", got)
	}
}
