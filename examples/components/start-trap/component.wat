;; The `start-trap` fixture: a component whose core module traps in its start function, so
;; instantiating it always fails. A host must report the trap and leave nothing running.
;; It exports one function, never reachable: ping() -> u32.
(component
  (core module $M
    (func $start unreachable)
    (start $start)
    (func (export "ping") (result i32) i32.const 1))
  (core instance $m (instantiate $M))
  (func (export "ping") (result u32) (canon lift (core func $m "ping"))))
