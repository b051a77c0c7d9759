;; Reads the realtime clock, then sleeps until that time + 2 s with an absolute subscription,
;; and prints "woke".
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $now (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "woke\n")
  (func (export "_start")
    (drop (call $now (i32.const 0) (i64.const 1) (i32.const 512)))
    (i64.store (i32.const 1024) (i64.const 7))
    (i32.store8 (i32.const 1032) (i32.const 0))
    (i32.store (i32.const 1040) (i32.const 0))
    (i64.store (i32.const 1048) (i64.add (i64.load (i32.const 512)) (i64.const 2000000000)))
    (i64.store (i32.const 1056) (i64.const 0))
    ;; flags: SUBSCRIPTION_CLOCK_ABSTIME
    (i32.store16 (i32.const 1064) (i32.const 1))
    (drop (call $poll (i32.const 1024) (i32.const 2048) (i32.const 1) (i32.const 4000)))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 5))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
