;; The `bench-caller` fixture: imports `trellis:bench/math` (bench-callee exports it) and exports
;;
;;   call-add: func(a: s32, b: s32) -> s32     one call of the imported add(a, b)
;;
;; so that a host call of call-add measures exactly one in-process component-to-component call.
(component
  (import "trellis:bench/math" (instance $math
    (export "add" (func (param "a" s32) (param "b" s32) (result s32)))))
  (core func $add (canon lower (func $math "add")))
  (core module $caller
    (import "math" "add" (func $add (param i32 i32) (result i32)))
    (func (export "call-add") (param i32 i32) (result i32)
      (call $add (local.get 0) (local.get 1))))
  (core instance $imports (export "add" (func $add)))
  (core instance $core (instantiate $caller (with "math" (instance $imports))))
  (func (export "call-add") (param "a" s32) (param "b" s32) (result s32)
    (canon lift (core func $core "call-add")))
)
