;; The `http-loop` fixture: a wasi:http/incoming-handler@0.2.0 whose handle loops forever without
;; answering, so a host must stop it at its deadline and answer 504.
(component $C
  (import "wasi:http/types@0.2.0" (instance $types
    (export "response-outparam" (type (sub resource)))
    (export "incoming-request" (type (sub resource)))))
  (alias export $types "incoming-request" (type $incoming-request))
  (alias export $types "response-outparam" (type $response-outparam))
  (core module $Main
    (func (export "handle") (param i32 i32)
      (loop $forever (br $forever))))
  (core instance $main (instantiate $Main))
  (type $own-request (own $incoming-request))
  (type $own-outparam (own $response-outparam))
  (func $handle (param "request" $own-request) (param "response-out" $own-outparam)
    (canon lift (core func $main "handle")))
  (instance $handler (export "handle" (func $handle)))
  (export "wasi:http/incoming-handler@0.2.0" (instance $handler))
)
