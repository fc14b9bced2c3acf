;; The `simd` fixture: a core module using a SIMD (v128) instruction, which the engine rejects
;; at load time with "unsupported: SIMD".
;;
;;   lanes() -> s32                 would add the lanes of an i32x4 (never runs on Trellis)
(component
  (core module $simd
    (func (export "lanes") (result i32)
      (i32x4.extract_lane 1
        (i32x4.add (v128.const i32x4 1 2 3 4) (v128.const i32x4 10 20 30 40)))))
  (core instance $simd (instantiate $simd))
  (func $lanes (result s32) (canon lift (core func $simd "lanes")))
  (export "lanes" (func $lanes))
)
