package main

import (
	"strings"
	"testing"
)

// TestHugoSite checks that the Hugo site carries the same data as the
// katalog site, mapped to Hugo's taxonomies, and the repository's assets.
func TestHugoSite(t *testing.T) {
	files := build(t, fakeRepo(t), 25, 5)
	if got, want := string(files["hugo/assets/css/site.css"]), "a{color:blue}\nb{color:red}\n"; got != want {
		t.Errorf("hugo site.css = %q, want the repository's CSS in name order %q", got, want)
	}
	if _, ok := files["hugo/assets/js/search.js"]; !ok {
		t.Error("assets/js/search.js was not copied into the Hugo site")
	}
	for _, f := range []string{"config.toml", "layouts/_default/baseof.html", "layouts/_default/term.html", "layouts/index.html",
		"layouts/index.casesjson.json", "layouts/index.casescsv.csv"} {
		if _, ok := files["hugo/"+f]; !ok {
			t.Errorf("hugo/%s is missing", f)
		}
	}
	for name, data := range files {
		rest, ok := strings.CutPrefix(name, "hugo/content/cases/")
		if !ok || rest == "_index.md" {
			continue
		}
		hm, _ := frontMatterOf(t, name, data)
		km, _ := frontMatterOf(t, "katalog/content/cases/"+rest, files["katalog/content/cases/"+rest])
		for _, k := range []string{"title", "date", "summary", "principles", "organisation"} {
			if !equal(hm[k], km[k]) {
				t.Errorf("%s: %s = %v, katalog has %v", name, k, hm[k], km[k])
			}
		}
		if mun := hm["municipality"].([]any); len(mun) != 1 || mun[0] != km["municipality"] {
			t.Errorf("%s: municipality = %v, katalog has %v", name, mun, km["municipality"])
		}
		for _, p := range hm["principles"].([]any) {
			if _, ok := files["hugo/content/principles/"+itoa(p.(int))+"/_index.md"]; !ok {
				t.Errorf("%s: principle %v has no _index.md", name, p)
			}
		}
		for i, tag := range hm["tags"].([]any) {
			if tag != slug(km["themes"].([]any)[i].(string)) {
				t.Errorf("%s: tag %v is not the slug of theme %v", name, tag, km["themes"].([]any)[i])
			}
			if _, ok := files["hugo/content/tags/"+tag.(string)+"/_index.md"]; !ok {
				t.Errorf("%s: tag %v has no _index.md", name, tag)
			}
		}
	}
}

func equal(a, b any) bool {
	as, aok := a.([]any)
	bs, bok := b.([]any)
	if aok != bok {
		return false
	}
	if !aok {
		return a == b
	}
	if len(as) != len(bs) {
		return false
	}
	for i := range as {
		if as[i] != bs[i] {
			return false
		}
	}
	return true
}
