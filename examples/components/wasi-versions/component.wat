;; The `wasi-versions` fixture: imports WASI interfaces at older 0.2.x versions than the host
;; provides (wasi:cli/environment@0.2.0, wasi:random/random@0.2.3) and the wasi:sockets
;; interfaces @0.2.0, so a host proves its semver matching and its sockets policy.
;;   count-args()  = the number of strings get-arguments returns
;;   random()      = get-random-u64()
;;   has-network() = whether instance-network returned a handle
(component $C
  (import "wasi:cli/environment@0.2.0" (instance $env
    (export "get-arguments" (func (result (list string))))))
  (import "wasi:random/random@0.2.3" (instance $random
    (export "get-random-u64" (func (result u64)))))
  (import "wasi:sockets/network@0.2.0" (instance $net
    (export "network" (type (sub resource)))))
  (alias export $net "network" (type $network))
  (import "wasi:sockets/instance-network@0.2.0" (instance $inet
    (alias outer $C $network (type $outer-network))
    (export "network" (type $n (eq $outer-network)))
    (export "instance-network" (func (result (own $n))))))

  ;; owns the memory and the allocator the lowered get-arguments writes its result with
  (core module $Heap
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p
        (i32.and
          (i32.add (global.get $next) (i32.sub (local.get 2) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get 2))))
      (global.set $next (i32.add (local.get $p) (local.get 3)))
      (local.get $p)))
  (core instance $heap (instantiate $Heap))
  (alias core export $heap "memory" (core memory $memory))
  (alias core export $heap "realloc" (core func $realloc))

  (core func $get-arguments
    (canon lower (func $env "get-arguments") (memory $memory) (realloc $realloc)))
  (core func $get-random-u64 (canon lower (func $random "get-random-u64")))
  (core func $instance-network (canon lower (func $inet "instance-network")))

  (core module $Main
    (import "env" "memory" (memory 1))
    (import "env" "get-arguments" (func $get-arguments (param i32)))
    (import "env" "get-random-u64" (func $get-random-u64 (result i64)))
    (import "env" "instance-network" (func $instance-network (result i32)))
    (func (export "count-args") (result i32)
      (call $get-arguments (i32.const 16))
      (i32.load (i32.const 20)))
    (func (export "random") (result i64)
      (call $get-random-u64))
    (func (export "has-network") (result i32)
      (i32.ne (call $instance-network) (i32.const 0))))
  (core instance $main (instantiate $Main
    (with "env" (instance
      (export "memory" (memory $memory))
      (export "get-arguments" (func $get-arguments))
      (export "get-random-u64" (func $get-random-u64))
      (export "instance-network" (func $instance-network))))))

  (func (export "count-args") (result u32) (canon lift (core func $main "count-args")))
  (func (export "random") (result u64) (canon lift (core func $main "random")))
  (func (export "has-network") (result bool) (canon lift (core func $main "has-network")))
)
