;; The `composed` fixture: two nested components linked inside one outer component, the way a
;; composition tool (wac, wasm-tools compose) links them.
;;
;;   $adder exports trellis:examples/math      { add, div-mod } (like adder.wasm)
;;   $calc  imports trellis:examples/math and
;;          exports trellis:examples/calculator { sum, quotient } (calc.wasm's without divide)
;;
;; The outer component instantiates $adder, satisfies $calc's import with $adder's export and
;; re-exports $calc's calculator. It imports nothing.
;;
;;   sum([1, 2, 3, 4]) = 10            (three calls across the components, one per element)
;;   quotient(7, 2) = ok(3)
;;   quotient(1, 0) = err("division by zero")   (copied from $adder's memory into $calc's)
(component
  (component $adder
    (core module $adder-core
      (memory (export "memory") 1)
      ;; 64: "division by zero" (16 bytes), 80: "overflow" (8 bytes)
      (data (i32.const 64) "division by zero")
      (data (i32.const 80) "overflow")

      (func (export "add") (param $a i32) (param $b i32) (result i32)
        (i32.add (local.get $a) (local.get $b)))

      ;; result<tuple<s32, s32>, string> at 16: discriminant byte at 16, payload at 20
      ;; (ok: quotient, remainder; err: ptr, len).
      (func $err (param $ptr i32) (param $len i32) (result i32)
        (i32.store8 (i32.const 16) (i32.const 1))
        (i32.store (i32.const 20) (local.get $ptr))
        (i32.store (i32.const 24) (local.get $len))
        (i32.const 16))
      (func (export "div-mod") (param $a i32) (param $b i32) (result i32)
        (if (i32.eqz (local.get $b))
          (then (return (call $err (i32.const 64) (i32.const 16)))))
        (if (i32.and (i32.eq (local.get $a) (i32.const 0x80000000))
                     (i32.eq (local.get $b) (i32.const -1)))
          (then (return (call $err (i32.const 80) (i32.const 8)))))
        (i32.store8 (i32.const 16) (i32.const 0))
        (i32.store (i32.const 20) (i32.div_s (local.get $a) (local.get $b)))
        (i32.store (i32.const 24) (i32.rem_s (local.get $a) (local.get $b)))
        (i32.const 16))
    )
    (core instance $core (instantiate $adder-core))
    (alias core export $core "memory" (core memory $memory))

    (type $div-mod-result (result (tuple s32 s32) (error string)))
    (func $add (param "a" s32) (param "b" s32) (result s32)
      (canon lift (core func $core "add")))
    (func $div-mod (param "a" s32) (param "b" s32) (result $div-mod-result)
      (canon lift (core func $core "div-mod") (memory $memory)))
    (instance $math
      (export "add" (func $add))
      (export "div-mod" (func $div-mod)))
    (export "trellis:examples/math" (instance $math))
  )

  (component $calc
    (type $div-mod-result (result (tuple s32 s32) (error string)))
    (import "trellis:examples/math" (instance $math
      (export "add" (func (param "a" s32) (param "b" s32) (result s32)))
      (export "div-mod" (func (param "a" s32) (param "b" s32) (result $div-mod-result)))))

    ;; Memory and realloc live in their own core module, instantiated first, so the imports
    ;; lowered below can name them before the main core module exists.
    (core module $libc
      (memory (export "memory") 1)
      (global $heap (mut i32) (i32.const 1024))
      ;; realloc(old_ptr, old_size, align, new_size) -> ptr: bump allocation.
      (func (export "realloc") (param $old i32) (param $old_size i32) (param $align i32)
        (param $new_size i32) (result i32)
        (local $ptr i32)
        (local.set $ptr
          (i32.and
            (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
            (i32.sub (i32.const 0) (local.get $align))))
        (if (i32.gt_u (i32.add (local.get $ptr) (local.get $new_size))
                      (i32.shl (memory.size) (i32.const 16)))
          (then
            (if (i32.eq (memory.grow (i32.add (i32.shr_u (local.get $new_size) (i32.const 16))
                                              (i32.const 1)))
                        (i32.const -1))
              (then unreachable))))
        (global.set $heap (i32.add (local.get $ptr) (local.get $new_size)))
        (if (local.get $old)
          (then
            (memory.copy (local.get $ptr) (local.get $old)
              (select (local.get $old_size) (local.get $new_size)
                      (i32.lt_u (local.get $old_size) (local.get $new_size))))))
        (local.get $ptr))
    )
    (core instance $libc (instantiate $libc))
    (alias core export $libc "memory" (core memory $memory))
    (alias core export $libc "realloc" (core func $realloc))

    (core func $add (canon lower (func $math "add")))
    ;; The result does not fit in one core value: the lowered function takes an out-pointer.
    (core func $div-mod (canon lower (func $math "div-mod") (memory $memory) (realloc $realloc)))

    (core module $calc-core
      (import "libc" "memory" (memory 1))
      (import "math" "add" (func $add (param i32 i32) (result i32)))
      (import "math" "div-mod" (func $div-mod (param i32 i32 i32)))

      ;; sum(xs: list<s32>) folds the list with the imported add.
      (func (export "sum") (param $ptr i32) (param $len i32) (result i32)
        (local $acc i32)
        (local $i i32)
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
            (local.set $acc
              (call $add (local.get $acc)
                         (i32.load (i32.add (local.get $ptr)
                                            (i32.shl (local.get $i) (i32.const 2))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (local.get $acc))

      ;; quotient(a, b) -> result<s32, string>: div-mod writes its result at 16; this
      ;; function's result (discriminant byte, then s32 or (ptr, len)) goes at 32.
      (func (export "quotient") (param $a i32) (param $b i32) (result i32)
        (call $div-mod (local.get $a) (local.get $b) (i32.const 16))
        (i32.store8 (i32.const 32) (i32.load8_u (i32.const 16)))
        (i32.store (i32.const 36) (i32.load (i32.const 20)))
        (if (i32.load8_u (i32.const 16))
          (then (i32.store (i32.const 40) (i32.load (i32.const 24)))))
        (i32.const 32))
    )
    (core instance $math-core
      (export "add" (func $add))
      (export "div-mod" (func $div-mod)))
    (core instance $core (instantiate $calc-core
      (with "libc" (instance $libc))
      (with "math" (instance $math-core))))

    (func $sum (param "xs" (list s32)) (result s32)
      (canon lift (core func $core "sum") (memory $memory) (realloc $realloc)))
    (func $quotient (param "a" s32) (param "b" s32) (result (result s32 (error string)))
      (canon lift (core func $core "quotient") (memory $memory)))
    (instance $calculator
      (export "sum" (func $sum))
      (export "quotient" (func $quotient)))
    (export "trellis:examples/calculator" (instance $calculator))
  )

  (instance $adder-instance (instantiate $adder))
  (instance $calc-instance (instantiate $calc
    (with "trellis:examples/math" (instance $adder-instance "trellis:examples/math"))))
  (export "trellis:examples/calculator" (instance $calc-instance "trellis:examples/calculator"))
)
