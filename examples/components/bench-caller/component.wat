;; The `bench-caller` fixture: imports `trellis:bench/math` (bench-callee exports it) and exports
;;
;;   call-add: func(a: s32, b: s32) -> s32     one call of the imported add(a, b)
;;   call-add-n: func(n: u32) -> s32           n calls of add(acc, 1) starting from 0, so a
;;                                             benchmark can amortize the host's own call
;;
;; so that calls measure in-process component-to-component calls.
(component
  (import "trellis:bench/math" (instance $math
    (export "add" (func (param "a" s32) (param "b" s32) (result s32)))))
  (core func $add (canon lower (func $math "add")))
  (core module $caller
    (import "math" "add" (func $add (param i32 i32) (result i32)))
    (func (export "call-add") (param i32 i32) (result i32)
      (call $add (local.get 0) (local.get 1)))
    (func (export "call-add-n") (param $n i32) (result i32) (local $acc i32)
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $acc (call $add (local.get $acc) (i32.const 1)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $next)))
      (local.get $acc)))
  (core instance $imports (export "add" (func $add)))
  (core instance $core (instantiate $caller (with "math" (instance $imports))))
  (func (export "call-add") (param "a" s32) (param "b" s32) (result s32)
    (canon lift (core func $core "call-add")))
  (func (export "call-add-n") (param "n" u32) (result s32)
    (canon lift (core func $core "call-add-n")))
)
