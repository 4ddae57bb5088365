package main

import (
	"fmt"
	"slices"
	"time"
)

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// quantile returns the q-quantile of sorted ds by the nearest-rank method;
// for q = 0.5 and an even count it is the mean of the middle two.
func quantile(sorted []time.Duration, q float64) time.Duration {
	n := len(sorted)
	if q == 0.5 && n%2 == 0 {
		return (sorted[n/2-1] + sorted[n/2]) / 2
	}
	i := int(q*float64(n)+0.999999) - 1
	return sorted[max(0, min(i, n-1))]
}

// summarize returns one line: median, p90, min and max in milliseconds.
func summarize(ds []time.Duration) string {
	s := slices.Clone(ds)
	slices.Sort(s)
	return fmt.Sprintf("saves=%d median_ms=%.1f p90_ms=%.1f min_ms=%.1f max_ms=%.1f",
		len(s), ms(quantile(s, 0.5)), ms(quantile(s, 0.9)), ms(s[0]), ms(s[len(s)-1]))
}
