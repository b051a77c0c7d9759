;; Prints "clean" when its memory is as a new process finds it (the initial 2 pages, all zero
;; outside its data), else "dirty"; then scribbles over all of it. With an argument it also
;; grows its memory by a page and scribbles there. Run twice in one worker, the second run
;; must still print "clean": the runtime reuses memories between containers.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 0) "clean\n")
  (data (i32.const 8) "dirty\n")
  (func (export "_start")
    (local $at i32)
    (local $seen i32)
    (local.set $at (i32.const 16))
    (loop $scan
      (local.set $seen (i32.or (local.get $seen) (i32.load (local.get $at))))
      (local.set $at (i32.add (local.get $at) (i32.const 4)))
      (br_if $scan (i32.lt_u (local.get $at) (i32.const 131072))))
    (if (i32.ne (memory.size) (i32.const 2))
      (then (local.set $seen (i32.const 1))))
    ;; iovec at 16: "clean\n" or "dirty\n"
    (i32.store (i32.const 16) (select (i32.const 8) (i32.const 0) (local.get $seen)))
    (i32.store (i32.const 20) (i32.const 6))
    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))
    (drop (call $args_sizes_get (i32.const 32) (i32.const 36)))
    (if (i32.gt_u (i32.load (i32.const 32)) (i32.const 1))
      (then
        (drop (memory.grow (i32.const 1)))
        (memory.fill (i32.const 131072) (i32.const 0xa5) (i32.const 65536))))
    (memory.fill (i32.const 0) (i32.const 0xa5) (i32.const 131072))))
