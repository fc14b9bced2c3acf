;; The `strings` fixture: one core module lifted three times, once per canonical ABI string
;; encoding. Each exported interface has the same four functions:
;;
;;   echo: func(s: string) -> string           the string back, in the same memory and encoding
;;   code-units: func(s: string) -> u32        the raw length the core function received:
;;                                             UTF-8 bytes, UTF-16 code units, or for
;;                                             latin1+utf16 Latin-1 bytes / UTF-16 code units
;;                                             with bit 31 (the UTF-16 tag) set
;;   greeting: func() -> string                "Grüße, 世界!" stored in the interface's encoding
;;                                             (latin1+utf16 must use its tagged UTF-16 form)
;;   short-greeting: func() -> string          "Grüße!" (latin1+utf16 stores it as Latin-1)
;;
;; Strings from the host are placed with a bump allocator that never frees: every call of a
;; fresh instance starts from the same heap, and the fixture does not need more.
(component
  (core module $strings
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 1024))

    ;; Constant strings.
    ;; 256: "Grüße, 世界!" UTF-8, 16 bytes
    (data (i32.const 256) "Grüße, 世界!")
    ;; 288: "Grüße, 世界!" UTF-16LE, 10 code units
    (data (i32.const 288) "\47\00\72\00\fc\00\df\00\65\00\2c\00\20\00\16\4e\4c\75\21\00")
    ;; 320: "Grüße!" UTF-8, 8 bytes
    (data (i32.const 320) "Grüße!")
    ;; 336: "Grüße!" UTF-16LE, 6 code units
    (data (i32.const 336) "\47\00\72\00\fc\00\df\00\65\00\21\00")
    ;; 352: "Grüße!" Latin-1, 6 bytes
    (data (i32.const 352) "\47\72\fc\df\65\21")

    ;; realloc(old_ptr, old_size, align, new_size) -> ptr: bump allocation, copying the old
    ;; contents when a previous allocation is resized.
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

    ;; Writes (ptr, len) to the return area at 16 and returns its address.
    (func $ret (param $ptr i32) (param $len i32) (result i32)
      (i32.store (i32.const 16) (local.get $ptr))
      (i32.store (i32.const 20) (local.get $len))
      (i32.const 16))

    (func (export "echo") (param $ptr i32) (param $len i32) (result i32)
      (call $ret (local.get $ptr) (local.get $len)))
    (func (export "code-units") (param $ptr i32) (param $len i32) (result i32)
      (local.get $len))

    (func (export "greeting-utf8") (result i32)
      (call $ret (i32.const 256) (i32.const 16)))
    (func (export "greeting-utf16") (result i32)
      (call $ret (i32.const 288) (i32.const 10)))
    (func (export "greeting-latin1-utf16") (result i32)
      (call $ret (i32.const 288) (i32.or (i32.const 10) (i32.const 0x80000000))))
    (func (export "short-greeting-utf8") (result i32)
      (call $ret (i32.const 320) (i32.const 8)))
    (func (export "short-greeting-utf16") (result i32)
      (call $ret (i32.const 336) (i32.const 6)))
    (func (export "short-greeting-latin1-utf16") (result i32)
      (call $ret (i32.const 352) (i32.const 6)))
  )
  (core instance $core (instantiate $strings))
  (alias core export $core "memory" (core memory $memory))
  (alias core export $core "realloc" (core func $realloc))

  (type $echo-type (func (param "s" string) (result string)))
  (type $code-units-type (func (param "s" string) (result u32)))
  (type $greeting-type (func (result string)))

  ;; UTF-8
  (func $echo-utf8 (type $echo-type)
    (canon lift (core func $core "echo") (memory $memory) (realloc $realloc)
      string-encoding=utf8))
  (func $code-units-utf8 (type $code-units-type)
    (canon lift (core func $core "code-units") (memory $memory) (realloc $realloc)
      string-encoding=utf8))
  (func $greeting-utf8 (type $greeting-type)
    (canon lift (core func $core "greeting-utf8") (memory $memory) string-encoding=utf8))
  (func $short-greeting-utf8 (type $greeting-type)
    (canon lift (core func $core "short-greeting-utf8") (memory $memory) string-encoding=utf8))
  (instance $utf8
    (export "echo" (func $echo-utf8))
    (export "code-units" (func $code-units-utf8))
    (export "greeting" (func $greeting-utf8))
    (export "short-greeting" (func $short-greeting-utf8)))
  (export "trellis:examples/strings-utf8" (instance $utf8))

  ;; UTF-16
  (func $echo-utf16 (type $echo-type)
    (canon lift (core func $core "echo") (memory $memory) (realloc $realloc)
      string-encoding=utf16))
  (func $code-units-utf16 (type $code-units-type)
    (canon lift (core func $core "code-units") (memory $memory) (realloc $realloc)
      string-encoding=utf16))
  (func $greeting-utf16 (type $greeting-type)
    (canon lift (core func $core "greeting-utf16") (memory $memory) string-encoding=utf16))
  (func $short-greeting-utf16 (type $greeting-type)
    (canon lift (core func $core "short-greeting-utf16") (memory $memory)
      string-encoding=utf16))
  (instance $utf16
    (export "echo" (func $echo-utf16))
    (export "code-units" (func $code-units-utf16))
    (export "greeting" (func $greeting-utf16))
    (export "short-greeting" (func $short-greeting-utf16)))
  (export "trellis:examples/strings-utf16" (instance $utf16))

  ;; latin1+utf16 ("compact UTF-16")
  (func $echo-latin1-utf16 (type $echo-type)
    (canon lift (core func $core "echo") (memory $memory) (realloc $realloc)
      string-encoding=latin1+utf16))
  (func $code-units-latin1-utf16 (type $code-units-type)
    (canon lift (core func $core "code-units") (memory $memory) (realloc $realloc)
      string-encoding=latin1+utf16))
  (func $greeting-latin1-utf16 (type $greeting-type)
    (canon lift (core func $core "greeting-latin1-utf16") (memory $memory)
      string-encoding=latin1+utf16))
  (func $short-greeting-latin1-utf16 (type $greeting-type)
    (canon lift (core func $core "short-greeting-latin1-utf16") (memory $memory)
      string-encoding=latin1+utf16))
  (instance $latin1-utf16
    (export "echo" (func $echo-latin1-utf16))
    (export "code-units" (func $code-units-latin1-utf16))
    (export "greeting" (func $greeting-latin1-utf16))
    (export "short-greeting" (func $short-greeting-latin1-utf16)))
  (export "trellis:examples/strings-latin1-utf16" (instance $latin1-utf16))
)
