// The articles' Go library, as they wrote it: GSum from "Consuming Go code
// in Python", collatz and loopCollatz from "Fusing Go Into Python". Built by
// make bench with `go build -buildmode=c-shared`.
package main

import "C"

//export GSum
func GSum(n int) (result int) {
	for i := 0; i <= n; i++ {
		result += i
	}
	return
}

//export collatz
func collatz(n int) int {
	if n%2 == 0 {
		return n / 2
	}
	return 3*n + 1
}

//export loopCollatz
func loopCollatz(n, k int) int {
	for i := 0; i < k; i++ {
		n = collatz(n)
	}
	return n
}

func main() {}
