;; Declares 200 pages (12.5 MiB) of initial memory and returns at once.
(module
  (memory (export "memory") 200)
  (func (export "_start")))
