;; The `http-hog` fixture: a wasi:http/incoming-handler@0.2.0 whose handle allocates without bound,
;; growing its memory 1 MiB at a time and touching each new MiB, and traps once `memory.grow`
;; fails (as a C program aborts when malloc returns NULL). A host that caps the instance's memory
;; makes it fail fast with a 500; nothing it does can take more than that cap.
(component $C
  (import "wasi:http/types@0.2.0" (instance $types
    (export "response-outparam" (type (sub resource)))
    (export "incoming-request" (type (sub resource)))))
  (alias export $types "incoming-request" (type $incoming-request))
  (alias export $types "response-outparam" (type $response-outparam))
  (core module $Main
    (memory 1)
    (func (export "handle") (param i32 i32)
      (local $old i32)
      (loop $more
        (local.set $old (memory.grow (i32.const 16)))
        (if (i32.eq (local.get $old) (i32.const -1))
          (then unreachable))
        (i32.store8 (i32.mul (local.get $old) (i32.const 65536)) (i32.const 1))
        (br $more))))
  (core instance $main (instantiate $Main))
  (type $own-request (own $incoming-request))
  (type $own-outparam (own $response-outparam))
  (func $handle (param "request" $own-request) (param "response-out" $own-outparam)
    (canon lift (core func $main "handle")))
  (instance $handler (export "handle" (func $handle)))
  (export "wasi:http/incoming-handler@0.2.0" (instance $handler))
)
