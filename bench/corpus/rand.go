package main

// rng is a splitmix64 generator. It is written out here, not taken from
// math/rand, so that the corpus stays byte-identical across Go releases.
type rng struct{ s uint64 }

// newRNG returns a generator for one item of the corpus. Mixing the item's
// index into the seed makes an item independent of N: the cases of a small
// corpus are the first cases of a large one (only their links differ).
func newRNG(seed uint64, item int) *rng {
	r := &rng{s: seed}
	r.s = r.next() ^ uint64(item)*0x9e3779b97f4a7c15
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n). The modulo bias is irrelevant here.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance reports true with probability p/100.
func (r *rng) chance(p int) bool { return r.intn(100) < p }

// pick returns k distinct numbers from [0, n), sorted ascending.
func (r *rng) pick(k, n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	for i := 0; i < k; i++ {
		j := i + r.intn(n-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	out := idx[:k]
	for i := 1; i < len(out); i++ { // insertion sort: k is tiny
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
