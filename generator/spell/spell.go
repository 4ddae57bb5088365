// Package spell checks Danish text with Debian's hunspell and the Danish
// dictionary (package hunspell-da), minus a project word list of names and
// terms the dictionary does not know.
//
// Words splits visible text into words; Check asks hunspell which of them it
// does not know. Both are plain functions so that a test can check every
// page of the catalogue:
//
//	unknown, err := spell.Check(spell.Words(text), wordList)
package spell

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// Dictionary is the hunspell dictionary Check uses.
const Dictionary = "da_DK"

// timeout bounds one hunspell run; the whole catalogue takes well under a second.
const timeout = 30 * time.Second

// Available reports whether hunspell and the Danish dictionary are installed.
func Available() bool {
	if _, err := exec.LookPath("hunspell"); err != nil {
		return false
	}
	_, err := run(nil)
	return err == nil
}

// Check returns, sorted and without duplicates, the words that hunspell's
// Danish dictionary does not know and that are not in extra, the project
// word list. A word in extra matches itself and its genitive (OMBOLD also
// allows OMBOLDs); a lower-case entry also allows the capitalised form, as
// in hunspell's own dictionaries. Abbreviations are accepted if the
// dictionary knows them with a period (pct. as well as pct), since Words
// cannot tell an abbreviation's period from a full stop.
func Check(words []string, extra []string) (unknown []string, err error) {
	known := newWordList(extra)
	var ask []string
	for _, w := range dedup(words) {
		if !known.has(w) {
			ask = append(ask, w)
		}
	}
	if len(ask) == 0 {
		return nil, nil
	}
	first, err := run(ask)
	if err != nil {
		return nil, err
	}
	if len(first) == 0 {
		return nil, nil
	}
	dotted := make([]string, len(first))
	for i, w := range first {
		dotted[i] = w + "."
	}
	second, err := run(dotted)
	if err != nil {
		return nil, err
	}
	stillUnknown := make(map[string]bool, len(second))
	for _, w := range second {
		stillUnknown[strings.TrimSuffix(w, ".")] = true
	}
	for _, w := range first {
		if stillUnknown[w] {
			unknown = append(unknown, w)
		}
	}
	return dedup(unknown), nil
}

// run feeds words to hunspell, one a line, and returns the ones it lists as
// misspelled.
func run(words []string) ([]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "hunspell", "-d", Dictionary, "-i", "utf-8", "-l")
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n") + "\n")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("hunspell -d %s: %w: %s", Dictionary, err, strings.TrimSpace(stderr.String()))
	}
	var out []string
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			out = append(out, w)
		}
	}
	return out, sc.Err()
}

func dedup(words []string) []string {
	out := slices.Clone(words)
	slices.Sort(out)
	return slices.Compact(out)
}
