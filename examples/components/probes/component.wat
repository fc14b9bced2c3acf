;; The `probes` fixture: engine edge cases in a few lines each, for the engine's own tests.
;;
;;   initialized() = true           a core module importing (import "" "" (func)) ran its start
;;                                  function, which called main's `initialize`
;;   spin()                         loops forever (stopped by a deadline)
;;   boom()                         traps with `unreachable`
;;   grow(pages) -> s32             memory.grow on a memory without a maximum
;;   grow-table() -> u32            grows a table by 10 and returns its size: 11 in every fresh
;;                                  instance (table.grow must not leak into later instances)
;;   count-down(n) -> u64           n tail calls (return_call), then 42
;;   call-back()                    calls the imported trellis:probes/host#callback
;;   blob-roundtrip(n) -> u32       host resource: [constructor]blob(n), [method]blob.size through
;;                                  a borrow, then resource.drop (the host's destructor runs)
;;   make-blob(n) -> own<blob>      hands a host resource made by the guest to the caller
;;   ask() -> u32                   returns what the world-level import answer() returns, plus 1
;;   recurse(n) -> s32              recurses without end (exhausts the call stack)
(component
  (import "trellis:probes/host" (instance $host
    (export "callback" (func))
    (export "blob" (type $blob (sub resource)))
    (export "[constructor]blob" (func (param "size" u32) (result (own $blob))))
    (export "[method]blob.size" (func (param "self" (borrow $blob)) (result u32)))))
  (alias export $host "blob" (type $blob))
  (import "answer" (func $answer (result u32)))
  (core func $answer (canon lower (func $answer)))
  (core func $callback (canon lower (func $host "callback")))
  (core func $new-blob (canon lower (func $host "[constructor]blob")))
  (core func $blob-size (canon lower (func $host "[method]blob.size")))
  (core func $drop-blob (canon resource.drop $blob))

  (core module $main
    (import "host" "callback" (func $callback))
    (import "host" "new-blob" (func $new-blob (param i32) (result i32)))
    (import "host" "blob-size" (func $blob-size (param i32) (result i32)))
    (import "host" "drop-blob" (func $drop-blob (param i32)))
    (import "host" "answer" (func $answer (result i32)))
    (memory (export "memory") 1)
    (table $t 1 funcref)
    (global $initialized (mut i32) (i32.const 0))
    (func (export "initialize") (global.set $initialized (i32.const 1)))
    (func (export "initialized") (result i32) (global.get $initialized))
    (func (export "spin") (loop $forever (br $forever)))
    (func (export "boom") unreachable)
    (func (export "grow") (param $pages i32) (result i32) (memory.grow (local.get $pages)))
    (func (export "grow-table") (result i32)
      (drop (table.grow $t (ref.null func) (i32.const 10)))
      (table.size $t))
    (func (export "call-back") (call $callback))
    (func (export "blob-roundtrip") (param $n i32) (result i32) (local $handle i32) (local $size i32)
      (local.set $handle (call $new-blob (local.get $n)))
      (local.set $size (call $blob-size (local.get $handle)))
      (call $drop-blob (local.get $handle))
      (local.get $size))
    (func $recurse (export "recurse") (param $n i32) (result i32)
      (i32.add (call $recurse (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
    (func (export "ask") (result i32) (i32.add (call $answer) (i32.const 1)))
    (func (export "make-blob") (param $n i32) (result i32) (call $new-blob (local.get $n)))
    (func $count (param $n i64) (result i64)
      (if (result i64) (i64.eqz (local.get $n))
        (then (i64.const 42))
        (else (return_call $count (i64.sub (local.get $n) (i64.const 1))))))
    (func (export "count-down") (param $n i64) (result i64) (call $count (local.get $n)))
  )
  (core instance $host-bag
    (export "callback" (func $callback))
    (export "new-blob" (func $new-blob))
    (export "blob-size" (func $blob-size))
    (export "drop-blob" (func $drop-blob))
    (export "answer" (func $answer)))
  (core instance $main (instantiate $main (with "host" (instance $host-bag))))

  ;; wit-component's _initialize caller: an import whose module and field names are both empty.
  (core module $init
    (import "" "" (func $initialize))
    (start $initialize))
  (alias core export $main "initialize" (core func $initialize))
  (core instance $init-args (export "" (func $initialize)))
  (core instance (instantiate $init (with "" (instance $init-args))))

  (func $initialized (result bool) (canon lift (core func $main "initialized")))
  (func $spin (canon lift (core func $main "spin")))
  (func $boom (canon lift (core func $main "boom")))
  (func $grow (param "pages" u32) (result s32) (canon lift (core func $main "grow")))
  (func $grow-table (result u32) (canon lift (core func $main "grow-table")))
  (func $count-down (param "n" u64) (result u64) (canon lift (core func $main "count-down")))
  (func $call-back (canon lift (core func $main "call-back")))
  (func $blob-roundtrip (param "n" u32) (result u32) (canon lift (core func $main "blob-roundtrip")))
  (func $make-blob (param "n" u32) (result (own $blob)) (canon lift (core func $main "make-blob")))
  (export "initialized" (func $initialized))
  (export "spin" (func $spin))
  (export "boom" (func $boom))
  (export "grow" (func $grow))
  (export "grow-table" (func $grow-table))
  (export "count-down" (func $count-down))
  (export "call-back" (func $call-back))
  (export "blob-roundtrip" (func $blob-roundtrip))
  (export "make-blob" (func $make-blob))
  (func $ask (result u32) (canon lift (core func $main "ask")))
  (export "ask" (func $ask))
  (func $recurse (param "n" s32) (result s32) (canon lift (core func $main "recurse")))
  (export "recurse" (func $recurse))
)
