;; Imports a function no WASI host provides.
(module
  (import "env" "missing" (func $missing))
  (memory (export "memory") 1)
  (func (export "_start") (call $missing)))
