;; The `bench-callee` fixture: the smallest realistic component for the engine benchmarks. One
;; core module, no imports, exporting `trellis:bench/math`:
;;
;;   add: func(a: s32, b: s32) -> s32       a + b
;;   echo: func(s: string) -> string        the string back (UTF-8)
;;
;; Strings from the host are placed by a bump allocator that post-return resets, so any number of
;; calls on one instance use the same few bytes of memory.
(component
  (core module $math
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 1024))
    (func (export "add") (param i32 i32) (result i32)
      (i32.add (local.get 0) (local.get 1)))
    ;; realloc(old_ptr, old_size, align, new_size) -> ptr; never called with old_ptr != 0 here.
    (func (export "realloc") (param $old i32) (param $old_size i32) (param $align i32)
      (param $new_size i32) (result i32)
      (local $ptr i32)
      (local.set $ptr
        (i32.and
          (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get $align))))
      (if (i32.gt_u (i32.add (local.get $ptr) (local.get $new_size))
                    (i32.shl (memory.size) (i32.const 16)))
        (then unreachable))
      (global.set $heap (i32.add (local.get $ptr) (local.get $new_size)))
      (local.get $ptr))
    ;; echo(ptr, len) -> return area holding (ptr, len)
    (func (export "echo") (param $ptr i32) (param $len i32) (result i32)
      (i32.store (i32.const 16) (local.get $ptr))
      (i32.store (i32.const 20) (local.get $len))
      (i32.const 16))
    (func (export "post-echo") (param i32)
      (global.set $heap (i32.const 1024)))
  )
  (core instance $core (instantiate $math))
  (alias core export $core "memory" (core memory $memory))
  (alias core export $core "realloc" (core func $realloc))
  (alias core export $core "post-echo" (core func $post-echo))
  (func $add (param "a" s32) (param "b" s32) (result s32)
    (canon lift (core func $core "add")))
  (func $echo (param "s" string) (result string)
    (canon lift (core func $core "echo") (memory $memory) (realloc $realloc)
      string-encoding=utf8 (post-return $post-echo)))
  (instance $iface
    (export "add" (func $add))
    (export "echo" (func $echo)))
  (export "trellis:bench/math" (instance $iface))
)
