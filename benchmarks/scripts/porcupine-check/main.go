// Command porcupine-check checks pdslab JSON histories (format "pdslab-history", models "kv" and
// "cas-register") with Porcupine, so that both checkers can be timed on the same files. It prints
// one line per file in the form `FILE: linearizable|violation|unknown (N ops, T ms)`, like
// `pdslab check-history`, and exits 0 when every file is linearizable, 1 on a violation, 2 else.
//
// Build it against a local Porcupine checkout (see benchmarks/scripts/check-history-vs-porcupine.sh).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"sort"
	"strconv"
	"time"

	"github.com/anishathalye/porcupine"
)

type document struct {
	Format     string            `json:"format"`
	Version    int               `json:"version"`
	Model      string            `json:"model"`
	Operations []json.RawMessage `json:"operations"`
}

type jsonOp struct {
	Client   int             `json:"client"`
	Call     int64           `json:"call"`
	Return   *int64          `json:"return"`
	F        string          `json:"f"`
	Key      json.RawMessage `json:"key"`
	Value    json.RawMessage `json:"value"`
	Expected json.RawMessage `json:"expected"`
	Output   json.RawMessage `json:"output"`
}

// scalar is a JSON string, number or null as text; nil means JSON null or absent.
func scalar(raw json.RawMessage) *string {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return &s
	}
	t := string(raw)
	return &t
}

func text(raw json.RawMessage) string {
	if s := scalar(raw); s != nil {
		return *s
	}
	return ""
}

type kvInput struct {
	f          string // get, put or append
	key, value string
}

type kvOutput struct {
	pending bool
	value   string
}

var kvModel = porcupine.Model{
	Partition: func(history []porcupine.Operation) [][]porcupine.Operation {
		byKey := map[string][]porcupine.Operation{}
		for _, op := range history {
			k := op.Input.(kvInput).key
			byKey[k] = append(byKey[k], op)
		}
		keys := make([]string, 0, len(byKey))
		for k := range byKey {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([][]porcupine.Operation, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, byKey[k])
		}
		return parts
	},
	Init: func() interface{} { return "" },
	Step: func(state, input, output interface{}) (bool, interface{}) {
		in, out, s := input.(kvInput), output.(kvOutput), state.(string)
		switch in.f {
		case "get":
			return out.pending || out.value == s, s
		case "put":
			return true, in.value
		default:
			return true, s + in.value
		}
	},
	Hash: func(state interface{}) uint64 {
		h := fnv.New64a()
		h.Write([]byte(state.(string)))
		return h.Sum64()
	},
}

type register struct {
	set   bool
	value string
}

type regInput struct {
	f               string // read, write or cas
	expected, value *string
}

type regOutput struct {
	pending bool
	ok      bool
	value   *string
}

func same(a *string, r register) bool {
	if a == nil {
		return !r.set
	}
	return r.set && *a == r.value
}

func toRegister(v *string) register {
	if v == nil {
		return register{}
	}
	return register{true, *v}
}

var registerModel = porcupine.Model{
	Init: func() interface{} { return register{} },
	Step: func(state, input, output interface{}) (bool, interface{}) {
		in, out, s := input.(regInput), output.(regOutput), state.(register)
		switch in.f {
		case "read":
			return out.pending || same(out.value, s), s
		case "write":
			return true, toRegister(in.value)
		default:
			matches := same(in.expected, s)
			switch {
			case out.pending && matches:
				return true, toRegister(in.value)
			case out.pending:
				return true, s
			case out.ok:
				return matches, toRegister(in.value)
			default:
				return !matches, s
			}
		}
	},
}

func load(path string) (porcupine.Model, []porcupine.Operation, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return porcupine.Model{}, nil, err
	}
	var doc document
	if err := json.Unmarshal(data, &doc); err != nil {
		return porcupine.Model{}, nil, err
	}
	if doc.Format != "pdslab-history" || doc.Version != 1 {
		return porcupine.Model{}, nil, fmt.Errorf("not a pdslab-history version 1 document")
	}
	ops := make([]porcupine.Operation, 0, len(doc.Operations))
	for i, raw := range doc.Operations {
		var o jsonOp
		if err := json.Unmarshal(raw, &o); err != nil {
			return porcupine.Model{}, nil, fmt.Errorf("operations[%d]: %v", i, err)
		}
		pending := o.Return == nil
		ret := int64(math.MaxInt64)
		if !pending {
			ret = *o.Return
		}
		op := porcupine.Operation{ClientId: o.Client, Call: o.Call, Return: ret}
		switch doc.Model {
		case "kv":
			op.Input = kvInput{o.F, text(o.Key), text(o.Value)}
			op.Output = kvOutput{pending, text(o.Output)}
		case "cas-register":
			op.Input = regInput{o.F, scalar(o.Expected), scalar(o.Value)}
			ok := true
			if o.F == "cas" && !pending {
				if err := json.Unmarshal(o.Output, &ok); err != nil {
					return porcupine.Model{}, nil, fmt.Errorf("operations[%d]: cas output: %v", i, err)
				}
			}
			op.Output = regOutput{pending, ok, scalar(o.Output)}
		default:
			return porcupine.Model{}, nil, fmt.Errorf("unknown model %q", doc.Model)
		}
		ops = append(ops, op)
	}
	if doc.Model == "kv" {
		return kvModel, ops, nil
	}
	return registerModel, ops, nil
}

var verdicts = map[porcupine.CheckResult]string{
	porcupine.Ok: "linearizable", porcupine.Illegal: "violation", porcupine.Unknown: "unknown",
}

func main() {
	timeout := flag.Float64("timeout", 10, "time budget per file, in seconds")
	perPartition := flag.Bool("partitions", false, "also time each partition alone")
	flag.Parse()
	exit := 0
	for _, path := range flag.Args() {
		model, ops, err := load(path)
		if err != nil {
			fmt.Printf("error: %s: %v\n", path, err)
			if exit == 0 {
				exit = 2
			}
			continue
		}
		start := time.Now()
		budget := time.Duration(*timeout * float64(time.Second))
		result := porcupine.CheckOperationsTimeout(model, ops, budget)
		fmt.Printf("%s: %s (%d ops, %d ms)\n", path, verdicts[result], len(ops), time.Since(start).Milliseconds())
		switch {
		case result == porcupine.Illegal:
			exit = 1
		case result == porcupine.Unknown && exit == 0:
			exit = 2
		}
		if *perPartition && model.Partition != nil {
			for i, part := range model.Partition(ops) {
				start := time.Now()
				r := porcupine.CheckOperationsTimeout(porcupine.Model{Init: model.Init, Step: model.Step, Hash: model.Hash}, part, budget)
				fmt.Printf("  partition %s: %s (%d ops, %d ms)\n", strconv.Itoa(i), verdicts[r], len(part), time.Since(start).Milliseconds())
			}
		}
	}
	os.Exit(exit)
}
