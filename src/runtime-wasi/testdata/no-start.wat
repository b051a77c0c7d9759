;; A reactor-style module with no _start export.
(module
  (memory (export "memory") 1)
  (func (export "run")))
