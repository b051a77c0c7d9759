;; Grows its memory one page at a time; when memory.grow fails it traps, as an allocator's
;; abort would. Under a memory limit this is an out-of-memory death.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $more
      (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    unreachable))
