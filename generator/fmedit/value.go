package fmedit

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"
)

// normalize turns a value given to Apply into the form Get returns:
// string, bool, int, float64, []any and map[string]any.
func normalize(v any) (any, error) {
	switch v := v.(type) {
	case nil:
		return nil, errors.New("en værdi i en liste eller gruppe mangler")
	case string:
		if !utf8.ValidString(v) {
			return nil, errors.New("teksten er ikke gyldig UTF-8")
		}
		return v, nil
	case bool:
		return v, nil
	case int:
		return v, nil
	case int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		n := reflect.ValueOf(v)
		if n.CanInt() {
			return int(n.Int()), nil
		}
		if n.Uint() > math.MaxInt64 {
			return nil, errors.New("tallet er for stort")
		}
		return int(n.Uint()), nil
	case float32:
		return normalize(float64(v))
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, errors.New("tallet kan ikke skrives")
		}
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int(v), nil
		}
		return v, nil
	case json.Number:
		if i, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return int(i), nil
		}
		f, err := v.Float64()
		if err != nil {
			return nil, err
		}
		return normalize(f)
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format(time.DateOnly), nil
		}
		return v.Format(time.RFC3339Nano), nil
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			if !validKey(k) {
				return nil, fmt.Errorf("feltnavnet %q kan ikke bruges", k)
			}
			n, err := normalize(e)
			if err != nil {
				return nil, err
			}
			m[k] = n
		}
		return m, nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		l := make([]any, rv.Len())
		for i := range l {
			n, err := normalize(rv.Index(i).Interface())
			if err != nil {
				return nil, err
			}
			l[i] = n
		}
		return l, nil
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			break
		}
		m := make(map[string]any, rv.Len())
		for it := rv.MapRange(); it.Next(); {
			m[it.Key().String()] = it.Value().Interface()
		}
		return normalize(m)
	case reflect.String:
		return normalize(rv.String())
	case reflect.Bool:
		return rv.Bool(), nil
	}
	return nil, fmt.Errorf("værdier af typen %T kan ikke skrives", v)
}

// equal compares two normalized values; an int and a float64 of the same
// number are equal.
func equal(a, b any) bool {
	switch x := a.(type) {
	case int:
		if y, ok := b.(float64); ok {
			return float64(x) == y
		}
	case float64:
		if y, ok := b.(int); ok {
			return x == float64(y)
		}
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !equal(v, w) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

var dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// isDate reports whether s is a day, written YYYY-MM-DD.
func isDate(s string) bool {
	if !dateRe.MatchString(s) {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
