;; The `http-sum` fixture: a wasi:http handler that calls another component. It imports
;; trellis:examples/calculator (served in-process by calc.wasm, which itself imports
;; trellis:examples/math) and answers every request with
;;
;;   200, content-type: text/plain, body "sum=6\n"
;;
;; where 6 is calculator.sum([1, 2, 3]), so one request crosses an in-process link and whatever
;; serves calc's math import. Otherwise it is http-hello: the same calls, the same two core modules.
(component $C
  (import "trellis:examples/calculator" (instance $calculator
    (type $xs (list s32))
    (export "sum" (func (param "xs" $xs) (result s32)))))
  (import "wasi:io/error@0.2.0" (instance $io-error
    (export "error" (type (sub resource)))))
  (alias export $io-error "error" (type $error))
  (import "wasi:io/streams@0.2.0" (instance $streams
    (export "output-stream" (type (sub resource)))
    (alias outer $C $error (type $error-outer))
    (export "error" (type $err (eq $error-outer)))
    (type $own-error (own $err))
    (type $stream-error (variant (case "last-operation-failed" $own-error) (case "closed")))
    (export "stream-error" (type $se (eq $stream-error)))
    (type $borrow-out (borrow 0))
    (type $bytes (list u8))
    (type $write-result (result (error $se)))
    (export "[method]output-stream.blocking-write-and-flush"
      (func (param "self" $borrow-out) (param "contents" $bytes) (result $write-result)))))
  (alias export $streams "output-stream" (type $output-stream))
  (import "wasi:http/types@0.2.0" (instance $types
    (export "fields" (type $fields (sub resource)))
    (type $key string)
    (export "field-key" (type $field-key (eq $key)))
    (type $value (list u8))
    (export "field-value" (type $field-value (eq $value)))
    (type $he (variant (case "invalid-syntax") (case "forbidden") (case "immutable")))
    (export "header-error" (type $header-error (eq $he)))
    (export "headers" (type $headers (eq $fields)))
    (export "outgoing-response" (type $outgoing-response (sub resource)))
    (export "outgoing-body" (type $outgoing-body (sub resource)))
    (alias outer $C $output-stream (type $os-outer))
    (export "output-stream" (type $os (eq $os-outer)))
    (export "trailers" (type $trailers (eq $fields)))
    (type $opt-string (option string))
    (type $opt-u16 (option u16))
    (type $dns (record (field "rcode" $opt-string) (field "info-code" $opt-u16)))
    (export "DNS-error-payload" (type $dns-payload (eq $dns)))
    (type $opt-u8 (option u8))
    (type $tls (record (field "alert-id" $opt-u8) (field "alert-message" $opt-string)))
    (export "TLS-alert-received-payload" (type $tls-payload (eq $tls)))
    (type $opt-u32 (option u32))
    (type $fs (record (field "field-name" $opt-string) (field "field-size" $opt-u32)))
    (export "field-size-payload" (type $fs-payload (eq $fs)))
    (type $opt-u64 (option u64))
    (type $opt-fs (option $fs-payload))
    (type $ec (variant (case "DNS-timeout") (case "DNS-error" $dns-payload) (case "destination-not-found") (case "destination-unavailable") (case "destination-IP-prohibited") (case "destination-IP-unroutable") (case "connection-refused") (case "connection-terminated") (case "connection-timeout") (case "connection-read-timeout") (case "connection-write-timeout") (case "connection-limit-reached") (case "TLS-protocol-error") (case "TLS-certificate-error") (case "TLS-alert-received" $tls-payload) (case "HTTP-request-denied") (case "HTTP-request-length-required") (case "HTTP-request-body-size" $opt-u64) (case "HTTP-request-method-invalid") (case "HTTP-request-URI-invalid") (case "HTTP-request-URI-too-long") (case "HTTP-request-header-section-size" $opt-u32) (case "HTTP-request-header-size" $opt-fs) (case "HTTP-request-trailer-section-size" $opt-u32) (case "HTTP-request-trailer-size" $fs-payload) (case "HTTP-response-incomplete") (case "HTTP-response-header-section-size" $opt-u32) (case "HTTP-response-header-size" $fs-payload) (case "HTTP-response-body-size" $opt-u64) (case "HTTP-response-trailer-section-size" $opt-u32) (case "HTTP-response-trailer-size" $fs-payload) (case "HTTP-response-transfer-coding" $opt-string) (case "HTTP-response-content-coding" $opt-string) (case "HTTP-response-timeout") (case "HTTP-upgrade-failed") (case "HTTP-protocol-error") (case "loop-detected") (case "configuration-error") (case "internal-error" $opt-string)))
    (export "error-code" (type $error-code (eq $ec)))
    (export "response-outparam" (type $response-outparam (sub resource)))
    (export "incoming-request" (type $incoming-request (sub resource)))
    (type $own-fields (own $fields))
    (type $entry (tuple $field-key $field-value))
    (type $entries (list $entry))
    (type $from-list-result (result $own-fields (error $header-error)))
    (export "[static]fields.from-list"
      (func (param "entries" $entries) (result $from-list-result)))
    (type $own-headers (own $headers))
    (type $own-response (own $outgoing-response))
    (export "[constructor]outgoing-response"
      (func (param "headers" $own-headers) (result $own-response)))
    (type $borrow-response (borrow $outgoing-response))
    (type $own-body (own $outgoing-body))
    (type $body-result (result $own-body))
    (export "[method]outgoing-response.body"
      (func (param "self" $borrow-response) (result $body-result)))
    (type $borrow-body (borrow $outgoing-body))
    (type $own-os (own $os))
    (type $write-result (result $own-os))
    (export "[method]outgoing-body.write" (func (param "self" $borrow-body) (result $write-result)))
    (type $own-trailers (own $trailers))
    (type $opt-trailers (option $own-trailers))
    (type $finish-result (result (error $error-code)))
    (export "[static]outgoing-body.finish"
      (func (param "this" $own-body) (param "trailers" $opt-trailers) (result $finish-result)))
    (type $own-outparam (own $response-outparam))
    (type $response (result $own-response (error $error-code)))
    (export "[static]response-outparam.set"
      (func (param "param" $own-outparam) (param "response" $response)))))
  (alias export $types "incoming-request" (type $incoming-request))
  (alias export $types "response-outparam" (type $response-outparam))

  ;; owns the memory and the allocator that lowered imports write into
  (core module $Heap
    (memory (export "memory") 1 1)
    (global $next (mut i32) (i32.const 4096))
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

  (core func $fields-from-list
    (canon lower (func $types "[static]fields.from-list") (memory $memory) string-encoding=utf8))
  (core func $response-new (canon lower (func $types "[constructor]outgoing-response")))
  (core func $response-body
    (canon lower (func $types "[method]outgoing-response.body") (memory $memory)))
  (core func $body-write (canon lower (func $types "[method]outgoing-body.write") (memory $memory)))
  (core func $body-finish
    (canon lower (func $types "[static]outgoing-body.finish") (memory $memory) (realloc $realloc)
      string-encoding=utf8))
  (core func $outparam-set
    (canon lower (func $types "[static]response-outparam.set") (memory $memory)
      string-encoding=utf8))
  (core func $drop-request (canon resource.drop $incoming-request))
  (core func $write-and-flush
    (canon lower (func $streams "[method]output-stream.blocking-write-and-flush") (memory $memory)))
  (core func $drop-stream (canon resource.drop $output-stream))
  (core func $sum (canon lower (func $calculator "sum") (memory $memory)))

  (core module $Main
    (import "env" "memory" (memory 1 1))
    (import "http" "fields-from-list" (func $fields-from-list (param i32 i32 i32)))
    (import "http" "response-new" (func $response-new (param i32) (result i32)))
    (import "http" "response-body" (func $response-body (param i32 i32)))
    (import "http" "body-write" (func $body-write (param i32 i32)))
    (import "http" "body-finish" (func $body-finish (param i32 i32 i32 i32)))
    (import "http" "outparam-set" (func $outparam-set (param i32 i32 i32 i32 i64 i32 i32 i32 i32)))
    (import "http" "drop-request" (func $drop-request (param i32)))
    (import "io" "write-and-flush" (func $write-and-flush (param i32 i32 i32 i32)))
    (import "io" "drop-stream" (func $drop-stream (param i32)))
    (import "calc" "sum" (func $sum (param i32 i32) (result i32)))
    (data (i32.const 64) "content-type")
    (data (i32.const 80) "text/plain")
    (data (i32.const 96) "sum=?\0a")
    ;; the list<s32> [1, 2, 3]
    (data (i32.const 160) "\01\00\00\00\02\00\00\00\03\00\00\00")
    ;; the one header as list<tuple<string, list<u8>>>: (ptr 64, len 12, ptr 80, len 10)
    (data (i32.const 128) "\40\00\00\00\0c\00\00\00\50\00\00\00\0a\00\00\00")
    ;; a failed call leaves 1 in the result discriminant at 16: trap
    (func $check
      (if (i32.load8_u (i32.const 16)) (then unreachable)))
    (func (export "handle") (param $request i32) (param $out i32)
      (local $headers i32) (local $response i32) (local $body i32) (local $stream i32)
      (call $drop-request (local.get $request))
      ;; the digit of sum([1, 2, 3]) replaces the '?' of the body
      (i32.store8 (i32.const 100)
        (i32.add (i32.const 48) (call $sum (i32.const 160) (i32.const 3))))
      (call $fields-from-list (i32.const 128) (i32.const 1) (i32.const 16))
      (call $check)
      (local.set $headers (i32.load (i32.const 20)))
      (local.set $response (call $response-new (local.get $headers)))
      (call $response-body (local.get $response) (i32.const 16))
      (call $check)
      (local.set $body (i32.load (i32.const 20)))
      ;; set(out, ok(response)): the result and its error-code payload flatten to 8 values
      (call $outparam-set (local.get $out) (i32.const 0) (local.get $response)
        (i32.const 0) (i64.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
      (call $body-write (local.get $body) (i32.const 16))
      (call $check)
      (local.set $stream (i32.load (i32.const 20)))
      (call $write-and-flush (local.get $stream) (i32.const 96) (i32.const 6) (i32.const 16))
      (call $check)
      (call $drop-stream (local.get $stream))
      (call $body-finish (local.get $body) (i32.const 0) (i32.const 0) (i32.const 16))
      (call $check)))
  (core instance $main (instantiate $Main
    (with "env" (instance (export "memory" (memory $memory))))
    (with "http" (instance
      (export "fields-from-list" (func $fields-from-list))
      (export "response-new" (func $response-new))
      (export "response-body" (func $response-body))
      (export "body-write" (func $body-write))
      (export "body-finish" (func $body-finish))
      (export "outparam-set" (func $outparam-set))
      (export "drop-request" (func $drop-request))))
    (with "io" (instance
      (export "write-and-flush" (func $write-and-flush))
      (export "drop-stream" (func $drop-stream))))
    (with "calc" (instance (export "sum" (func $sum))))))

  (type $own-request (own $incoming-request))
  (type $own-outparam (own $response-outparam))
  (func $handle (param "request" $own-request) (param "response-out" $own-outparam)
    (canon lift (core func $main "handle")))
  (instance $handler (export "handle" (func $handle)))
  (export "wasi:http/incoming-handler@0.2.0" (instance $handler))
)
